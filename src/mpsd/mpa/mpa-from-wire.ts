// An MPA call read back into the request that would send it again, whatever could not be mapped
// listed: from the wire (a HAR entry, a History record kept without its composed request; the path
// says the kind, the title and the user) or a body pasted alone (its members say the kind; the
// title and the user are in a URL it does not have). One mapper for both, so a HAR import and the
// paste box read the same body the same way.
import type { BodyNote } from '../handle-body-fields'
import { isJsonObject } from '../handle-body-fields'
import type { RequestEntity } from '../request-entity'
import { requestFromFields, type RequestField, type RequestFields } from '../request-fields'
import type { RequestKind } from '../request-kinds'

export type MpaParsed =
  | {
      ok: true
      request: RequestEntity
      unmapped: BodyNote[]
      /** The fields the call gave, with the text it gave: only these are the call's to say. */
      fields: Partial<Record<RequestField, string>>
      /** Where each field was read from: a body member (`connectionString`) or the path. */
      paths: Partial<Record<RequestField, string>>
    }
  | { ok: false; error: string }

const ACTIVITY = /^\/titles\/([^/]+)\/users\/([^/]+)\/activities\/?$/
const OTHERS: Record<string, RequestKind> = {
  'activities/query': 'mpaQueryActivities',
  invites: 'mpaSendInvites',
  recentplayers: 'mpaRecentPlayers',
}

/** The members each kind's body may hold, and the field each one fills. */
const MEMBERS: Partial<Record<RequestKind, Record<string, RequestField>>> = {
  mpaSetActivity: {
    sequenceNumber: 'sequenceNumber',
    connectionString: 'connectionString',
    joinRestriction: 'joinRestriction',
    maxPlayers: 'maxPlayers',
    currentPlayers: 'currentPlayers',
    groupId: 'groupId',
    platform: 'platform',
  },
  mpaDeleteActivity: { sequenceNumber: 'sequenceNumber' },
  mpaSendInvites: {
    platform: 'platform',
    connectionString: 'connectionString',
    invitedUsers: 'invitedUsers',
  },
  mpaQueryActivities: { users: 'users' },
  mpaRecentPlayers: { recentPlayers: 'recentPlayers' },
}

/**
 * A body without its URL: the member that says which call it is [mpa.md §2]. In this order: an
 * invite body holds a connection string and a platform too, and an activity a sequence number,
 * which alone is a delete's body.
 */
const BODY_SIGNS: ReadonlyArray<readonly [string, RequestKind]> = [
  ['invitedUsers', 'mpaSendInvites'],
  ['recentPlayers', 'mpaRecentPlayers'],
  ['users', 'mpaQueryActivities'],
  ['joinRestriction', 'mpaSetActivity'],
  ['connectionString', 'mpaSetActivity'],
  ['maxPlayers', 'mpaSetActivity'],
  ['currentPlayers', 'mpaSetActivity'],
  ['groupId', 'mpaSetActivity'],
  ['sequenceNumber', 'mpaDeleteActivity'],
]

function decode(segment: string): string {
  try {
    return decodeURIComponent(segment)
  } catch {
    return segment
  }
}

type Target = { kind: RequestKind; titleId?: string; xuid?: string }

function kindOf(method: string, path: string): Target | undefined {
  const m = method.toUpperCase()
  const activity = ACTIVITY.exec(path)
  if (activity?.[1] && activity[2]) {
    if (m === 'PUT')
      return { kind: 'mpaSetActivity', titleId: decode(activity[1]), xuid: decode(activity[2]) }
    if (m === 'DELETE')
      return { kind: 'mpaDeleteActivity', titleId: decode(activity[1]), xuid: decode(activity[2]) }
    return undefined
  }
  const other = /^\/titles\/([^/]+)\/(.+?)\/?$/.exec(path)
  const kind = other?.[2] ? OTHERS[other[2]] : undefined
  return m === 'POST' && kind && other?.[1] ? { kind, titleId: decode(other[1]) } : undefined
}

/** A value as the form's text; lists one XUID per line; recent players `<id> <type> <time>`. */
function asFieldText(field: RequestField, raw: unknown): string | undefined {
  if (typeof raw === 'string') return raw
  if (raw === null) return ''
  if (Array.isArray(raw)) {
    if (field === 'recentPlayers')
      return raw
        .map((entry) =>
          isJsonObject(entry)
            ? [entry.id, entry.encounterType, entry.timestamp]
                .filter((v) => typeof v === 'string')
                .join(' ')
            : '',
        )
        .join('\n')
    return raw.every((v) => typeof v === 'string') ? raw.join('\n') : undefined
  }
  return undefined
}

/** What a recent player line cannot hold (`network`, which the SDK never sends), listed. */
function entryNotes(raw: unknown): BodyNote[] {
  if (!Array.isArray(raw)) return []
  return raw.flatMap((entry, index) =>
    isJsonObject(entry)
      ? Object.keys(entry)
          .filter((key) => !['id', 'encounterType', 'timestamp'].includes(key))
          .map((key) => ({
            path: `recentPlayers.${index}.${key}`,
            reason: 'a recent player line holds the XUID, encounter type and time only',
          }))
      : [{ path: `recentPlayers.${index}`, reason: 'not a recent player entry' }],
  )
}

function mapCall(target: Target, value: unknown): MpaParsed {
  const fields: Partial<Record<RequestField, string>> = {}
  const paths: Partial<Record<RequestField, string>> = {}
  if (target.titleId !== undefined) {
    fields.mpaTitleId = target.titleId
    paths.mpaTitleId = 'titleId in the path'
  }
  if (target.xuid !== undefined) {
    fields.mpaXuid = target.xuid
    paths.mpaXuid = 'xuid in the path'
  }
  const unmapped: BodyNote[] = []
  if (value !== undefined) {
    if (!isJsonObject(value)) return { ok: false, error: 'The request body is not a JSON object.' }
    const members = MEMBERS[target.kind] ?? {}
    for (const [key, raw] of Object.entries(value)) {
      const field = Object.hasOwn(members, key) ? members[key] : undefined
      const text = field ? asFieldText(field, raw) : undefined
      if (field && text !== undefined) {
        fields[field] = text
        paths[field] = key
        if (field === 'recentPlayers') unmapped.push(...entryNotes(raw))
      } else
        unmapped.push({
          path: key,
          reason: field ? 'not a value this field can hold' : `not part of a ${target.kind} body`,
        })
    }
  }
  const request = requestFromFields({ ...(fields as Partial<RequestFields>), kind: target.kind })
  return { ok: true, request, unmapped, fields, paths }
}

/**
 * `value` is the body parsed with every number already a string (from-wire.ts, paste-read.ts), so
 * a 64-bit sequence number keeps its digits. Undefined when the method and path are not a call
 * the composer makes.
 */
export function mpaFromWire(method: string, path: string, value: unknown): MpaParsed | undefined {
  const target = kindOf(method, path)
  return target ? mapCall(target, value) : undefined
}

/** The MPA call a body alone says it is, or undefined when none of its members says one. */
export function mpaKindOfBody(value: Record<string, unknown>): RequestKind | undefined {
  return BODY_SIGNS.find(([member]) => Object.hasOwn(value, member))?.[1]
}

/** A body pasted without its URL: no title or user (they are in the path). */
export function mpaFromBody(value: Record<string, unknown>): MpaParsed | undefined {
  const kind = mpaKindOfBody(value)
  return kind ? mapCall({ kind }, value) : undefined
}
