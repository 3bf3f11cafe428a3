// The Multiplayer Activity kinds of the request entity (request-entity.ts holds the union): each
// the version and its blocks, values kept as typed, like every other kind (decision 004). No
// session reference: MPA needs no MPSD session [mpa.md §4]. The envelope's contract version is
// kept for the shape every reader expects, and ignored: every MPA call sends contract 1 [§1].
import { z } from 'zod'

const typed = () => z.string().default('')

const mpaTitleBlock = z.object({ titleId: typed() })
/** The caller's own XUID (the path's) and the sequence number; "" or "auto" = computed. */
const mpaUserBlock = z.object({ xuid: typed(), sequenceNumber: typed() })
/** Shared by an activity and its invites: empty platform = cross-play (left out). */
const mpaJoinBlock = z.object({ connectionString: typed(), platform: typed() })
const mpaActivityBlock = z.object({
  joinRestriction: typed(),
  maxPlayers: typed(),
  currentPlayers: typed(),
  groupId: typed(),
})
/** XUIDs one per line (commas and spaces separate too). */
const mpaInviteBlock = z.object({ invitedUsers: typed() })
const mpaQueryBlock = z.object({ users: typed() })
/** One per line: `<xuid> [Default|Teammate|Opponent] [timestamp]`. */
const mpaRecentBlock = z.object({ recentPlayers: typed() })

/** The MPA kinds' schemas on the entity's envelope (`v`, `contractVersion`), for its union. */
export function mpaRequestSchemas<E extends z.ZodRawShape>(envelope: E) {
  const mpaSetActivityRequestSchema = z.object({
    ...envelope,
    kind: z.literal('mpaSetActivity'),
    mpaTitle: mpaTitleBlock.prefault({}),
    mpaUser: mpaUserBlock.prefault({}),
    mpaJoin: mpaJoinBlock.prefault({}),
    mpaActivity: mpaActivityBlock.prefault({}),
  })

  const mpaDeleteActivityRequestSchema = z.object({
    ...envelope,
    kind: z.literal('mpaDeleteActivity'),
    mpaTitle: mpaTitleBlock.prefault({}),
    mpaUser: mpaUserBlock.prefault({}),
  })

  const mpaQueryActivitiesRequestSchema = z.object({
    ...envelope,
    kind: z.literal('mpaQueryActivities'),
    mpaTitle: mpaTitleBlock.prefault({}),
    mpaQuery: mpaQueryBlock.prefault({}),
  })

  const mpaSendInvitesRequestSchema = z.object({
    ...envelope,
    kind: z.literal('mpaSendInvites'),
    mpaTitle: mpaTitleBlock.prefault({}),
    mpaJoin: mpaJoinBlock.prefault({}),
    mpaInvite: mpaInviteBlock.prefault({}),
  })

  const mpaRecentPlayersRequestSchema = z.object({
    ...envelope,
    kind: z.literal('mpaRecentPlayers'),
    mpaTitle: mpaTitleBlock.prefault({}),
    mpaRecent: mpaRecentBlock.prefault({}),
  })

  return [
    mpaSetActivityRequestSchema,
    mpaDeleteActivityRequestSchema,
    mpaQueryActivitiesRequestSchema,
    mpaSendInvitesRequestSchema,
    mpaRecentPlayersRequestSchema,
  ] as const
}
