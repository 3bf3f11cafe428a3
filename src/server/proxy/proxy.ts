// ANY /proxy/<path>?<query> -> <upstream>/<path>?<query>. A pure Hono app; the upstream comes from
// X-Workbench-Upstream and must be on the allowlist (upstreams.ts). The simulator is dispatched in
// process, so the default path never touches the network. Failures of the proxy itself are JSON with
// X-Workbench-Proxy-Error, so the UI can tell them from MPSD's own answers.
import { Hono, type Context } from 'hono'
import { Agent, request as undiciRequest, errors as undiciErrors } from 'undici'
import { XBOX_LIVE_ORIGIN } from '../../mpsd/limits'
import type { Logger } from '../logger'
import { allowedUpstreams, resolveUpstream, SIMULATOR_UPSTREAM, type Upstream } from './upstreams'

export const REQUEST_BODY_LIMIT = 1024 * 1024
export const RESPONSE_BODY_LIMIT = 10 * 1024 * 1024
export const PROXY_ERROR_HEADER = 'X-Workbench-Proxy-Error'
export const UPSTREAM_HEADER = 'x-workbench-upstream'

export type ProxyOptions = {
  extraUpstreams: readonly string[]
  xblAuthorization: string | undefined
  connectTimeoutMs: number
  totalTimeoutMs: number
  simulator: { fetch: (request: Request) => Response | Promise<Response> }
  logger: Logger
  /** Whether the TCP peer is on this machine; decides whether Origin-less callers are let in. */
  isLoopbackPeer: (c: Context) => boolean
  /** Host names the dashboard is served under (DNS-rebinding defence). */
  allowedHosts: readonly string[]
}

export type ProxyErrorCode =
  | 'origin_not_allowed'
  | 'upstream_not_allowed'
  | 'path_not_allowed'
  | 'bad_request'
  | 'request_too_large'
  | 'request_timeout'
  | 'response_too_large'
  | 'upstream_unreachable'
  | 'connect_timeout'
  | 'timeout'

const STATUS: Record<ProxyErrorCode, 400 | 403 | 408 | 413 | 502 | 504> = {
  origin_not_allowed: 403,
  upstream_not_allowed: 403,
  path_not_allowed: 403,
  bad_request: 400,
  request_too_large: 413,
  request_timeout: 408,
  response_too_large: 502,
  upstream_unreachable: 502,
  connect_timeout: 504,
  timeout: 504,
}

export function proxyError(code: ProxyErrorCode, message: string): Response {
  return new Response(JSON.stringify({ error: code, message }), {
    status: STATUS[code],
    headers: { 'Content-Type': 'application/json; charset=utf-8', [PROXY_ERROR_HEADER]: code },
  })
}

// RFC 9110 hop-by-hop headers, plus what must never cross: cookies, client addresses, our controls.
const DROP_REQUEST_HEADERS = new Set([
  'connection',
  'keep-alive',
  'proxy-authenticate',
  'proxy-authorization',
  'proxy-connection',
  'te',
  'trailer',
  'transfer-encoding',
  'upgrade',
  'host',
  'content-length',
  'cookie',
  'origin',
  'referer',
  'forwarded',
  'x-real-ip',
  'via',
  'expect',
])
const DROP_RESPONSE_HEADERS = new Set([
  'connection',
  'keep-alive',
  'proxy-authenticate',
  'proxy-connection',
  'te',
  'trailer',
  'transfer-encoding',
  'upgrade',
  'set-cookie',
  'content-length',
])

function forwardableRequestHeaders(incoming: Headers): Headers {
  const named = (incoming.get('connection') ?? '').split(',').map((s) => s.trim().toLowerCase())
  const out = new Headers()
  incoming.forEach((value, name) => {
    const lower = name.toLowerCase()
    if (DROP_REQUEST_HEADERS.has(lower) || named.includes(lower)) return
    if (
      lower.startsWith('x-forwarded-') ||
      lower.startsWith('x-workbench-') ||
      lower.startsWith('sec-')
    )
      return
    out.append(name, value)
  })
  return out
}

/** Only a plain absolute path may follow /proxy: no `..`, no `//host`, no encoded tricks. */
function safePath(rawPath: string): string | undefined {
  if (!rawPath.startsWith('/') || rawPath.startsWith('//')) return undefined
  let decoded: string
  try {
    decoded = decodeURIComponent(rawPath)
  } catch {
    return undefined
  }
  // Control characters (CRLF injection), backslashes and userinfo markers never belong in an MPSD path.
  // eslint-disable-next-line no-control-regex
  if (/[\\\u0000-\u001f\u007f@]/.test(decoded) || decoded.startsWith('//')) return undefined
  if (decoded.split('/').some((segment) => segment === '..' || segment === '.')) return undefined
  return rawPath
}

async function readCapped(
  stream: ReadableStream<Uint8Array> | AsyncIterable<Uint8Array> | null,
  limit: number,
): Promise<Uint8Array<ArrayBuffer> | 'too_large'> {
  if (!stream) return new Uint8Array(new ArrayBuffer(0))
  const chunks: Uint8Array[] = []
  let size = 0
  for await (const chunk of stream as AsyncIterable<Uint8Array>) {
    size += chunk.byteLength
    if (size > limit) return 'too_large'
    chunks.push(chunk)
  }
  const out = new Uint8Array(new ArrayBuffer(size))
  let offset = 0
  for (const chunk of chunks) {
    out.set(chunk, offset)
    offset += chunk.byteLength
  }
  return out
}

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T | 'timeout'> {
  let timer: NodeJS.Timeout | undefined
  return Promise.race([
    promise,
    new Promise<'timeout'>((resolve) => {
      timer = setTimeout(() => resolve('timeout'), ms)
    }),
  ]).finally(() => clearTimeout(timer))
}

export function createProxyApp(options: ProxyOptions) {
  const upstreams: Upstream[] = allowedUpstreams(options.extraUpstreams)
  // One keep-alive pool for every upstream: a new TCP (and TLS) handshake per call triples latency.
  const agent = new Agent({
    connect: { timeout: options.connectTimeoutMs },
    keepAliveTimeout: 10_000,
    headersTimeout: options.totalTimeoutMs,
    bodyTimeout: options.totalTimeoutMs,
  })
  const app = new Hono()

  app.all('*', async (c) => {
    const started = performance.now()
    const url = new URL(c.req.url)
    const rawPath = url.pathname.replace(/^\/proxy/, '') || '/'
    const log = (status: number, upstream: string) =>
      options.logger.info(
        `proxy ${c.req.method} ${rawPath} -> ${upstream} ${status} ${(performance.now() - started).toFixed(1)}ms`,
      )
    const fail = (code: ProxyErrorCode, message: string, upstream = '-') => {
      log(STATUS[code], upstream)
      return proxyError(code, message)
    }

    // Browsers: only the dashboard's own origin. DNS rebinding: only our own host names.
    const hostHeader = c.req.header('host') ?? ''
    const hostname = hostHeader
      .replace(/:\d+$/, '')
      .replace(/^\[|\]$/g, '')
      .toLowerCase()
    if (!options.allowedHosts.includes(hostname)) {
      return fail(
        'origin_not_allowed',
        `Requests must address the Workbench by one of its own host names, not "${hostname}".`,
      )
    }
    const origin = c.req.header('origin')
    if (origin !== undefined) {
      const self = `${url.protocol}//${hostHeader}`.toLowerCase()
      if (origin.toLowerCase() !== self) {
        return fail(
          'origin_not_allowed',
          'Only the Workbench dashboard itself may use this proxy from a browser.',
        )
      }
    } else if (!options.isLoopbackPeer(c)) {
      return fail(
        'origin_not_allowed',
        'Callers without an Origin header are allowed only from this machine.',
      )
    }

    const upstream = resolveUpstream(c.req.header(UPSTREAM_HEADER), upstreams)
    if (!upstream.ok) {
      return fail(
        'upstream_not_allowed',
        `Upstream not allowed. Allowed: ${upstreams.map((u) => u.origin).join(', ')}. Add origins with WORKBENCH_UPSTREAMS.`,
      )
    }
    const path = safePath(rawPath)
    if (!path)
      return fail(
        'path_not_allowed',
        'The path after /proxy must be a plain absolute path.',
        upstream.origin,
      )

    const declared = Number(c.req.header('content-length') ?? '0')
    if (declared > REQUEST_BODY_LIMIT) {
      return fail(
        'request_too_large',
        `Request bodies are limited to ${REQUEST_BODY_LIMIT} bytes.`,
        upstream.origin,
      )
    }
    let body: Uint8Array<ArrayBuffer> | undefined
    if (c.req.method !== 'GET' && c.req.method !== 'HEAD') {
      const read = await withTimeout(
        readCapped(c.req.raw.body, REQUEST_BODY_LIMIT),
        options.totalTimeoutMs,
      )
      if (read === 'timeout')
        return fail(
          'request_timeout',
          `The request body did not arrive within ${options.totalTimeoutMs} ms.`,
          upstream.origin,
        )
      if (read === 'too_large')
        return fail(
          'request_too_large',
          `Request bodies are limited to ${REQUEST_BODY_LIMIT} bytes.`,
          upstream.origin,
        )
      body = read.byteLength > 0 ? read : undefined
    }

    const headers = forwardableRequestHeaders(c.req.raw.headers)
    if (upstream.origin === XBOX_LIVE_ORIGIN && options.xblAuthorization) {
      headers.set('authorization', options.xblAuthorization)
    }
    const upstreamStarted = performance.now()
    let status: number
    let responseHeaders: Headers
    let responseBody: Uint8Array<ArrayBuffer>

    if (upstream.origin === SIMULATOR_UPSTREAM) {
      const response = await options.simulator.fetch(
        new Request(`http://simulator${path}${url.search}`, {
          method: c.req.method,
          headers,
          ...(body ? { body } : {}),
        }),
      )
      const read = await readCapped(response.body, RESPONSE_BODY_LIMIT)
      if (read === 'too_large')
        return fail(
          'response_too_large',
          `The answer was over ${RESPONSE_BODY_LIMIT} bytes.`,
          upstream.origin,
        )
      status = response.status
      responseHeaders = response.headers
      responseBody = read
    } else {
      const target = new URL(`${upstream.origin}${path}${url.search}`)
      // Belt and braces: the concatenation above must not have changed the host.
      if (target.origin !== upstream.origin)
        return fail('path_not_allowed', 'The path may not change the upstream.', upstream.origin)
      const plain: Record<string, string> = {}
      headers.forEach((value, name) => {
        plain[name] = value
      })
      try {
        const response = await undiciRequest(target, {
          method: c.req.method as 'GET',
          headers: plain,
          body: body ? Buffer.from(body) : null,
          dispatcher: agent,
          signal: AbortSignal.timeout(options.totalTimeoutMs),
          // Redirects are never followed: a 3xx goes back to the caller as it is.
          maxRedirections: 0,
        } as Parameters<typeof undiciRequest>[1])
        const read = await readCapped(response.body, RESPONSE_BODY_LIMIT)
        if (read === 'too_large') {
          response.body.destroy()
          return fail(
            'response_too_large',
            `The answer was over ${RESPONSE_BODY_LIMIT} bytes.`,
            upstream.origin,
          )
        }
        status = response.statusCode
        responseHeaders = new Headers()
        for (const [name, value] of Object.entries(response.headers)) {
          if (value === undefined) continue
          for (const v of Array.isArray(value) ? value : [value]) responseHeaders.append(name, v)
        }
        responseBody = read
      } catch (error) {
        if (error instanceof undiciErrors.ConnectTimeoutError) {
          return fail(
            'connect_timeout',
            `Could not connect to ${upstream.origin} within ${options.connectTimeoutMs} ms.`,
            upstream.origin,
          )
        }
        const name = (error as Error).name
        if (
          name === 'TimeoutError' ||
          name === 'AbortError' ||
          error instanceof undiciErrors.HeadersTimeoutError ||
          error instanceof undiciErrors.BodyTimeoutError
        ) {
          return fail(
            'timeout',
            `Timed out after ${options.totalTimeoutMs} ms waiting for ${upstream.origin}.`,
            upstream.origin,
          )
        }
        return fail(
          'upstream_unreachable',
          `Could not reach ${upstream.origin} (${(error as NodeJS.ErrnoException).code ?? name}).`,
          upstream.origin,
        )
      }
    }

    const out = new Headers()
    responseHeaders.forEach((value, name) => {
      if (!DROP_RESPONSE_HEADERS.has(name.toLowerCase())) out.append(name, value)
    })
    out.append('Server-Timing', `upstream;dur=${(performance.now() - upstreamStarted).toFixed(2)}`)
    log(status, upstream.origin)
    const nullBody = status === 204 || status === 304 || c.req.method === 'HEAD'
    return new Response(nullBody ? null : responseBody, { status, headers: out })
  })

  return Object.assign(app, { close: () => agent.close(), upstreams })
}
