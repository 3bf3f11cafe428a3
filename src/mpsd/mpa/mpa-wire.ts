// The bytes of a Multiplayer Activity call, from the composed request: toWire (to-wire.ts) hands
// every MPA kind here. Exactly what the SDK sends [mpa.md §1, §2]: contract version 1, compact JSON
// with members in the SDK's insertion order, XUIDs as decimal strings, counts and `sequenceNumber`
// as JSON numbers (written from their digits, so a 64-bit number keeps every one), `platform` left
// out for cross-play and optional members left out when empty or 0. Built whatever the fields hold:
// a value that is not a number yet goes out as a string, and the field shows why (mpa-rules.ts).
import type { WireRequest } from '../request-builder'
import type {
  MpaDeleteActivityRequest,
  MpaQueryActivitiesRequest,
  MpaRecentPlayersRequest,
  MpaRequest,
  MpaSendInvitesRequest,
  MpaSetActivityRequest,
} from '../request-entity'
import { ENCOUNTER_TYPES, MPA_CONTRACT_VERSION } from './mpa-limits'
import { isAutoSequence, nextSequenceNumber } from './mpa-sequence'

/** What an MPA body needs besides the request: the clock, and the last sequence number sent. */
export type MpaWireSettings = {
  /** Epoch ms for the "auto" sequence number and recent players' timestamps; default now. */
  now?: number
  /** The last sequence number sent for this user and title (mpa-sequence-store in src/data). */
  lastSequence?: (titleId: string, xuid: string) => bigint | undefined
}

/** A number written from its digits, not through a double. */
type RawNumber = { raw: string }

function isRaw(value: unknown): value is RawNumber {
  return typeof value === 'object' && value !== null && 'raw' in value
}

/** rapidjson's Writer: no spaces, members in the order given [§1 json]. */
export function compactJson(members: ReadonlyArray<readonly [string, unknown]>): string {
  return `{${members
    .map(
      ([key, value]) =>
        `${JSON.stringify(key)}:${isRaw(value) ? value.raw : JSON.stringify(value)}`,
    )
    .join(',')}}`
}

const DECIMAL = /^(0|[1-9]\d*)$/

/** A decimal whole number as a JSON number; anything else stays text (and the field says why). */
function numberOrText(value: string): RawNumber | string {
  const trimmed = value.trim()
  return DECIMAL.test(trimmed) ? { raw: trimmed } : trimmed
}

/** XUIDs typed one per line, or separated by commas, semicolons or spaces. */
export function splitList(value: string): string[] {
  return value
    .split(/[\s,;]+/)
    .map((s) => s.trim())
    .filter(Boolean)
}

export function mpaHeaders(): Array<[string, string]> {
  return [
    ['x-xbl-contract-version', String(MPA_CONTRACT_VERSION)],
    ['Content-Type', 'application/json; charset=utf-8'],
  ]
}

const segment = (value: string) => encodeURIComponent(value.trim())

export function activityPath(titleId: string, xuid: string): string {
  return `/titles/${segment(titleId)}/users/${segment(xuid)}/activities`
}

/** The number a set or delete sends: the typed one, or the SDK's clock kept above the last sent. */
export function sequenceOf(
  request: MpaSetActivityRequest | MpaDeleteActivityRequest,
  settings: MpaWireSettings,
): RawNumber | string {
  const typed = request.mpaUser.sequenceNumber
  if (!isAutoSequence(typed)) return numberOrText(typed)
  const last = settings.lastSequence?.(request.mpaTitle.titleId.trim(), request.mpaUser.xuid.trim())
  return { raw: String(nextSequenceNumber(settings.now ?? Date.now(), last)) }
}

/** Set: `sequenceNumber, connectionString, joinRestriction, maxPlayers?, currentPlayers?, groupId?, platform?` [§2.1]. */
export function setActivityBody(request: MpaSetActivityRequest, settings: MpaWireSettings = {}) {
  const { mpaJoin, mpaActivity } = request
  const members: Array<[string, unknown]> = [
    ['sequenceNumber', sequenceOf(request, settings)],
    // Opaque to MPA and to us: sent exactly as typed, like MPSD's Context (decision 001).
    ['connectionString', mpaJoin.connectionString],
    ['joinRestriction', mpaActivity.joinRestriction.trim()],
  ]
  // The SDK leaves out a count of 0 and an empty group [§2.1 svc].
  for (const key of ['maxPlayers', 'currentPlayers'] as const) {
    const value = mpaActivity[key].trim()
    if (value !== '' && value !== '0') members.push([key, numberOrText(value)])
  }
  const groupId = mpaActivity.groupId.trim()
  if (groupId !== '') members.push(['groupId', groupId])
  const platform = mpaJoin.platform.trim()
  if (platform !== '') members.push(['platform', platform])
  return compactJson(members)
}

export function deleteActivityBody(
  request: MpaDeleteActivityRequest,
  settings: MpaWireSettings = {},
) {
  return compactJson([['sequenceNumber', sequenceOf(request, settings)]])
}

/** `platform?, connectionString?, invitedUsers` [§2.5 svc]: the SDK's byte order. */
export function sendInvitesBody(request: MpaSendInvitesRequest) {
  const members: Array<[string, unknown]> = []
  const platform = request.mpaJoin.platform.trim()
  if (platform !== '') members.push(['platform', platform])
  if (request.mpaJoin.connectionString !== '')
    members.push(['connectionString', request.mpaJoin.connectionString])
  members.push(['invitedUsers', splitList(request.mpaInvite.invitedUsers)])
  return compactJson(members)
}

export function queryActivitiesBody(request: MpaQueryActivitiesRequest) {
  return compactJson([['users', splitList(request.mpaQuery.users)]])
}

/** The SDK's timestamp: `YYYY-MM-DDTHH:MM:SSZ`, no fraction [§2.6 svc, json]. */
export function sdkTimestamp(ms: number): string {
  return new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z')
}

export type RecentPlayerLine = { id: string; encounterType?: string; timestamp?: string }

/** `<xuid> [Default|Teammate|Opponent] [timestamp]` per line; commas separate too. */
export function recentPlayerLines(value: string): RecentPlayerLine[] {
  return value
    .split(/\r?\n/)
    .map((line) => line.split(/[\s,;]+/).filter(Boolean))
    .filter((tokens) => tokens.length > 0)
    .map(([id = '', ...rest]) => {
      const line: RecentPlayerLine = { id }
      for (const token of rest) {
        const encounter = ENCOUNTER_TYPES.find((t) => t.toLowerCase() === token.toLowerCase())
        if (encounter) line.encounterType = encounter
        else if (/^\d{4}-/.test(token)) line.timestamp = token
        else line.encounterType = token
      }
      return line
    })
}

/** Entries `id, timestamp, encounterType` [§2.6 svc]; the SDK writes every entry's encounter type. */
export function recentPlayersBody(
  request: MpaRecentPlayersRequest,
  settings: MpaWireSettings = {},
) {
  const timestamp = sdkTimestamp(settings.now ?? Date.now())
  const entries = recentPlayerLines(request.mpaRecent.recentPlayers).map((line) => ({
    id: line.id,
    timestamp: line.timestamp ?? timestamp,
    encounterType: line.encounterType ?? 'Default',
  }))
  return compactJson([['recentPlayers', entries]])
}

export function mpaToWire(request: MpaRequest, settings: MpaWireSettings = {}): WireRequest {
  const titleId = segment(request.mpaTitle.titleId)
  const headers = mpaHeaders()
  switch (request.kind) {
    case 'mpaSetActivity':
      return {
        method: 'PUT',
        path: activityPath(request.mpaTitle.titleId, request.mpaUser.xuid),
        headers,
        body: setActivityBody(request, settings),
      }
    case 'mpaDeleteActivity':
      // A DELETE with a JSON body: the sequence number is required [§2.2].
      return {
        method: 'DELETE',
        path: activityPath(request.mpaTitle.titleId, request.mpaUser.xuid),
        headers,
        body: deleteActivityBody(request, settings),
      }
    case 'mpaQueryActivities':
      return {
        method: 'POST',
        path: `/titles/${titleId}/activities/query`,
        headers,
        body: queryActivitiesBody(request),
      }
    case 'mpaSendInvites':
      return {
        method: 'POST',
        path: `/titles/${titleId}/invites`,
        headers,
        body: sendInvitesBody(request),
      }
    case 'mpaRecentPlayers':
      return {
        method: 'POST',
        path: `/titles/${titleId}/recentplayers`,
        headers,
        body: recentPlayersBody(request, settings),
      }
  }
}
