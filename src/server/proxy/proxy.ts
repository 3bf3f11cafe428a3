// ANY /proxy/<path>?<query> -> <upstream>/<path>?<query>. A pure Hono app; the upstream comes from
// X-Workbench-Upstream and must be on the allowlist (upstreams.ts). The simulator is dispatched in
// process, so the default path never touches the network, but under the same rules as a remote
// upstream: the same timeout, the same caps, the same byte budget. Failures of the proxy itself are
// JSON with X-Workbench-Proxy-Error, so the UI can tell them from MPSD's own answers.
import type { ServerResponse } from 'node:http'
import { Hono, type Context } from 'hono'
import { Agent, request as undiciRequest, errors as undiciErrors } from 'undici'
import {
  ACT_AS_HEADER,
  PROXY_ERROR_STATUS,
  PROXY_METHODS,
  REQUEST_BODY_LIMIT,
  RESPONSE_BODY_LIMIT,
  SIMULATOR_UPSTREAM,
  UPSTREAM_HEADER,
  type ProxyErrorCode,
} from '../../mpsd/proxy-protocol'
import { redactText, secretsOfAuthorization } from '../../mpsd/redact'
import { SIM_DOC_RULE_HEADER, SIM_RULE_HEADER } from '../../mpsd/sim-rules'
import { chunksBody, joinChunks, readBudgeted, UNMETERED, type ByteBudget } from '../byte-budget'
import { checkCaller, type CallerPolicy } from '../caller-check'
import { proxyError } from '../error-response'
import { decodedLayers, hasDotSegment, rawTargetPath } from '../request-target'
import type { Logger } from '../logger'
import { createSimulatorToken, resolveActAs, type ActAsSources } from './act-as'
import { allowedUpstreams, resolveUpstream, XBOX_LIVE_ORIGINS, type Upstream } from './upstreams'

export type ProxyOptions = CallerPolicy & {
  extraUpstreams: readonly string[]
  xblAuthorization: string | undefined
  connectTimeoutMs: number
  totalTimeoutMs: number
  simulator: { fetch: (request: Request) => Response | Promise<Response> }
  logger: Logger
  /** Shared by every request in flight: request bodies and buffered answers draw from it. */
  budget: ByteBudget
  /** Where the "Xbox Live" upstream sends (WORKBENCH_XBOXLIVE_ORIGIN); default the real origin. */
  xboxLiveOrigin?: string
  /** Where it sends Multiplayer Activity calls (WORKBENCH_MPA_ORIGIN); default the real origin. */
  mpaOrigin?: string
  /** Who X-Workbench-Act-As can name; without it only `token`, `none` or no header are served. */
  actAs?: ActAsSources
}

const NO_ACTORS: ActAsSources = {
  players: () => [],
  xuidOf: () => undefined,
  authorizationOf: () => Promise.reject(new Error('Sign-in is not available on this server.')),
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
/**
 * An answer to /proxy comes from the Workbench's own origin, so what an upstream says about *that*
 * origin must not pass: `Clear-Site-Data` would wipe the dashboard's History, CORS headers would
 * open it to other sites, `Alt-Svc` and HSTS would redirect or pin it.
 */
const ORIGIN_WIDE_RESPONSE_HEADERS = new Set([
  'clear-site-data',
  'alt-svc',
  'strict-transport-security',
  'public-key-pins',
  'public-key-pins-report-only',
  'set-cookie2',
  'service-worker-allowed',
])
/** HTTP forbids content in these answers; a browser could not receive any anyway. */
const NULL_BODY_STATUSES = new Set([204, 205, 304])

/** The header names a Connection header lists: hop-by-hop too, whichever way they travel. */
function connectionNamed(headers: Headers): Set<string> {
  return new Set(
    (headers.get('connection') ?? '')
      .split(',')
      .map((s) => s.trim().toLowerCase())
      .filter(Boolean),
  )
}

function forwardableRequestHeaders(incoming: Headers): Headers {
  const named = connectionNamed(incoming)
  const out = new Headers()
  incoming.forEach((value, name) => {
    const lower = name.toLowerCase()
    if (DROP_REQUEST_HEADERS.has(lower) || named.has(lower)) return
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

/** What goes back to the browser: no hop-by-hop, cookie or origin-wide headers, no spoofed proxy error. */
function returnableResponseHeaders(incoming: Headers): Headers {
  const named = connectionNamed(incoming)
  const out = new Headers()
  incoming.forEach((value, name) => {
    const lower = name.toLowerCase()
    if (
      DROP_RESPONSE_HEADERS.has(lower) ||
      ORIGIN_WIDE_RESPONSE_HEADERS.has(lower) ||
      named.has(lower) ||
      lower.startsWith('x-workbench-') ||
      lower.startsWith('access-control-')
    )
      return
    out.append(name, value)
  })
  return out
}

/** The raw target after `/proxy`; undefined when it does not start with `/proxy` as typed. */
function rawProxyPath(c: Context): string | undefined {
  const match = /^\/proxy(\/.*)?$/.exec(rawTargetPath(c))
  return match ? (match[1] ?? '/') : undefined
}

/**
 * Only a plain absolute path may follow /proxy, sent exactly as typed: nothing that a server on the
 * way could read as another path or another host. So no `//host`, no dot segment (`..`, `.`,
 * `%2e%2e`, double-encoded or not), no absolute URL (`/http://host/x`), no backslash, no `@`, no
 * control character.
 */
function safePath(rawPath: string | undefined): string | undefined {
  if (rawPath === undefined || !rawPath.startsWith('/')) return undefined
  const layers = decodedLayers(rawPath)
  if (!layers || hasDotSegment(rawPath)) return undefined
  for (const layer of layers) {
    if (layer.startsWith('//')) return undefined
    // Control characters (CRLF injection), backslashes and userinfo markers never belong in an MPSD path.
    // eslint-disable-next-line no-control-regex
    if (/[\\\u0000-\u001f\u007f@]/.test(layer)) return undefined
    if (layer.includes('://') || /^\/[a-z][a-z0-9+.-]*:/i.test(layer)) return undefined
  }
  return rawPath
}

/** A signal that fires after `ms`, or when the client goes away, whichever comes first. */
function deadline(client: AbortSignal | undefined, ms: number) {
  const controller = new AbortController()
  const timer = setTimeout(() => {
    controller.abort(new DOMException(`Timed out after ${ms} ms`, 'TimeoutError'))
  }, ms)
  const onClient = () => controller.abort(client?.reason)
  if (client?.aborted) onClient()
  else client?.addEventListener('abort', onClient, { once: true })
  return {
    signal: controller.signal,
    dispose() {
      clearTimeout(timer)
      client?.removeEventListener('abort', onClient)
    },
  }
}

const ABORTED = Symbol('aborted')

/** The promise's value, or ABORTED as soon as the signal fires (the promise is left to settle). */
function unlessAborted<T>(promise: Promise<T>, signal: AbortSignal): Promise<T | typeof ABORTED> {
  promise.catch(() => {})
  if (signal.aborted) return Promise.resolve(ABORTED)
  let onAbort = () => {}
  return Promise.race([
    promise,
    new Promise<typeof ABORTED>((resolve) => {
      onAbort = () => resolve(ABORTED)
      signal.addEventListener('abort', onAbort, { once: true })
    }),
  ]).finally(() => signal.removeEventListener('abort', onAbort))
}

/** Errors that mean the upstream spoke, but not HTTP: a bad status line, a wrong length, a 1xx. */
function isBadResponse(error: unknown): boolean {
  return (
    error instanceof undiciErrors.HTTPParserError ||
    error instanceof undiciErrors.ResponseContentLengthMismatchError ||
    error instanceof undiciErrors.InformationalError ||
    error instanceof undiciErrors.HeadersOverflowError ||
    (error instanceof undiciErrors.SocketError && /^bad /.test(error.message)) ||
    (error as Error | undefined)?.name === 'AssertionError'
  )
}

/** Gives the bytes back to the budget once the answer has gone out (or the client has gone). */
function giveBackWhenSent(c: Context, budget: ByteBudget, bytes: number) {
  if (bytes === 0) return
  const outgoing = (c.env as { outgoing?: ServerResponse } | undefined)?.outgoing
  if (outgoing && !outgoing.writableFinished && !outgoing.destroyed) {
    outgoing.once('close', () => budget.give(bytes))
  } else {
    budget.give(bytes)
  }
}

/** Header values with the injected token masked; untouched when the proxy injected none. */
function redactHeaders(headers: Headers, secrets: readonly string[]): Headers {
  if (secrets.length === 0) return headers
  const out = new Headers()
  headers.forEach((value, name) => out.append(name, redactText(value, secrets)))
  return out
}

/**
 * The buffered answer with the injected token masked, or undefined when there was none in it (the
 * bytes then go out exactly as they came, binary or not).
 */
function redactBody(
  chunks: readonly Uint8Array[],
  size: number,
  secrets: readonly string[],
): Uint8Array | undefined {
  if (size === 0) return undefined
  const text = new TextDecoder().decode(joinChunks([...chunks], size))
  const redacted = redactText(text, secrets)
  return redacted === text ? undefined : new TextEncoder().encode(redacted)
}

type Upstreamed = {
  status: number
  headers: Headers
  chunks: Uint8Array[]
  size: number
  taken: number
}

export function createProxyApp(options: ProxyOptions) {
  const upstreams: Upstream[] = allowedUpstreams(
    options.extraUpstreams,
    options.xboxLiveOrigin,
    options.mpaOrigin,
  )
  const simulatorToken = createSimulatorToken()
  // One keep-alive pool for every upstream: a new TCP (and TLS) handshake per call triples latency.
  const agent = new Agent({
    connect: { timeout: options.connectTimeoutMs },
    keepAliveTimeout: 10_000,
    headersTimeout: options.totalTimeoutMs,
    bodyTimeout: options.totalTimeoutMs,
  })
  const { budget } = options
  const app = new Hono()

  app.all('*', async (c) => {
    const started = performance.now()
    const url = new URL(c.req.url)
    const method = c.req.method
    const rawPath = rawProxyPath(c)
    // The caller's own token is a known secret for this request's log line, in any encoding.
    const secrets: string[] = secretsOfAuthorization(c.req.header('authorization') ?? '')
    const log = (status: number, upstream: string) =>
      options.logger.info(
        `proxy ${method} ${rawPath ?? url.pathname} -> ${upstream} ${status} ${(performance.now() - started).toFixed(1)}ms`,
        secrets,
      )
    const fail = (
      code: ProxyErrorCode,
      message: string,
      upstream = '-',
      headers: Record<string, string> = {},
    ) => {
      log(PROXY_ERROR_STATUS[code], upstream)
      return proxyError(code, message, headers)
    }

    const refusal = checkCaller(c, options, 'this proxy')
    if (refusal) return fail(refusal.code, refusal.message)

    if (!(PROXY_METHODS as readonly string[]).includes(method)) {
      return fail(
        'method_not_allowed',
        `The proxy forwards ${PROXY_METHODS.join(', ')} only, not ${method}.`,
        '-',
        { Allow: PROXY_METHODS.join(', ') },
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
        'The path after /proxy must be a plain absolute path: no `..` or `.` segments (encoded or not), no `//host`, no absolute URL.',
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
    const busy = () =>
      fail(
        'server_busy',
        'The Workbench is holding as many request and response bodies as it allows; retry in a moment.',
        upstream.origin,
        { 'Retry-After': '1' },
      )

    let body: Uint8Array<ArrayBuffer> | undefined
    let bodyTaken = 0
    if (method !== 'GET') {
      const bodyDeadline = deadline(c.req.raw.signal, options.totalTimeoutMs)
      const read = await readBudgeted(
        c.req.raw.body as AsyncIterable<Uint8Array> | null,
        REQUEST_BODY_LIMIT,
        budget,
        bodyDeadline.signal,
      )
        // The client's socket failed mid-body: the same as giving up on it.
        .catch(() => ({ ok: false as const, reason: 'aborted' as const }))
        .finally(() => bodyDeadline.dispose())
      if (!read.ok && read.reason === 'aborted' && c.req.raw.signal.aborted) {
        log(499, upstream.origin)
        return new Response(null, { status: 499 })
      }
      if (!read.ok) {
        if (read.reason === 'too_large')
          return fail(
            'request_too_large',
            `Request bodies are limited to ${REQUEST_BODY_LIMIT} bytes.`,
            upstream.origin,
          )
        if (read.reason === 'busy') return busy()
        return fail(
          'request_timeout',
          `The request body did not arrive within ${options.totalTimeoutMs} ms.`,
          upstream.origin,
        )
      }
      body = read.size > 0 ? joinChunks(read.chunks, read.size) : undefined
      bodyTaken = read.taken
    }

    const headers = forwardableRequestHeaders(c.req.raw.headers)
    const upstreamStarted = performance.now()
    // Made before the sign-in is renewed: a renewal that hangs is bounded by the same
    // PROXY_TIMEOUT_MS as the call, and ends when the client gives up.
    const limit = deadline(c.req.raw.signal, options.totalTimeoutMs)
    const timedOut = () => {
      if (c.req.raw.signal.aborted) {
        // The client went away: nobody reads this answer, the log line is what remains.
        log(499, upstream.origin)
        return new Response(null, { status: 499 })
      }
      return fail(
        'timeout',
        `Timed out after ${options.totalTimeoutMs} ms waiting for ${upstream.origin}.`,
        upstream.origin,
      )
    }
    const acting = await unlessAborted(
      resolveActAs(
        c.req.header(ACT_AS_HEADER),
        {
          simulator: upstream.origin === SIMULATOR_UPSTREAM,
          xboxLive: XBOX_LIVE_ORIGINS.includes(upstream.origin),
        },
        options.actAs ?? NO_ACTORS,
        simulatorToken,
      ),
      limit.signal,
    )
    if (acting === ABORTED || acting.kind === 'refuse') {
      limit.dispose()
      budget.give(bodyTaken)
      if (acting === ABORTED) return timedOut()
      return fail(acting.code, acting.message, upstream.origin)
    }
    // The token the proxy puts in itself is a secret of this request: kept out of its log line and
    // out of the answer (an upstream that echoes the request would hand it to the browser).
    const injected =
      acting.kind === 'set' ? secretsOfAuthorization(acting.authorization) : ([] as string[])
    secrets.push(...injected)
    if (acting.kind === 'set') headers.set('authorization', acting.authorization)
    else if (acting.kind === 'remove') headers.delete('authorization')
    else if (XBOX_LIVE_ORIGINS.includes(upstream.origin) && options.xblAuthorization) {
      headers.set('authorization', options.xblAuthorization)
    }
    const tooLarge = () =>
      fail(
        'response_too_large',
        `The answer was over ${RESPONSE_BODY_LIMIT} bytes.`,
        upstream.origin,
      )

    let answer: Upstreamed
    try {
      if (upstream.origin === SIMULATOR_UPSTREAM) {
        const response = await unlessAborted(
          Promise.resolve(
            options.simulator.fetch(
              new Request(`http://simulator${path}${url.search}`, {
                method,
                headers,
                signal: limit.signal,
                ...(body ? { body } : {}),
              }),
            ),
          ),
          limit.signal,
        )
        if (response === ABORTED) return timedOut()
        const read = await readBudgeted(
          response.body as AsyncIterable<Uint8Array> | null,
          RESPONSE_BODY_LIMIT,
          budget,
          limit.signal,
        )
        if (!read.ok) {
          if (read.reason === 'too_large') return tooLarge()
          if (read.reason === 'busy') return busy()
          return timedOut()
        }
        answer = {
          status: response.status,
          headers: response.headers,
          chunks: read.chunks,
          size: read.size,
          taken: read.taken,
        }
      } else {
        const target = new URL(`${upstream.target}${path}${url.search}`)
        // Belt and braces: the concatenation above must not have changed the host.
        if (target.origin !== upstream.target)
          return fail('path_not_allowed', 'The path may not change the upstream.', upstream.origin)
        const plain: Record<string, string> = {}
        headers.forEach((value, name) => {
          plain[name] = value
        })
        let response: Awaited<ReturnType<typeof undiciRequest>>
        // An upstream that sends a 1xx and then hangs up has answered, badly, not been unreachable.
        let informational = false
        for (let attempt = 1; ; attempt++) {
          informational = false
          try {
            response = await undiciRequest(target, {
              method: method as 'GET',
              headers: plain,
              body: body ? Buffer.from(body.buffer, body.byteOffset, body.byteLength) : null,
              dispatcher: agent,
              signal: limit.signal,
              // Redirects are never followed: a 3xx goes back to the caller as it is.
              maxRedirections: 0,
              onInfo: () => {
                informational = true
              },
            } as Parameters<typeof undiciRequest>[1])
          } catch (error) {
            if (limit.signal.aborted) return timedOut()
            if (error instanceof undiciErrors.ConnectTimeoutError) {
              return fail(
                'connect_timeout',
                `Could not connect to ${upstream.origin} within ${options.connectTimeoutMs} ms.`,
                upstream.origin,
              )
            }
            if (error instanceof undiciErrors.HeadersTimeoutError) return timedOut()
            if (informational || isBadResponse(error)) {
              return fail(
                'upstream_bad_response',
                `${upstream.origin} answered with something that is not valid HTTP (${(error as Error).message}).`,
                upstream.origin,
              )
            }
            return fail(
              'upstream_unreachable',
              `Could not reach ${upstream.origin} (${(error as NodeJS.ErrnoException).code ?? (error as Error).name}).`,
              upstream.origin,
            )
          }
          // Xbox Live refusing an account's token we held as valid (revoked, a clock ahead of ours):
          // renew it and ask once more. GET only: a resent POST /handles is a second invite.
          const status = response.statusCode
          if (attempt > 1 || method !== 'GET' || (status !== 401 && status !== 403)) break
          if (acting.kind !== 'set' || acting.identityId === undefined) break
          const renewed = await unlessAborted(
            (options.actAs ?? NO_ACTORS)
              .authorizationOf(acting.identityId, { forceRefresh: true })
              .catch(() => undefined),
            limit.signal,
          )
          // The refused answer is dropped unread (undici reports that as an error: nobody hears it).
          response.body.on('error', () => {})
          if (renewed === ABORTED) {
            response.body.destroy()
            return timedOut()
          }
          // Renewal failed: the refusal goes back as Xbox Live gave it; the identity shows why.
          if (renewed === undefined) break
          response.body.destroy()
          plain.authorization = renewed
          injected.push(...secretsOfAuthorization(renewed))
          secrets.push(...secretsOfAuthorization(renewed))
        }
        // All or nothing when the size is announced: forty big answers must not each take a slice
        // of the budget and all fail half-read.
        const announced = Number(response.headers['content-length'] ?? Number.NaN)
        if (announced > RESPONSE_BODY_LIMIT) {
          response.body.destroy()
          return tooLarge()
        }
        const reserved = Number.isSafeInteger(announced) && announced > 0 ? announced : 0
        if (reserved > 0 && !budget.tryTake(reserved)) {
          response.body.destroy()
          return busy()
        }
        let read: Awaited<ReturnType<typeof readBudgeted>>
        try {
          read = await readBudgeted(
            response.body,
            RESPONSE_BODY_LIMIT,
            // The announced bytes are already taken; an answer longer than it said is cut by undici.
            reserved > 0 ? UNMETERED : budget,
            limit.signal,
          )
        } catch (error) {
          budget.give(reserved)
          if (limit.signal.aborted || error instanceof undiciErrors.BodyTimeoutError)
            return timedOut()
          return fail(
            'upstream_bad_response',
            `${upstream.origin} broke off its answer (${(error as Error).message}).`,
            upstream.origin,
          )
        }
        if (!read.ok) {
          budget.give(reserved)
          response.body.destroy()
          if (read.reason === 'too_large') return tooLarge()
          if (read.reason === 'busy') return busy()
          return timedOut()
        }
        const responseHeaders = new Headers()
        for (const [name, value] of Object.entries(response.headers)) {
          if (value === undefined) continue
          for (const v of Array.isArray(value) ? value : [value]) responseHeaders.append(name, v)
        }
        answer = {
          status: response.statusCode,
          headers: responseHeaders,
          chunks: read.chunks,
          size: read.size,
          taken: reserved > 0 ? reserved : read.taken,
        }
      }
    } finally {
      limit.dispose()
      budget.give(bodyTaken)
    }

    // Only a final status the Fetch API can carry goes back as is; anything else (1xx as a final
    // answer, 600, 999) is the upstream breaking HTTP, and says so.
    if (!Number.isInteger(answer.status) || answer.status < 200 || answer.status > 599) {
      budget.give(answer.taken)
      return fail(
        'upstream_bad_response',
        `${upstream.origin} answered with status ${answer.status}, which is not a final HTTP status (200-599).`,
        upstream.origin,
      )
    }
    const out = redactHeaders(returnableResponseHeaders(answer.headers), injected)
    // The in-process simulator names the rule that refused a call (decision 100); only it may.
    if (upstream.origin === SIMULATOR_UPSTREAM) {
      for (const name of [SIM_RULE_HEADER, SIM_DOC_RULE_HEADER]) {
        const value = answer.headers.get(name)
        if (value) out.set(name, value)
      }
    }
    out.append('Server-Timing', `upstream;dur=${(performance.now() - upstreamStarted).toFixed(2)}`)
    log(answer.status, upstream.origin)
    giveBackWhenSent(c, budget, answer.taken)
    if (NULL_BODY_STATUSES.has(answer.status)) {
      return new Response(null, { status: answer.status, headers: out })
    }
    const chunks =
      injected.length > 0 ? redactBody(answer.chunks, answer.size, injected) : undefined
    // Announced, so a body sent in chunks still goes out with its length, as the upstream sent it.
    out.set('Content-Length', String(chunks ? chunks.byteLength : answer.size))
    return new Response(chunks ? chunksBody([chunks]) : chunksBody(answer.chunks), {
      status: answer.status,
      headers: out,
    })
  })

  return Object.assign(app, { close: () => agent.close(), upstreams })
}
