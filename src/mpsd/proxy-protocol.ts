// The contract between the dashboard and the Workbench server, written once and imported by both
// sides: the control headers, the upstream id of the in-process simulator, the methods the proxy
// forwards and the proxy's own error codes with their HTTP statuses.

/** Request header naming the upstream: `simulator` (the default), the Xbox Live origin or a custom one. */
export const UPSTREAM_HEADER = 'X-Workbench-Upstream'
/** Response header carrying a ProxyErrorCode: present only when the proxy itself refused or failed. */
export const PROXY_ERROR_HEADER = 'X-Workbench-Proxy-Error'
/** The upstream id of the in-process MPSD simulator. */
export const SIMULATOR_UPSTREAM = 'simulator'

/**
 * Request header naming who the call is sent as (decision 022); the proxy turns it into the
 * Authorization header server-side, so no server-held token ever reaches the browser:
 * `sim:<xuid>` a simulated player (`sim:` alone: the roster's first), `xbl:<identityId>` a signed-in
 * account, `token` the caller's own Authorization (or the server's XBL_AUTHORIZATION), `none` no
 * Authorization at all. Absent: the caller's Authorization passes as it is (direct callers).
 */
export const ACT_AS_HEADER = 'X-Workbench-Act-As'
export const ACT_AS_SIM_PREFIX = 'sim:'
export const ACT_AS_XBL_PREFIX = 'xbl:'
export const ACT_AS_TOKEN = 'token'
export const ACT_AS_NONE = 'none'

/** MPSD's handles API uses GET, POST and DELETE; PUT is for the session documents to come. */
export const PROXY_METHODS = ['GET', 'POST', 'PUT', 'DELETE'] as const

/** Request bodies the proxy (and the simulator) accept, and the answers the proxy passes back. */
export const REQUEST_BODY_LIMIT = 1024 * 1024
export const RESPONSE_BODY_LIMIT = 10 * 1024 * 1024

/** Each code the proxy answers with, and the HTTP status it comes with. */
export const PROXY_ERROR_STATUS = {
  /** A foreign Host (DNS rebinding), a foreign Origin, or an Origin-less caller from another machine. */
  origin_not_allowed: 403,
  upstream_not_allowed: 403,
  /** `//host`, dot segments (`..`, `%2e%2e`), an absolute URL, control characters, backslashes, `@`. */
  path_not_allowed: 403,
  method_not_allowed: 405,
  bad_request: 400,
  request_too_large: 413,
  request_timeout: 408,
  response_too_large: 502,
  /** The upstream broke HTTP: a status outside 200-599, a malformed or truncated answer. */
  upstream_bad_response: 502,
  upstream_unreachable: 502,
  /** The server's buffer budget across all requests in flight is spent; retry shortly. */
  server_busy: 503,
  connect_timeout: 504,
  timeout: 504,
  /** X-Workbench-Act-As names no known player or signed-in account, or one the upstream cannot take. */
  identity_not_available: 400,
  /** The signed-in account's tokens could not be renewed: sign in again. */
  sign_in_required: 401,
  /** A fault of the Workbench server itself; its log has the details. */
  internal_error: 500,
} as const

export type ProxyErrorCode = keyof typeof PROXY_ERROR_STATUS

export const PROXY_ERROR_CODES = Object.keys(PROXY_ERROR_STATUS) as ProxyErrorCode[]

/** A per-user call budget: at most `limit` calls in any window of `windowMs` (MPSD's §4 throttling). */
export type Budget = { limit: number; windowMs: number }
