// The one way back from bytes on the wire to a composed request: for entries imported from a HAR
// file (browser devtools, another Workbench) and History records kept before requests were stored
// beside their wire form. Everything else ("Open in composer", presets, drafts) reads the stored
// request itself, so nothing is re-parsed from a body that was already built.
import { parse, stringify } from 'lossless-json'
import { isJsonObject, mapHandleBody, type BodyNote } from './handle-body-fields'
import { isContractVersion } from './limits'
import type { RequestEntity } from './request-entity'
import { requestFromFields, type RequestFields } from './request-fields'
import { mpaFromWire } from './mpa/mpa-from-wire'
import { isMpaPath } from './mpa/mpa-path'

/** An HTTP request as recorded: a WireRequest, a History record's request, a HAR entry's. */
export type HttpRequestLike = {
  method: string
  /** The path and query (`/handles`); a full URL is read for its path. */
  path: string
  headers?: ReadonlyArray<readonly [string, string]>
  body?: string | undefined
}

export type FromWireResult =
  { ok: true; request: RequestEntity; unmapped: BodyNote[] } | { ok: false; error: string }

// Every number outside a string becomes a string before JSON.parse: XUIDs written as bare 64-bit
// numbers keep their digits. Strings are matched whole first, so digits inside them are untouched.
const TOKEN = /"(?:[^"\\]|\\.)*"|-?\d+(?:\.\d+)?(?:[eE][+-]?\d+)?/g

function parseKeepingDigits(text: string): unknown {
  return JSON.parse(text.replace(TOKEN, (token) => (token[0] === '"' ? token : `"${token}"`)))
}

function pathOf(target: string): string {
  try {
    return new URL(target, 'http://wire.invalid').pathname
  } catch {
    return target
  }
}

function contractVersionOf(headers: HttpRequestLike['headers']): number | undefined {
  const value = headers?.find(([name]) => name.toLowerCase() === 'x-xbl-contract-version')?.[1]
  const version = Number(value?.trim())
  return isContractVersion(version) ? version : undefined
}

function headerOf(headers: HttpRequestLike['headers'], name: string): string | undefined {
  return headers?.find(([n]) => n.toLowerCase() === name.toLowerCase())?.[1]?.trim()
}

const SESSION_PATH = /^\/serviceconfigs\/([^/]+)\/sessiontemplates\/([^/]+)\/sessions\/([^/]+)$/i

function decoded(segment: string): string {
  try {
    return decodeURIComponent(segment)
  } catch {
    return segment
  }
}

function withContractVersion(
  http: HttpRequestLike,
  request: RequestEntity,
  unmapped: BodyNote[],
): FromWireResult {
  const contractVersion = contractVersionOf(http.headers)
  return {
    ok: true,
    request: contractVersion === undefined ? request : { ...request, contractVersion },
    unmapped,
  }
}

/** A session PUT: the path names the session, the body's constants, properties and "me". */
function sessionFromWire(http: HttpRequestLike, match: RegExpMatchArray): FromWireResult {
  let body: unknown
  try {
    // lossless-json: constants and properties go back to text with every digit they had.
    body = http.body === undefined || http.body === '' ? {} : parse(http.body)
  } catch {
    return { ok: false, error: 'The request body is not JSON.' }
  }
  if (!isJsonObject(body)) return { ok: false, error: 'The request body is not a JSON object.' }
  const unmapped: BodyNote[] = []
  const fields: Partial<RequestFields> = {
    kind: 'session',
    scid: decoded(match[1] ?? ''),
    templateName: decoded(match[2] ?? ''),
    sessionName: decoded(match[3] ?? ''),
    writeMode:
      headerOf(http.headers, 'If-None-Match') === '*'
        ? 'create'
        : headerOf(http.headers, 'If-Match') === '*'
          ? 'update'
          : '',
    memberStatus: 'none',
  }
  for (const [key, value] of Object.entries(body)) {
    if (key === 'constants' || key === 'properties') {
      fields[key === 'constants' ? 'sessionConstants' : 'sessionProperties'] =
        stringify(value) ?? ''
    } else if (key === 'members' && isJsonObject(value)) {
      for (const [member, entry] of Object.entries(value)) {
        if (member !== 'me') {
          unmapped.push({ path: `members.${member}`, reason: 'only "me" is composed here' })
        } else if (entry === null) {
          fields.memberStatus = 'leave'
        } else if (isJsonObject(entry)) {
          const constants = isJsonObject(entry.constants) ? entry.constants : {}
          const system = isJsonObject(constants.system) ? constants.system : {}
          const properties = isJsonObject(entry.properties) ? entry.properties : {}
          const propertiesSystem = isJsonObject(properties.system) ? properties.system : {}
          fields.memberXuid = typeof system.xuid === 'string' ? system.xuid : ''
          fields.memberStatus = propertiesSystem.active === false ? 'inactive' : ''
        }
      }
    } else {
      unmapped.push({ path: key, reason: 'not part of a session write composed here' })
    }
  }
  return withContractVersion(http, requestFromFields(fields), unmapped)
}

/** A search-handle query (`POST /handles/query` with `"type":"search"`). */
function searchQueryFromWire(
  http: HttpRequestLike,
  value: Record<string, unknown>,
): FromWireResult {
  const text = (v: unknown) => (typeof v === 'string' ? v : '')
  const people =
    isJsonObject(value.sessionMembers) && isJsonObject(value.sessionMembers.people)
      ? value.sessionMembers.people
      : {}
  const known = ['type', 'scid', 'templateName', 'global', 'filter', 'orderBy', 'sessionMembers']
  const unmapped = Object.keys(value)
    .filter((key) => !known.includes(key))
    .map((path) => ({ path, reason: 'not part of a search query' }))
  return withContractVersion(
    http,
    requestFromFields({
      kind: 'searchQuery',
      scid: text(value.scid),
      templateName: text(value.templateName),
      filter: text(value.filter),
      orderBy: text(value.orderBy),
      socialGroup: text(people.moniker),
      socialGroupXuid: text(people.monikerXuid),
    }),
    unmapped,
  )
}

/**
 * `POST /handles` (activity, invite, transfer, search), `POST /handles/query` of search handles,
 * `PUT` of a session, or a Multiplayer Activity call, as the request that would send it again.
 */
export function fromWire(http: HttpRequestLike): FromWireResult {
  if (isMpaPath(http.path)) {
    let value: unknown
    try {
      value = http.body ? parseKeepingDigits(http.body) : undefined
    } catch {
      return { ok: false, error: 'The request body is not JSON.' }
    }
    return (
      mpaFromWire(http.method, pathOf(http.path).replace(/\/+$/, ''), value) ?? {
        ok: false,
        error: `${http.method} ${http.path} is not a Multiplayer Activity call the composer makes.`,
      }
    )
  }
  const method = http.method.toUpperCase()
  const path = pathOf(http.path).replace(/\/+$/, '')
  const session = path.match(SESSION_PATH)
  if (method === 'PUT' && session) return sessionFromWire(http, session)
  const isQuery = method === 'POST' && path === '/handles/query'
  if (!isQuery && (method !== 'POST' || path !== '/handles'))
    return {
      ok: false,
      error: `${http.method} ${http.path} is not a request the composer makes (POST /handles, a search query or a session PUT).`,
    }
  let value: unknown
  try {
    value = parseKeepingDigits(http.body ?? '')
  } catch {
    return { ok: false, error: 'The request body is not JSON.' }
  }
  if (!isJsonObject(value)) return { ok: false, error: 'The request body is not a JSON object.' }
  if (isQuery) {
    if (value.type !== 'search')
      return { ok: false, error: 'Only search-handle queries are composed in the composer.' }
    return searchQueryFromWire(http, value)
  }
  const { kind, fields, unmapped } = mapHandleBody(value)
  if (!kind) return { ok: false, error: 'The body is not a handle the composer makes.' }
  return withContractVersion(http, requestFromFields({ ...fields, kind }), unmapped)
}
