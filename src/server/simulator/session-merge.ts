// A session PUT applied to the stored session, as mpsd-sessions.md §1.3 and §2.4 describe: the body
// is merged, constants are fixed at creation, members are added by `me` and `reserve_<n>`, and a
// session left without members is gone. Pure: it works on a copy, so a refusal changes nothing.
import type { TemplateConstants } from './sim-templates'
import {
  findMember,
  hasOwnersCapability,
  memberStatus,
  newEtag,
  sessionDocument,
  type SessionRefKey,
  type StoredMember,
  type StoredSession,
} from './session-store'

export type Caller = { xuid: string; gamertag?: string }

/** What lets a caller join beyond the session's own rules (a handle it dereferenced, §2.4 step 4). */
export type JoinGrant = 'invite' | 'transfer' | 'none'

export type MergeInput = {
  session: StoredSession | undefined
  ref: SessionRefKey
  body: unknown
  caller: Caller
  template: TemplateConstants
  now: number
  timestamp: string
  grant: JoinGrant
  /** Kept from an earlier instance of the same session name (§1.7). */
  correlationId?: string
}

export type Refusal = {
  kind: 'refused'
  status: 400 | 403 | 409
  message: string
  /** The documented rule that applied, with its source (issue 14: the answer names it). */
  rule: string
  /** 403 on a readable session: MPSD answers with the session document (§1.8). */
  withSession?: boolean
}

export type MergeResult =
  | {
      kind: 'stored'
      session: StoredSession
      created: boolean
      /** Members who left or were removed by this write. */
      left: StoredMember[]
    }
  | { kind: 'deleted'; left: StoredMember[] }
  | { kind: 'nothing' }
  | Refusal

const ALLOWED_KEYS = new Set(['constants', 'properties', 'members', 'servers', 'roleTypes'])
const XUID = /^[1-9]\d{0,19}$/

type Json = Record<string, unknown>

function isObject(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

function sameJson(a: unknown, b: unknown): boolean {
  return JSON.stringify(a) === JSON.stringify(b)
}

/** RFC 7386 merge patch: `null` deletes a key (V-TEST deleteCustomPropertyJson, §1.3). */
export function mergePatch(target: Json, patch: Json): Json {
  const out: Json = { ...target }
  for (const [key, value] of Object.entries(patch)) {
    if (value === null) delete out[key]
    else if (isObject(value) && isObject(out[key])) out[key] = mergePatch(out[key], value)
    else out[key] = structuredClone(value)
  }
  return out
}

/** properties.system: each field is replaced as a whole; `null` removes it (§1.3). */
function replaceFields(target: Json, patch: Json): Json {
  const out: Json = { ...target }
  for (const [key, value] of Object.entries(patch)) {
    if (value === null) delete out[key]
    else out[key] = structuredClone(value)
  }
  return out
}

function refuse(
  status: Refusal['status'],
  message: string,
  rule: string,
  withSession = false,
): Refusal {
  return { kind: 'refused', status, message, rule, withSession }
}

function section(value: unknown): { system?: Json; custom?: Json } | undefined {
  if (value === undefined) return undefined
  if (!isObject(value)) return undefined
  return {
    ...(isObject(value.system) ? { system: value.system } : {}),
    ...(isObject(value.custom) ? { custom: value.custom } : {}),
  }
}

function newSession(input: MergeInput): StoredSession {
  return {
    ref: { ...input.ref },
    branch: crypto.randomUUID(),
    changeNumber: 1,
    correlationId: input.correlationId ?? crypto.randomUUID(),
    startTime: input.timestamp,
    constants: structuredClone(input.template),
    properties: { system: {}, custom: {} },
    members: [],
    nextIndex: 0,
    etag: newEtag(),
  }
}

function applyConstants(session: StoredSession, body: Json, created: boolean): Refusal | undefined {
  const constants = section(body.constants)
  if (!constants) return undefined
  const rule = 'Constants are fixed when the session is created (mpsd-sessions.md §1.3, §1.8: 409)'
  for (const [part, patch] of [
    ['system', constants.system],
    ['custom', constants.custom],
  ] as const) {
    if (!patch) continue
    const stored = session.constants[part]
    for (const [key, value] of Object.entries(patch)) {
      if (key in stored && !sameJson(stored[key], value))
        return refuse(
          409,
          created
            ? `constants.${part}.${key} conflicts with the session template.`
            : `constants.${part}.${key} cannot change after the session is created.`,
          rule,
        )
      if (!created && !(key in stored))
        return refuse(409, `constants.${part}.${key} can only be set at creation.`, rule)
      stored[key] = structuredClone(value)
    }
  }
  return undefined
}

function joinRefusal(session: StoredSession, grant: JoinGrant): Refusal | undefined {
  const system = session.constants.system
  // §2.4 steps 3, 5 and 7; the statuses are the inferences of §2.4 and §7.4.
  if (system.visibility === 'private')
    return refuse(
      403,
      'The session is private: only members and reserved users can join.',
      'Private sessions refuse joins without a reservation (mpsd-sessions.md §1.5, §2.4)',
    )
  if (system.visibility === 'visible')
    return refuse(
      400,
      'The session is visible, not open: joining needs a reservation.',
      'Visible sessions refuse joins without a reservation (mpsd-sessions.md §1.5, §2.4)',
    )
  if (session.properties.system.closed === true)
    return refuse(
      403,
      grant === 'invite'
        ? 'The session is closed: the invite grants read-only access.'
        : 'The session is closed: it refuses joins without a reservation.',
      'Closed sessions refuse joins; invites still exist (mpsd-sessions.md §2.4, §3; status 403 inferred)',
      true,
    )
  const max = typeof system.maxMembersCount === 'number' ? system.maxMembersCount : 100
  if (session.members.length >= max)
    return refuse(
      400,
      `The session is full (${max} members).`,
      'Full sessions refuse joins; invites still exist (mpsd-sessions.md §2.4, §3; status 400 inferred)',
    )
  return undefined
}

function applyMe(
  session: StoredSession,
  me: unknown,
  input: MergeInput,
  creating: boolean,
  left: StoredMember[],
): Refusal | undefined {
  const existing = findMember(session, input.caller.xuid)
  if (me === null) {
    if (existing) {
      session.members = session.members.filter((m) => m !== existing)
      left.push(existing)
    }
    return undefined
  }
  if (!isObject(me)) return refuse(400, 'members.me must be an object or null.', 'Request JSON')
  const constants = section(me.constants) ?? {}
  const properties = section(me.properties) ?? {}
  const xuid = constants.system?.xuid
  if (xuid !== undefined && xuid !== input.caller.xuid)
    return refuse(
      400,
      `members.me.constants.system.xuid (${String(xuid)}) is not the caller (${input.caller.xuid}).`,
      '"me" is the caller (mpsd-sessions.md §1.3)',
    )
  let member = existing
  const before = member ? memberStatus(member) : undefined
  if (!member) {
    if (!creating) {
      const refusal = joinRefusal(session, input.grant)
      if (refusal) return refusal
    }
    const { xuid: _x, index: _i, ...rest } = constants.system ?? {}
    member = {
      index: session.nextIndex,
      xuid: input.caller.xuid,
      constantsSystem: { ...rest },
      constantsCustom: { ...(constants.custom ?? {}) },
      propertiesSystem: {},
      propertiesCustom: {},
      reserved: false,
      ...(input.caller.gamertag ? { gamertag: input.caller.gamertag } : {}),
      joinTime: input.timestamp,
      since: input.now,
    }
    session.nextIndex++
    session.members.push(member)
  } else if (constants.system || constants.custom) {
    // Member constants only at join or reservation (§1.3).
    const { xuid: _x, index: _i, ...rest } = constants.system ?? {}
    if (member.reserved) {
      member.constantsSystem = { ...member.constantsSystem, ...rest }
      member.constantsCustom = mergePatch(member.constantsCustom, constants.custom ?? {})
    } else {
      for (const [key, value] of Object.entries(rest))
        if (!sameJson(member.constantsSystem[key], value))
          return refuse(
            409,
            `members.me.constants.system.${key} cannot change after joining.`,
            'Member constants are set at join or reservation only (mpsd-sessions.md §1.3)',
          )
    }
  }
  if (member.reserved) {
    // A reserved user's first PUT as "me" accepts the reservation (§2.1).
    member.reserved = false
    if (input.caller.gamertag) member.gamertag = input.caller.gamertag
  }
  if (properties.system)
    member.propertiesSystem = replaceFields(member.propertiesSystem, properties.system)
  if (properties.custom)
    member.propertiesCustom = mergePatch(member.propertiesCustom, properties.custom)
  if (member.propertiesSystem.active === true && member.propertiesSystem.ready === true)
    return refuse(
      400,
      'members.me.properties.system: active and ready cannot both be true.',
      'active and ready are exclusive (mpsd-sessions.md §1.4)',
    )
  if (before !== memberStatus(member)) member.since = input.now
  return undefined
}

function applyReservations(
  session: StoredSession,
  members: Json,
  input: MergeInput,
): Refusal | undefined {
  const reserves = Object.keys(members)
    .filter((key) => /^reserve_\d+$/.test(key))
    .sort((a, b) => Number(a.slice(8)) - Number(b.slice(8)))
  for (const key of reserves) {
    const entry = members[key]
    const constants = isObject(entry) ? section(entry.constants) : undefined
    const xuid = constants?.system?.xuid
    if (typeof xuid !== 'string' || !XUID.test(xuid))
      return refuse(
        400,
        `members.${key}.constants.system.xuid must be a XUID string.`,
        'Reservations name the user by xuid (mpsd-sessions.md §1.3)',
      )
    if (findMember(session, xuid)) continue
    const max =
      typeof session.constants.system.maxMembersCount === 'number'
        ? session.constants.system.maxMembersCount
        : 100
    if (session.members.length >= max)
      return refuse(
        400,
        `The session is full (${max} members).`,
        'Full sessions refuse joins (mpsd-sessions.md §2.4; status 400 inferred)',
      )
    const { xuid: _x, index: _i, ...rest } = constants?.system ?? {}
    session.members.push({
      index: session.nextIndex++,
      xuid,
      constantsSystem: { ...rest },
      constantsCustom: { ...(constants?.custom ?? {}) },
      propertiesSystem: {},
      propertiesCustom: {},
      reserved: true,
      joinTime: input.timestamp,
      since: input.now,
    })
  }
  return undefined
}

/** hasOwners: owners are member indices; when the last owner leaves, `migration` decides (§1.5). */
function settleOwners(session: StoredSession, creating: boolean, creator?: StoredMember): boolean {
  if (!hasOwnersCapability(session)) return true
  const owners = Array.isArray(session.properties.system.owners)
    ? (session.properties.system.owners as unknown[])
    : []
  if (creating && owners.length === 0 && creator) {
    // The creator owns the session it made [I].
    session.properties.system.owners = [creator.index]
    return true
  }
  const present = owners.filter((index) => session.members.some((m) => m.index === index))
  if (present.length === 0 && owners.length > 0) {
    const policies = session.constants.system.ownershipPolicies as Json | undefined
    if (policies?.migration !== 'oldest') return false
    const oldest = session.members.find((m) => !m.reserved)
    if (!oldest) return false
    present.push(oldest.index)
  }
  session.properties.system.owners = present
  return true
}

/** A session PUT (or a PUT through a handle) as `input.caller`. */
export function mergeSessionPut(input: MergeInput): MergeResult {
  const body = input.body
  if (!isObject(body)) return refuse(400, 'The request body must be a JSON object.', 'Request JSON')
  for (const key of Object.keys(body))
    if (!ALLOWED_KEYS.has(key))
      return refuse(
        400,
        `"${key}" is not allowed in a session body (constants, properties, members, servers, roleTypes).`,
        'Session request JSON (mpsd-sessions.md §1.3)',
      )
  if (isObject(body.servers) && Object.keys(body.servers).length > 0)
    return refuse(
      403,
      'servers can only be written by a server principal.',
      'servers needs a server principal (mpsd-sessions.md §1.3)',
    )
  const members = body.members === undefined ? {} : body.members
  if (!isObject(members)) return refuse(400, 'members must be an object.', 'Request JSON')
  for (const key of Object.keys(members)) {
    if (key === 'me' || /^reserve_\d+$/.test(key)) continue
    if (/^\d+$/.test(key))
      return refuse(
        403,
        "The request body can't contain existing member references unless the authentication principal includes a server.",
        'Existing members are named only by a server (mpsd-sessions.md §1.3)',
      )
    return refuse(400, `members.${key} is not a member key ("me", "reserve_<n>").`, 'Request JSON')
  }

  const creating = input.session === undefined
  const session = input.session ? structuredClone(input.session) : newSession(input)
  const before = input.session ? JSON.stringify(sessionDocument(input.session)) : ''
  const left: StoredMember[] = []

  const constantsRefusal = applyConstants(session, body, creating)
  if (constantsRefusal) return constantsRefusal
  if ('me' in members) {
    const refusal = applyMe(session, members.me, input, creating, left)
    if (refusal) return refusal
  }
  if (
    !creating &&
    !findMember(session, input.caller.xuid) &&
    Object.keys(members).some((k) => k !== 'me')
  )
    return refuse(
      403,
      'Only members of the session can reserve places in it.',
      'Reservations are made by members (mpsd-sessions.md §2.1)',
    )
  const reserveRefusal = applyReservations(session, members, input)
  if (reserveRefusal) return reserveRefusal
  // A create with no members creates nothing, whatever else it says (§2.3).
  if (creating && session.members.length === 0) return { kind: 'nothing' }

  const properties = section(body.properties)
  if (properties?.system || properties?.custom) {
    const writer = findMember(session, input.caller.xuid)
    if (!writer || writer.reserved)
      return refuse(
        403,
        'Only members of the session can write its properties.',
        'A session PUT is made by a member (mpsd-sessions.md §1.3) [I]',
      )
    if (properties.system)
      session.properties.system = replaceFields(session.properties.system, properties.system)
    if (properties.custom)
      session.properties.custom = mergePatch(session.properties.custom, properties.custom)
  }

  if (session.members.length === 0) {
    // Empty: deleted (sessionEmptyTimeout 0), or never created (§2.3).
    return creating ? { kind: 'nothing' } : { kind: 'deleted', left }
  }
  if (!settleOwners(session, creating, findMember(session, input.caller.xuid)))
    return { kind: 'deleted', left: [...left, ...session.members] }

  if (!creating && JSON.stringify(sessionDocument(session)) !== before) {
    session.changeNumber++
    session.etag = newEtag()
  }
  return { kind: 'stored', session, created: creating, left }
}
