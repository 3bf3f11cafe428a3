// The envelope of every call that goes out: method, path, headers in the order sent, and the body
// text. Handle bodies are built from the request entity by toWire (to-wire.ts); building is
// separate from validating, so the preview shows what would be sent even while fields are invalid.
import { CONTRACT_VERSION } from './limits'

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'DELETE'

/** A request as it leaves the Workbench, minus the Authorization value (added at the last moment). */
export type WireRequest = {
  method: HttpMethod
  /**
   * Path and query on the service's origin, e.g. `/handles`, `/handles/query?include=relatedInfo` or
   * `/serviceconfigs/{scid}/sessionTemplates/{template}/sessions/{name}` on MPSD's; a path under
   * `/titles/` is Multiplayer Activity's (mpa/mpa-path.ts).
   */
  path: string
  /** Header pairs in the order sent. Never contains Authorization. */
  headers: Array<[string, string]>
  /** The body text exactly as sent; undefined for GET and an MPSD DELETE (MPA's DELETE has one). */
  body: string | undefined
}

export const AUTHORIZATION_HEADER = 'Authorization'
/** What every preview, snippet and record shows in place of the token. */
export const REDACTED_AUTHORIZATION = 'XBL3.0 x=<userhash>;<token> (redacted)'

/**
 * JSON text a user typed (a session's constants), sent as its own bytes minus the whitespace:
 * JSON.parse would round 64-bit numbers and a re-serialization could not keep them.
 */
export class RawJson {
  constructor(readonly text: string) {}
}

const STRING_OR_SPACE = /"(?:[^"\\]|\\.)*"|\s+/g

/** Valid JSON text without the whitespace between its tokens; strings are kept byte for byte. */
export function compactJsonText(text: string): string {
  return text.replace(STRING_OR_SPACE, (match) => (match.startsWith('"') ? match : ''))
}

/**
 * The body as it goes out: compact JSON, keys in the order built (XSAPI's serializer order, as
 * rapidjson writes it: no spaces, no newline). Undefined members are left out, as JSON.stringify
 * does; RawJson is written as its compacted text.
 */
export function serializeBody(body: unknown): string {
  if (body instanceof RawJson) return compactJsonText(body.text)
  if (Array.isArray(body)) return `[${body.map((item) => serializeBody(item ?? null)).join(',')}]`
  if (typeof body === 'object' && body !== null)
    return `{${Object.entries(body)
      .filter(([, value]) => value !== undefined)
      .map(([key, value]) => `${JSON.stringify(key)}:${serializeBody(value)}`)
      .join(',')}}`
  return JSON.stringify(body)
}

export function mpsdHeaders(contractVersion: number = CONTRACT_VERSION): Array<[string, string]> {
  // XSAPI sends this Content-Type on every call, GET and DELETE included [§1].
  return [
    ['x-xbl-contract-version', String(contractVersion)],
    ['Content-Type', 'application/json; charset=utf-8'],
  ]
}

export function postHandleRequest(body: unknown, contractVersion?: number): WireRequest {
  return {
    method: 'POST',
    path: '/handles',
    headers: mpsdHeaders(contractVersion),
    body: serializeBody(body),
  }
}

/** The path XSAPI writes for a session (`sessionTemplates`, camel case) [sessions §1.1]. */
export function sessionPath(ref: { scid: string; templateName: string; name: string }): string {
  return `/serviceconfigs/${encodeURIComponent(ref.scid)}/sessionTemplates/${encodeURIComponent(ref.templateName)}/sessions/${encodeURIComponent(ref.name)}`
}

/** XSAPI's write modes as headers [sessions §1.2]; '' is UpdateOrCreateNew (no header). */
export type SessionWriteMode = '' | 'create' | 'update'

export function putSessionRequest(
  path: string,
  body: unknown,
  contractVersion?: number,
  mode: SessionWriteMode = '',
): WireRequest {
  const precondition: Array<[string, string]> =
    mode === 'create' ? [['If-None-Match', '*']] : mode === 'update' ? [['If-Match', '*']] : []
  return {
    method: 'PUT',
    path,
    headers: [...mpsdHeaders(contractVersion), ...precondition],
    body: serializeBody(body),
  }
}

export function getSessionRequest(path: string, contractVersion?: number): WireRequest {
  return { method: 'GET', path, headers: mpsdHeaders(contractVersion), body: undefined }
}

/** XSAPI's search-handle query asks for roleInfo too (GET_SEARCH_HANDLES_SUBPATH) [sessions §4]. */
export function querySearchHandlesRequest(body: unknown, contractVersion?: number): WireRequest {
  return {
    method: 'POST',
    path: '/handles/query?include=relatedInfo,roleInfo,customProperties',
    headers: mpsdHeaders(contractVersion),
    body: serializeBody(body),
  }
}

export function queryHandlesRequest(body: unknown, contractVersion?: number): WireRequest {
  return {
    method: 'POST',
    path: '/handles/query?include=relatedInfo,customProperties',
    headers: mpsdHeaders(contractVersion),
    body: serializeBody(body),
  }
}

export function getHandleRequest(handleId: string, contractVersion?: number): WireRequest {
  return {
    method: 'GET',
    path: `/handles/${encodeURIComponent(handleId)}`,
    headers: mpsdHeaders(contractVersion),
    body: undefined,
  }
}

export function deleteHandleRequest(handleId: string, contractVersion?: number): WireRequest {
  return {
    method: 'DELETE',
    path: `/handles/${encodeURIComponent(handleId)}`,
    headers: mpsdHeaders(contractVersion),
    body: undefined,
  }
}

const JSON_TOKEN = /"(?:[^"\\]|\\.)*"|[{}[\]:,]|[^"{}[\]:,\s]+/g

/**
 * A body for reading: JSON.stringify's two-space layout, from the text itself, so the preview
 * shows the very tokens sent (64-bit numbers included) without parsing them. Not JSON: as it is.
 */
export function prettyJsonText(text: string): string {
  const tokens = text.match(JSON_TOKEN) ?? []
  const indent = (depth: number) => `\n${'  '.repeat(depth)}`
  let out = ''
  let depth = 0
  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i] ?? ''
    if (token === '{' || token === '[') {
      const close = token === '{' ? '}' : ']'
      if (tokens[i + 1] === close) {
        out += token + close
        i++
      } else {
        depth++
        out += token + indent(depth)
      }
    } else if (token === '}' || token === ']') {
      depth--
      out += indent(depth) + token
    } else if (token === ',') out += `,${indent(depth)}`
    else if (token === ':') out += ': '
    else out += token
  }
  return out
}
