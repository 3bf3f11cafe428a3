// The server's own failures, on every path: JSON `{ error, message }` with X-Workbench-Proxy-Error,
// so the dashboard (and a curl user) can tell a Workbench refusal from an upstream's answer.
import { PROXY_ERROR_HEADER, PROXY_ERROR_STATUS, type ProxyErrorCode } from '../mpsd/proxy-protocol'

export function proxyError(
  code: ProxyErrorCode,
  message: string,
  headers: Record<string, string> = {},
): Response {
  return new Response(JSON.stringify({ error: code, message }), {
    status: PROXY_ERROR_STATUS[code],
    headers: {
      ...headers,
      'Content-Type': 'application/json; charset=utf-8',
      [PROXY_ERROR_HEADER]: code,
    },
  })
}
