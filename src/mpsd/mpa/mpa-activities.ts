// The answer to an activities query, read as the SDK reads it [mpa.md §2.3 info, json]: a missing
// `userActivities` fails the whole answer; a user's `null` list is empty (the service's "retry"
// signal, which the SDK ignores); activities of another title are dropped; join restriction and
// platform are read case-insensitively (`IOS` is `iOS`), unknown ones as Public and Unknown.
import { JOIN_RESTRICTIONS, MPA_PLATFORMS, type JoinRestriction } from './mpa-limits'

export type MpaActivity = {
  userId: string
  titleId: string
  sequenceNumber?: string
  /** Withheld (null) when the caller may not join [§2.3 l-act, hdr]. */
  connectionString: string | null
  joinRestriction: JoinRestriction
  maxPlayers?: number
  currentPlayers?: number
  groupId: string | null
  platform: string
}

export type QueryAnswer =
  | { ok: true; activities: MpaActivity[]; dropped: number; retryUsers: string[] }
  | { ok: false; error: string }

function caseless<T extends string>(values: readonly T[], value: unknown): T | undefined {
  return typeof value === 'string'
    ? values.find((v) => v.toLowerCase() === value.toLowerCase())
    : undefined
}

const isCount = (v: unknown): v is number => typeof v === 'number' && Number.isInteger(v) && v >= 0

// Numbers outside strings are kept as their digits: a sequence number may pass 2^53.
const TOKEN = /"(?:[^"\\]|\\.)*"|-?\d+(?:\.\d+)?(?:[eE][+-]?\d+)?/g

export function parseQueryAnswer(body: string, titleId: string): QueryAnswer {
  let data: unknown
  try {
    data = JSON.parse(body.replace(TOKEN, (t) => (t[0] === '"' ? t : `{"$n":"${t}"}`)))
  } catch {
    return { ok: false, error: 'The answer is not JSON.' }
  }
  const num = (v: unknown): string | undefined =>
    typeof v === 'object' && v !== null && '$n' in v ? String((v as { $n: unknown }).$n) : undefined
  const users = (data as { userActivities?: unknown } | null)?.userActivities
  if (!Array.isArray(users))
    return { ok: false, error: 'The answer has no userActivities list (the SDK fails the call).' }
  const activities: MpaActivity[] = []
  const retryUsers: string[] = []
  let dropped = 0
  for (const user of users as Array<Record<string, unknown> | null>) {
    const userId = user?.userId
    if (typeof userId !== 'string') return { ok: false, error: 'An entry has no userId string.' }
    if (user?.activities === null) retryUsers.push(userId)
    if (!Array.isArray(user?.activities)) continue
    for (const raw of user.activities as Array<Record<string, unknown>>) {
      const activityTitle = num(raw.titleId)
      if (activityTitle === undefined)
        return { ok: false, error: `An activity of ${userId} has no numeric titleId.` }
      if (activityTitle !== titleId) {
        dropped++
        continue
      }
      const count = (v: unknown) => {
        const n = num(v)
        return n === undefined ? undefined : Number(n)
      }
      const maxPlayers = count(raw.maxPlayers)
      const currentPlayers = count(raw.currentPlayers)
      const sequenceNumber = num(raw.sequenceNumber)
      activities.push({
        userId,
        titleId: activityTitle,
        ...(sequenceNumber === undefined ? {} : { sequenceNumber }),
        connectionString: typeof raw.connectionString === 'string' ? raw.connectionString : null,
        joinRestriction: caseless(JOIN_RESTRICTIONS, raw.joinRestriction) ?? 'Public',
        ...(isCount(maxPlayers) ? { maxPlayers } : {}),
        ...(isCount(currentPlayers) ? { currentPlayers } : {}),
        groupId: typeof raw.groupId === 'string' ? raw.groupId : null,
        platform: caseless(MPA_PLATFORMS, raw.platform) ?? 'Unknown',
      })
    }
  }
  return { ok: true, activities, dropped, retryUsers }
}

/**
 * The accept URI a GDK title on PC is launched with [§4 d-how, l-how; §6.3]. Whether the shell
 * encodes the connection string is not documented [§8.2]: it is percent-encoded here, so a `&` or
 * `=` in it cannot be read as another parameter (decision 110).
 */
export function mpaInviteAcceptUri(invite: {
  invitedUser: string
  sender: string
  connectionString: string
}): string {
  return `ms-xbl-multiplayer://inviteAccept?invitedUser=${encodeURIComponent(invite.invitedUser)}&sender=${encodeURIComponent(invite.sender)}&connectionString=${encodeURIComponent(invite.connectionString)}`
}
