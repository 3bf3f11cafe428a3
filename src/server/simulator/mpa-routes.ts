// Multiplayer Activity in the simulator, as ../shared/mpa.md states it (decision 110): activities
// per user per title (PUT/DELETE with a sequence number, GET, batch query), invites to up to 16
// users (each lands in the invitee's Inbox), recent players. Answers in MPA's formats: 204 with no
// body, 200 JSON, 400 `{errorCode, debugMessage}`, 429 with the throttling body and Retry-After.
// Where the sources are silent the simulator assumes, and says so in decision 110: the stale
// sequence number (a switchable rule), who "follows" whom, how long an invite lives.
import type { Context, Hono } from 'hono'
import { UINT32_MAX, UINT64_MAX } from '../../mpsd/limits'
import {
  ACTIVITY_LIFETIME_MS,
  CONNECTION_STRING_MAX,
  CURRENT_PLAYERS_RANGE,
  ENCOUNTER_TYPES,
  GROUP_ID_MAX,
  INVITE_MAX_USERS,
  JOIN_RESTRICTIONS,
  MAX_PLAYERS_RANGE,
  MPA_BUDGETS,
  MPA_PLATFORMS,
  QUERY_MAX_USERS,
  RECENT_PLAYERS_MAX,
  REST_IOS,
  type MpaBucket,
} from '../../mpsd/mpa/mpa-limits'
import { SIM_RULE_HEADER, SIM_RULE_IDS, simRuleById } from '../../mpsd/sim-rules'
import { userKey, type StoredMpaActivity, type StoredRecentPlayer } from './mpa-store'
import type { SimulatorState } from './simulator-state'
import type { SimRulesState } from './sim-rules-state'

/** Not documented [§8.8]: an MPA invite is assumed to live a day, like an MPSD invite handle. */
export const MPA_INVITE_LIFETIME_MS = 24 * 60 * 60 * 1000

type Env = { Variables: { xuid: string; body: string } }

export type MpaRouteDeps = {
  state: SimulatorState
  now: () => number
  rules: SimRulesState
  /** Off with SIM_THROTTLE=off or ?sim_throttle=off, as MPSD's budgets. */
  throttle: boolean
}

const JSON_TYPE = { 'Content-Type': 'application/json; charset=utf-8' }
const DECIMAL = /^(0|[1-9]\d*)$/

/** MPA's ErrorResponse [§3]. */
function mpaError(
  code: 'RequestValidationError' | 'AuthorizationError' | 'InvalidRequest',
  message: string,
): Response {
  return new Response(JSON.stringify({ errorCode: code, debugMessage: message }), {
    status: 400,
    headers: JSON_TYPE,
  })
}

function within(value: string, min: bigint, max: bigint): boolean {
  return DECIMAL.test(value) && value.length <= 20 && BigInt(value) >= min && BigInt(value) <= max
}

const isXuid = (v: unknown): v is string => typeof v === 'string' && within(v, 1n, UINT64_MAX)
const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v)

/** Every MPA path starts with the title: a decimal uint32 [§1]. */
export function isMpaSimPath(path: string): boolean {
  return /^(\/sim)?\/titles\//.test(path)
}

/**
 * The digits of the top-level `sequenceNumber` as sent (number or, as the REST page types it, a
 * string: both accepted [§8.1]); JSON.parse would round a 64-bit number.
 */
function sequenceDigits(raw: string): string | undefined {
  return /"sequenceNumber"\s*:\s*"?(\d{1,20})"?\s*[,}]/.exec(raw)?.[1]
}

export function registerMpaRoutes(app: Hono<Env>, deps: MpaRouteDeps): void {
  const { state, now, rules } = deps
  const store = state.mpa

  function readBody(c: Context<Env>): { ok: true; value: unknown } | { ok: false } {
    try {
      return { ok: true, value: JSON.parse(c.get('body')) as unknown }
    } catch {
      return { ok: false }
    }
  }

  /** The fine-grained rate limits per user per title [§3]; a throttled call still counts. */
  function throttled(c: Context<Env>, bucket: MpaBucket, titleId: string): Response | undefined {
    if (!deps.throttle || c.req.query('sim_throttle') === 'off') return undefined
    const at = now()
    const key = `${bucket}:${userKey(titleId, c.get('xuid'))}`
    const { burst, sustain } = MPA_BUDGETS[bucket]
    const calls = (store.calls.get(key) ?? []).filter((t) => t > at - sustain.windowMs)
    let refusal: Response | undefined
    for (const [type, budget] of [
      ['burst', burst],
      ['sustain', sustain],
    ] as const) {
      const inWindow = calls.filter((t) => t > at - budget.windowMs)
      if (inWindow.length < budget.limit) continue
      const retryAfter = Math.max(1, Math.ceil(((inWindow[0] ?? at) + budget.windowMs - at) / 1000))
      // Both spellings of the kind field [§3, §8.4]: limitType (REST, 2020 FGRL) and type (GDK).
      refusal = new Response(
        JSON.stringify({
          version: 1,
          currentRequests: inWindow.length + 1,
          maxRequests: budget.limit,
          periodInSeconds: budget.windowMs / 1000,
          limitType: 'rate',
          type: type,
          debugMessage: `Too many requests: ${budget.limit} per ${budget.windowMs / 1000} s for this user and title (${bucket}).`,
        }),
        { status: 429, headers: { ...JSON_TYPE, 'Retry-After': String(retryAfter) } },
      )
      break
    }
    calls.push(at)
    store.calls.set(key, calls)
    return refusal
  }

  function title(c: Context<Env>): string | Response {
    const titleId = c.req.param('titleId') ?? ''
    return within(titleId, 1n, UINT32_MAX)
      ? titleId
      : mpaError('RequestValidationError', 'titleId must be a decimal number from 1 to 4294967295.')
  }

  function liveActivity(titleId: string, xuid: string): StoredMpaActivity | undefined {
    const key = userKey(titleId, xuid)
    const activity = store.activities.get(key)
    // Removed 24 h after its last update [§2.1 l-act].
    if (activity && activity.updatedAt + ACTIVITY_LIFETIME_MS <= now()) {
      store.activities.delete(key)
      return undefined
    }
    return activity
  }

  /**
   * Whether the caller is told the connection string [§2.3 l-act, hdr]: the owner always; nobody
   * while the activity is full; Public: anyone; Followed: whom the owner follows (the simulator has
   * no social graph: roster players follow each other); InviteOnly: whom the owner invited.
   */
  function mayJoin(activity: StoredMpaActivity, caller: string): boolean {
    if (caller === activity.xuid) return true
    if (
      activity.maxPlayers !== undefined &&
      activity.currentPlayers !== undefined &&
      activity.currentPlayers >= activity.maxPlayers
    )
      return false
    if (activity.joinRestriction === 'Public') return true
    if (activity.joinRestriction === 'Followed') {
      const onRoster = (x: string) => state.players.some((p) => p.xuid === x)
      return onRoster(caller) && onRoster(activity.xuid)
    }
    const at = now()
    return store.invites.some(
      (i) =>
        i.titleId === activity.titleId &&
        i.sender === activity.xuid &&
        i.invitedUser === caller &&
        i.expiresAt > at,
    )
  }

  /** The answer's activity [§2.3 sw-q], sequence number written from its digits. */
  function activityJson(activity: StoredMpaActivity, caller: string): string {
    const shown = {
      sequenceNumber: '\u0000seq\u0000',
      titleId: Number(activity.titleId),
      ...(mayJoin(activity, caller) ? { connectionString: activity.connectionString } : {}),
      joinRestriction: activity.joinRestriction,
      ...(activity.maxPlayers === undefined ? {} : { maxPlayers: activity.maxPlayers }),
      ...(activity.currentPlayers === undefined ? {} : { currentPlayers: activity.currentPlayers }),
      ...(activity.groupId === undefined ? {} : { groupId: activity.groupId }),
      ...(activity.platform === undefined ? {} : { platform: activity.platform }),
    }
    return JSON.stringify(shown).replace('"\\u0000seq\\u0000"', String(activity.sequenceNumber))
  }

  /** The user's own activity only [§2.1 "users can only set activity for themselves"]. */
  /** Every MPA call: a valid title in the path, then the caller's budget for it [mpa.md §3]. */
  function admitted(c: Context<Env>, bucket: MpaBucket): string | Response {
    const titleId = title(c)
    if (titleId instanceof Response) return titleId
    return throttled(c, bucket, titleId) ?? titleId
  }

  function ownUser(c: Context<Env>): Response | undefined {
    const xuid = c.req.param('xuid') ?? ''
    if (!within(xuid, 1n, UINT64_MAX))
      return mpaError('RequestValidationError', 'xuid must be a decimal XUID.')
    if (xuid !== c.get('xuid'))
      return mpaError(
        'AuthorizationError',
        `The caller (${c.get('xuid')}) can set and delete only their own activity, not ${xuid}'s.`,
      )
    return undefined
  }

  /** The sequence number of a PUT or DELETE, checked against the last one [§2.1, §8.1]. */
  function sequenceOf(
    c: Context<Env>,
    titleId: string,
    body: Record<string, unknown>,
  ): bigint | Response {
    const raw = body.sequenceNumber
    const digits = sequenceDigits(c.get('body'))
    if (
      (typeof raw !== 'number' && typeof raw !== 'string') ||
      digits === undefined ||
      !within(digits, 1n, UINT64_MAX)
    )
      return mpaError(
        'RequestValidationError',
        'sequenceNumber is required: a whole number from 1 to 18446744073709551615.',
      )
    const sequence = BigInt(digits)
    const last = store.lastSequence.get(userKey(titleId, c.get('xuid')))
    const ruleId = SIM_RULE_IDS.mpaStaleSequence
    if (last !== undefined && sequence <= last && rules.isStrict(ruleId)) {
      const rule = simRuleById(ruleId)
      const message = `sequenceNumber ${sequence} is not greater than the last one sent (${last}).`
      return new Response(
        JSON.stringify({
          errorCode: 'RequestValidationError',
          debugMessage: message,
          simRule: ruleId,
          message: `${message} (simulator rule "${rule?.title ?? ruleId}", strict; switch it in Settings → Simulator rules)`,
        }),
        { status: 400, headers: { ...JSON_TYPE, [SIM_RULE_HEADER]: ruleId } },
      )
    }
    return sequence
  }

  app.put('/titles/:titleId/users/:xuid/activities', (c) => {
    const titleId = admitted(c, 'activityWrite')
    if (titleId instanceof Response) return titleId
    const refused = ownUser(c)
    if (refused) return refused
    const parsed = readBody(c)
    if (!parsed.ok || !isObject(parsed.value))
      return mpaError('RequestValidationError', 'The body must be a JSON object.')
    const body = parsed.value
    const problems: string[] = []
    const { connectionString, joinRestriction, maxPlayers, currentPlayers, groupId, platform } =
      body
    if (typeof connectionString !== 'string') problems.push('connectionString is required.')
    else if ([...connectionString].length > CONNECTION_STRING_MAX)
      problems.push(`connectionString is over ${CONNECTION_STRING_MAX} characters.`)
    if (!(JOIN_RESTRICTIONS as readonly unknown[]).includes(joinRestriction))
      problems.push(
        `joinRestriction is invalid; it must be one of ${JOIN_RESTRICTIONS.join(', ')}.`,
      )
    const count = (value: unknown, name: string, range: { min: number; max: number }) => {
      if (value === undefined) return
      if (
        !Number.isInteger(value) ||
        (value as number) < range.min ||
        (value as number) > range.max
      )
        problems.push(`${name} must be a whole number from ${range.min} to ${range.max}.`)
    }
    count(maxPlayers, 'maxPlayers', MAX_PLAYERS_RANGE)
    count(currentPlayers, 'currentPlayers', CURRENT_PLAYERS_RANGE)
    if (
      groupId !== undefined &&
      (typeof groupId !== 'string' || [...groupId].length > GROUP_ID_MAX)
    )
      problems.push(`groupId must be a string under ${GROUP_ID_MAX + 1} characters.`)
    if (platform !== undefined && !isPlatform(platform))
      problems.push(`platform must be one of ${[...MPA_PLATFORMS, REST_IOS].join(', ')}.`)
    if (problems.length > 0) return mpaError('RequestValidationError', problems.join(' '))
    const sequence = sequenceOf(c, titleId, body)
    if (sequence instanceof Response) return sequence
    const xuid = c.get('xuid')
    store.lastSequence.set(userKey(titleId, xuid), sequence)
    store.activities.set(userKey(titleId, xuid), {
      titleId,
      xuid,
      sequenceNumber: sequence,
      connectionString: connectionString as string,
      joinRestriction: joinRestriction as string,
      ...(maxPlayers === undefined ? {} : { maxPlayers: maxPlayers as number }),
      ...(currentPlayers === undefined ? {} : { currentPlayers: currentPlayers as number }),
      ...(groupId === undefined ? {} : { groupId: groupId as string }),
      ...(platform === undefined ? {} : { platform: platform as string }),
      updatedAt: now(),
    })
    return c.body(null, 204)
  })

  app.delete('/titles/:titleId/users/:xuid/activities', (c) => {
    const titleId = admitted(c, 'activityWrite')
    if (titleId instanceof Response) return titleId
    const refused = ownUser(c)
    if (refused) return refused
    const parsed = readBody(c)
    // A DELETE with a JSON body: the sequence number is required [§2.2].
    if (!parsed.ok || !isObject(parsed.value))
      return mpaError('RequestValidationError', 'The body must be {"sequenceNumber": <number>}.')
    const sequence = sequenceOf(c, titleId, parsed.value)
    if (sequence instanceof Response) return sequence
    const key = userKey(titleId, c.get('xuid'))
    store.lastSequence.set(key, sequence)
    store.activities.delete(key)
    return c.body(null, 204)
  })

  // Documented, not used by the SDK [§2.4]: 200 with the activity, 204 when there is none.
  app.get('/titles/:titleId/users/:xuid/activities', (c) => {
    const titleId = admitted(c, 'activityRead')
    if (titleId instanceof Response) return titleId
    const activity = liveActivity(titleId, c.req.param('xuid'))
    if (!activity) return c.body(null, 204)
    return new Response(activityJson(activity, c.get('xuid')), { status: 200, headers: JSON_TYPE })
  })

  app.post('/titles/:titleId/activities/query', (c) => {
    const titleId = admitted(c, 'activityRead')
    if (titleId instanceof Response) return titleId
    const parsed = readBody(c)
    const users = parsed.ok && isObject(parsed.value) ? parsed.value.users : undefined
    if (!Array.isArray(users) || users.length === 0 || !users.every(isXuid))
      return mpaError('InvalidRequest', 'users must be a list of 1 to 30 XUIDs written as strings.')
    if (users.length > QUERY_MAX_USERS)
      return mpaError(
        'InvalidRequest',
        `users lists ${users.length} XUIDs; at most ${QUERY_MAX_USERS}.`,
      )
    const caller = c.get('xuid')
    const entries = users.map((userId) => {
      const activity = liveActivity(titleId, userId)
      return `{"userId":${JSON.stringify(userId)},"activities":[${activity ? activityJson(activity, caller) : ''}]}`
    })
    return new Response(`{"userActivities":[${entries.join(',')}]}`, {
      status: 200,
      headers: JSON_TYPE,
    })
  })

  app.post('/titles/:titleId/invites', (c) => {
    const titleId = admitted(c, 'invites')
    if (titleId instanceof Response) return titleId
    const parsed = readBody(c)
    if (!parsed.ok || !isObject(parsed.value))
      return mpaError('InvalidRequest', 'The body must be a JSON object.')
    const { invitedUsers, connectionString, platform } = parsed.value
    if (!Array.isArray(invitedUsers) || invitedUsers.length === 0 || !invitedUsers.every(isXuid))
      return mpaError(
        'InvalidRequest',
        'invitedUsers must be a list of 1 to 16 XUIDs written as strings.',
      )
    if (invitedUsers.length > INVITE_MAX_USERS)
      return mpaError(
        'InvalidRequest',
        `invitedUsers lists ${invitedUsers.length} XUIDs; at most ${INVITE_MAX_USERS} per call.`,
      )
    if (
      connectionString !== undefined &&
      (typeof connectionString !== 'string' || [...connectionString].length > CONNECTION_STRING_MAX)
    )
      return mpaError(
        'InvalidRequest',
        `connectionString must be at most ${CONNECTION_STRING_MAX} characters.`,
      )
    if (platform !== undefined && !isPlatform(platform))
      return mpaError(
        'InvalidRequest',
        `platform must be one of ${[...MPA_PLATFORMS, REST_IOS].join(', ')}.`,
      )
    const at = now()
    for (const invitedUser of new Set(invitedUsers)) {
      store.addInvite({
        id: crypto.randomUUID(),
        titleId,
        sender: c.get('xuid'),
        invitedUser,
        // Empty: the title is launched with an empty string [§2.5].
        connectionString: (connectionString as string | undefined) ?? '',
        ...(platform === undefined ? {} : { platform: platform as string }),
        sentAt: at,
        expiresAt: at + MPA_INVITE_LIFETIME_MS,
      })
    }
    return c.body(null, 204)
  })

  app.post('/titles/:titleId/recentplayers', (c) => {
    const titleId = admitted(c, 'recentPlayers')
    if (titleId instanceof Response) return titleId
    const parsed = readBody(c)
    const list = parsed.ok && isObject(parsed.value) ? parsed.value.recentPlayers : undefined
    if (!Array.isArray(list) || list.length === 0 || list.length > RECENT_PLAYERS_MAX)
      return mpaError(
        'RequestValidationError',
        `recentPlayers must list 1 to ${RECENT_PLAYERS_MAX} players.`,
      )
    const players: StoredRecentPlayer[] = []
    for (const entry of list) {
      if (!isObject(entry) || !isXuid(entry.id))
        return mpaError('RequestValidationError', 'Each recent player needs an id: a XUID string.')
      const encounterType = entry.encounterType ?? 'Default'
      if (!(ENCOUNTER_TYPES as readonly unknown[]).includes(encounterType))
        return mpaError(
          'RequestValidationError',
          `encounterType must be one of ${ENCOUNTER_TYPES.join(', ')}.`,
        )
      if (entry.network !== undefined && entry.network !== 'XboxLive')
        return mpaError('RequestValidationError', 'network must be XboxLive.')
      players.push({
        id: entry.id,
        timestamp:
          typeof entry.timestamp === 'string' ? entry.timestamp : new Date(now()).toISOString(),
        encounterType: encounterType as string,
      })
    }
    const key = userKey(titleId, c.get('xuid'))
    const kept = (store.recentPlayers.get(key) ?? []).filter(
      (p) => !players.some((n) => n.id === p.id),
    )
    store.recentPlayers.set(key, [...players, ...kept].slice(0, RECENT_PLAYERS_MAX))
    return c.body(null, 204)
  })

  app.all('/titles/*', () =>
    mpaError('InvalidRequest', 'No Multiplayer Activity operation has this method and path.'),
  )
}

/** The REST enum plus the SDK's `iOS` [§2.1, §8.3]. */
function isPlatform(value: unknown): boolean {
  return value === REST_IOS || (MPA_PLATFORMS as readonly unknown[]).includes(value)
}
