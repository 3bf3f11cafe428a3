// The envelope of every call that goes out: method, path, headers in the order sent, and the body
// text. Handle bodies are built from the request entity by toWire (to-wire.ts); building is
// separate from validating, so the preview shows what would be sent even while fields are invalid.
import { CONTRACT_VERSION } from './limits'

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'DELETE'

/** A request as it leaves the Workbench, minus the Authorization value (added at the last moment). */
export type WireRequest = {
  method: HttpMethod
  /**
   * Path and query on the service's origin, e.g. `/handles` or `/handles/query?include=relatedInfo`
   * on MPSD's; a path under `/titles/` is Multiplayer Activity's (mpa/mpa-path.ts).
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

export function serializeBody(body: unknown): string {
  return JSON.stringify(body, null, 2)
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
