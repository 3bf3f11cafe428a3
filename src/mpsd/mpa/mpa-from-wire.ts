// An MPA call on the wire (a HAR entry, a History record kept without its composed request) read
// back into the request that would send it again; whatever could not be mapped is listed.
import type { BodyNote } from '../handle-body-fields'
import { isJsonObject } from '../handle-body-fields'
import type { RequestEntity } from '../request-entity'
import { requestFromFields, type RequestField, type RequestFields } from '../request-fields'
import type { RequestKind } from '../request-kinds'

type Parsed =
  { ok: true; request: RequestEntity; unmapped: BodyNote[] } | { ok: false; error: string }

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

function decode(segment: string): string {
  try {
    return decodeURIComponent(segment)
  } catch {
    return segment
  }
}

function kindOf(
  method: string,
  path: string,
): { kind: RequestKind; titleId: string; xuid?: string } | undefined {
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

/**
 * `value` is the body parsed with every number already a string (from-wire.ts), so a 64-bit
 * sequence number keeps its digits.
 */
export function mpaFromWire(method: string, path: string, value: unknown): Parsed | undefined {
  const target = kindOf(method, path)
  if (!target) return undefined
  const fields: Partial<RequestFields> = { mpaTitleId: target.titleId }
  if (target.xuid !== undefined) fields.mpaXuid = target.xuid
  const unmapped: BodyNote[] = []
  if (value !== undefined) {
    if (!isJsonObject(value)) return { ok: false, error: 'The request body is not a JSON object.' }
    const members = MEMBERS[target.kind] ?? {}
    for (const [key, raw] of Object.entries(value)) {
      const field = Object.hasOwn(members, key) ? members[key] : undefined
      const text = field ? asFieldText(field, raw) : undefined
      if (field && text !== undefined) fields[field] = text
      else
        unmapped.push({
          path: key,
          reason: field ? 'not a value this field can hold' : `not part of a ${target.kind} body`,
        })
    }
  }
  return { ok: true, request: requestFromFields({ ...fields, kind: target.kind }), unmapped }
}
