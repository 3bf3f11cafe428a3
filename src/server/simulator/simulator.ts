// The MPSD handles API as ../shared/mpsd-handles.md describes it, in memory: a pure Hono app
// (Request -> Response) mounted at /sim. It validates bodies with the same zod schemas as the forms,
// answers MPSD's errors in MPSD's formats, and enforces MPSD's per-user budgets.
import { Hono, type Context } from 'hono'
import { z, type ZodError } from 'zod'
import { MIN_CONTRACT_VERSION, MPSD_BURST, MPSD_SUSTAIN } from '../../mpsd/limits'
import { REQUEST_BODY_LIMIT, type Budget } from '../../mpsd/proxy-protocol'
import { REDACTED, redactText, secretsOfAuthorization } from '../../mpsd/redact'
import {
  activityBodySchema,
  handlesQueryBodySchema,
  inviteBodySchema,
  sessionRefSchema,
} from '../../mpsd/schemas'
import { createByteBudget, joinChunks, readBudgeted } from '../byte-budget'
import {
  isPlaceholderAuthorization,
  parseAuthorization,
  xuidForUserhash,
} from './simulator-identity'
import { createSimulatorState, LOG_BODY_PREFIX, type StoredHandle } from './simulator-state'
import { activityRefusal, inviteRefusal, transferRefusal } from './handle-binding'
import {
  createSearchHandle,
  querySearchHandles,
  relatedInfo,
  searchBodySchema,
  searchQuerySchema,
} from './search-handles'
import { SESSION_TITLE_ID, type SessionRefKey } from './session-store'
import { createSimRulesState, type SimRulesOption } from './sim-rules-state'
import type { SessionTemplates } from './sim-templates'
import { createSessionService, registerSessionRoutes } from './simulator-sessions'
import { isMpaSimPath, registerMpaRoutes } from './mpa-routes'

export type SimulatorOptions = {
  latencyMs: number
  failRate: number
  throttle: boolean
  budgets?: Budget[]
  now?: () => number
  random?: () => number
  /** Bytes of request bodies held at once across all callers; past it, 503 as MPSD under load. */
  bodyBudgetBytes?: number
  /** The simulator rules' modes (src/mpsd/sim-rules.ts): one for all, or per rule; default strict. */
  rules?: SimRulesOption
  /** Session templates (WORKBENCH_SIM_TEMPLATES); a template not in it gets the defaults. */
  templates?: SessionTemplates
  /** How long an invite handle lives (WORKBENCH_SIM_INVITE_TTL_SECONDS); default INVITE_LIFETIME_MS. */
  inviteTtlMs?: number
}

/** POST /handles type transfer (mpsd-handles.md §2.3). */
const transferBodySchema = z.object({
  type: z.literal('transfer'),
  sessionRef: sessionRefSchema,
  version: z.literal(1),
  originSessionRef: sessionRefSchema,
})

/** The title the simulator reports for activities (MPSD takes it from the token). */
export const SIMULATOR_TITLE_ID = SESSION_TITLE_ID
/**
 * Invite handles expire; the lifetime is unverified (mpsd-sessions.md §7.2) and XSAPI only parses
 * `expiration`, so a day is assumed.
 */
export const INVITE_LIFETIME_MS = 24 * 60 * 60 * 1000
/** MPSD returns at most 100 handles from a query [spec §2.5]. */
const QUERY_RESULT_LIMIT = 100
/** Sixteen bodies at the 1 MiB cap at once: far above what the dashboard or a batch sends. */
const DEFAULT_BODY_BUDGET_BYTES = 16 * REQUEST_BODY_LIMIT
/** Headers whose whole value is a credential: never stored, not even in part. */
const SECRET_HEADERS = new Set(['authorization', 'proxy-authorization', 'cookie'])

/** MPSD's expiration format: ISO-8601 UTC with 7 fractional digits ("2014-08-28T23:15:34.8852308Z"). */
export function mpsdTimestamp(ms: number): string {
  return new Date(ms)
    .toISOString()
    .replace(/\.(\d{3})Z$/, (_m, millis: string) => `.${millis}0000Z`)
}

function text(c: Context, status: 400 | 401 | 403 | 404 | 405 | 413 | 503, message: string) {
  return c.text(message, status, { 'Content-Type': 'text/plain; charset=utf-8' })
}

function describeZodError(error: ZodError): string {
  return error.issues
    .map((issue) => `${issue.path.length ? issue.path.join('.') : 'body'}: ${issue.message}`)
    .join('\n')
}

/** Resolves after `ms`, or as soon as the caller goes away (or the proxy's deadline passes). */
function sleep(ms: number, signal: AbortSignal) {
  return new Promise<void>((resolve) => {
    if (signal.aborted) return resolve()
    const done = () => {
      clearTimeout(timer)
      signal.removeEventListener('abort', done)
      resolve()
    }
    const timer = setTimeout(done, ms)
    signal.addEventListener('abort', done, { once: true })
  })
}

export function createSimulatorApp(options: SimulatorOptions) {
  const now = options.now ?? Date.now
  const random = options.random ?? Math.random
  const budgets = options.budgets ?? [MPSD_BURST, MPSD_SUSTAIN]
  const bodyBudget = createByteBudget(options.bodyBudgetBytes ?? DEFAULT_BODY_BUDGET_BYTES)
  const state = createSimulatorState()
  const rules = createSimRulesState(options.rules)
  const inviteTtlMs = options.inviteTtlMs ?? INVITE_LIFETIME_MS
  const sessionDeps = { state, now, timestamp: mpsdTimestamp, rules, templates: options.templates }
  const sessions = createSessionService(sessionDeps)
  const binding = { sessions, rules }
  const app = new Hono<{ Variables: { xuid: string; body: string } }>()

  // Test hooks: not MPSD, never throttled, never logged.
  app.get('/__requests', (c) => c.json({ requests: state.requests }))
  app.post('/__reset', (c) => {
    state.reset()
    rules.reset()
    return c.body(null, 204)
  })

  app.use('*', async (c, next) => {
    const url = new URL(c.req.url)
    const authorization = c.req.header('authorization')
    const secrets = secretsOfAuthorization(authorization ?? '')
    const headers: Record<string, string> = {}
    c.req.raw.headers.forEach((value, name) => {
      headers[name] = SECRET_HEADERS.has(name) ? REDACTED : redactText(value, secrets)
    })
    const record = (body: string, bodyBytes: number) =>
      state.record({
        at: new Date(now()).toISOString(),
        method: c.req.method,
        path: redactText(url.pathname.replace(/^\/sim/, '') + url.search, secrets),
        headers,
        body: redactText(body.slice(0, LOG_BODY_PREFIX), secrets),
        bodyBytes,
        bodyTruncated: body.length > LOG_BODY_PREFIX,
      })

    // The body is read once, capped like the proxy's, before anything else looks at it.
    let body = ''
    if (c.req.method !== 'GET' && c.req.method !== 'HEAD') {
      const declared = Number(c.req.header('content-length') ?? '0')
      if (declared > REQUEST_BODY_LIMIT) {
        record('', declared)
        return text(c, 413, `The request body is over ${REQUEST_BODY_LIMIT} bytes.`)
      }
      const read = await readBudgeted(
        c.req.raw.body as AsyncIterable<Uint8Array> | null,
        REQUEST_BODY_LIMIT,
        bodyBudget,
        c.req.raw.signal,
      )
      if (!read.ok) {
        record('', declared)
        if (read.reason === 'too_large')
          return text(c, 413, `The request body is over ${REQUEST_BODY_LIMIT} bytes.`)
        c.header('Retry-After', '1')
        return text(c, 503, 'The service is overloaded (too many request bodies at once).')
      }
      // Decoded as Request.text() would (UTF-8, a leading BOM dropped); the bytes go back at once.
      body = new TextDecoder().decode(joinChunks(read.chunks, read.size))
      bodyBudget.give(read.taken)
      record(body, read.size)
    } else {
      record('', 0)
    }
    c.set('body', body)

    const latency = Number(c.req.query('sim_latency_ms') ?? options.latencyMs)
    if (latency > 0) {
      await sleep(Math.min(latency, 60_000), c.req.raw.signal)
      // The caller left (or the proxy gave up): nothing may change on its behalf.
      if (c.req.raw.signal.aborted) return text(c, 503, 'The request was cancelled.')
    }
    const forcedFail = c.req.query('sim_fail') === '1'
    if (forcedFail || (options.failRate > 0 && random() < options.failRate)) {
      c.header('Retry-After', '1')
      return text(c, 503, 'The service is overloaded (simulated failure).')
    }

    // Multiplayer Activity (mpa-routes.ts) sends contract 1 and has budgets of its own.
    const mpa = isMpaSimPath(url.pathname)
    // MPSD requires contract 104/105 or later on every call [spec §1].
    const contract = c.req.header('x-xbl-contract-version')
    if (
      !mpa &&
      (!contract || !/^\d+$/.test(contract.trim()) || Number(contract) < MIN_CONTRACT_VERSION)
    ) {
      return text(
        c,
        400,
        `The x-xbl-contract-version header is missing or below ${MIN_CONTRACT_VERSION}.`,
      )
    }
    if (isPlaceholderAuthorization(authorization)) {
      c.header('WWW-Authenticate', 'XBL3.0')
      return text(
        c,
        401,
        'Authorization is a placeholder, not a token: the real service refuses it too. Set a token in Settings.',
      )
    }
    const auth = parseAuthorization(authorization)
    if (!auth) {
      c.header('WWW-Authenticate', 'XBL3.0')
      return text(c, 401, 'Authorization must be "XBL3.0 x=<userhash>;<token>".')
    }
    // A roster player is who their userhash says; any other userhash is a player of its own.
    const xuid =
      state.players.find((p) => p.userhash === auth.userhash)?.xuid ??
      xuidForUserhash(auth.userhash)
    c.set('xuid', xuid)
    const throttled = !mpa && options.throttle && c.req.query('sim_throttle') !== 'off'
    if (throttled) {
      const at = now()
      const longest = Math.max(...budgets.map((b) => b.windowMs))
      const calls = (state.calls.get(xuid) ?? []).filter((t) => t > at - longest)
      for (const budget of budgets) {
        const inWindow = calls.filter((t) => t > at - budget.windowMs)
        if (inWindow.length >= budget.limit) {
          const oldest = inWindow[0] ?? at
          const retryAfter = Math.max(1, Math.ceil((oldest + budget.windowMs - at) / 1000))
          state.calls.set(xuid, calls)
          c.header('Retry-After', String(retryAfter))
          // MPSD's fine-grained rate limiting body [spec §4].
          return c.json(
            {
              version: 1,
              currentRequests: inWindow.length,
              maxRequests: budget.limit,
              periodInSeconds: budget.windowMs / 1000,
              limitType: 'rate',
            },
            429,
          )
        }
      }
      calls.push(at)
      state.calls.set(xuid, calls)
    }
    await next()
  })

  function includeOf(c: Context): Set<string> {
    return new Set((c.req.query('include') ?? '').split(',').map((s) => s.trim().toLowerCase()))
  }

  function readJson(c: Context): { ok: true; value: unknown } | { ok: false; response: Response } {
    const raw = c.get('body')
    try {
      return { ok: true, value: JSON.parse(raw) as unknown }
    } catch {
      return { ok: false, response: text(c, 400, 'The request body is not valid JSON.') }
    }
  }

  function liveHandle(id: string): StoredHandle | undefined {
    const handle = state.handles.get(id.toLowerCase())
    if (handle?.expiresAt !== undefined && handle.expiresAt <= now()) {
      state.handles.delete(id.toLowerCase())
      return undefined
    }
    return handle
  }

  function publicHandle(handle: StoredHandle): Record<string, unknown> {
    const { ownerXuid: _owner, scid: _scid, expiresAt: _expires, sentAt: _sent, ...rest } = handle
    return handle.type === 'activity' ? { ...rest, ownerXuid: handle.ownerXuid } : rest
  }

  registerSessionRoutes(app, sessionDeps, sessions)

  app.post('/handles', (c) => {
    const parsed = readJson(c)
    if (!parsed.ok) return parsed.response
    const type = (parsed.value as { type?: unknown } | null)?.type
    const xuid = c.get('xuid')
    if (type === 'activity') {
      const result = activityBodySchema.safeParse(parsed.value)
      if (!result.success) return text(c, 400, describeZodError(result.error))
      const body = result.data
      const refusal = activityRefusal(
        binding,
        body.sessionRef.name ? (body.sessionRef as SessionRefKey) : undefined,
        xuid,
      )
      if (refusal) return refusal
      // A new activity replaces the user's previous one for that SCID [spec §2.1].
      for (const [id, handle] of state.handles) {
        if (
          handle.type === 'activity' &&
          handle.ownerXuid === xuid &&
          handle.scid.toLowerCase() === body.sessionRef.scid.toLowerCase()
        ) {
          state.handles.delete(id)
        }
      }
      const id = crypto.randomUUID()
      state.handles.set(id, {
        id,
        type: 'activity',
        version: 1,
        sessionRef: { ...body.sessionRef, name: body.sessionRef.name ?? crypto.randomUUID() },
        titleId: SIMULATOR_TITLE_ID,
        ownerXuid: xuid,
        createTime: mpsdTimestamp(now()),
        scid: body.sessionRef.scid,
      })
      return c.body(null, 204)
    }
    if (type === 'invite') {
      const result = inviteBodySchema.safeParse(parsed.value)
      if (!result.success) return text(c, 400, describeZodError(result.error))
      const body = result.data
      const { refusal } = inviteRefusal(binding, body.sessionRef, xuid)
      if (refusal) return refusal
      const id = crypto.randomUUID()
      const expiresAt = now() + inviteTtlMs
      // Field order as in XSAPI's inviteResponseJson fixture.
      const handle: StoredHandle = {
        type: 'invite',
        sessionRef: body.sessionRef,
        version: 1,
        inviteAttributes: body.inviteAttributes,
        expiration: mpsdTimestamp(expiresAt),
        id,
        invitedXuid: body.invitedXuid,
        senderXuid: xuid,
        ownerXuid: xuid,
        scid: body.sessionRef.scid,
        expiresAt,
        sentAt: now(),
      }
      state.handles.set(id, handle)
      return c.json(publicHandle(handle), 201)
    }
    if (type === 'transfer') {
      const result = transferBodySchema.safeParse(parsed.value)
      if (!result.success) return text(c, 400, describeZodError(result.error))
      const body = result.data
      const refusal = transferRefusal(binding, body.sessionRef)
      if (refusal) return refusal
      const id = crypto.randomUUID()
      // Field order as in XSAPI's transferHandleResponseJson fixture (mpsd-handles §3.4).
      const handle: StoredHandle = {
        id,
        type: 'transfer',
        version: 1,
        sessionRef: body.sessionRef,
        originSessionRef: body.originSessionRef,
        ownerXuid: xuid,
        scid: body.sessionRef.scid,
        sentAt: now(),
      }
      state.handles.set(id, handle)
      return c.json(publicHandle(handle), 201)
    }
    if (type === 'search') {
      const result = searchBodySchema.safeParse(parsed.value)
      if (!result.success) return text(c, 400, describeZodError(result.error))
      const created = createSearchHandle(
        { state, sessions, timestamp: mpsdTimestamp, now },
        result.data,
        xuid,
      )
      if (!created.ok) return created.response
      return c.json(publicHandle(created.handle), 201)
    }
    return text(c, 400, 'type must be "activity", "invite", "transfer" or "search".')
  })

  app.post('/handles/query', (c) => {
    const parsed = readJson(c)
    if (!parsed.ok) return parsed.response
    if ((parsed.value as { type?: unknown } | null)?.type === 'search') {
      const search = searchQuerySchema.safeParse(parsed.value)
      if (!search.success) return text(c, 400, describeZodError(search.error))
      return querySearchHandles(
        { state, sessions, timestamp: mpsdTimestamp, now },
        search.data,
        includeOf(c),
      )
    }
    const result = handlesQueryBodySchema.safeParse(parsed.value)
    if (!result.success) return text(c, 400, describeZodError(result.error))
    const { scid, owners } = result.data
    const include = includeOf(c)
    // The simulator has no social graph: a moniker stands for every other user with an activity.
    const matchesOwner = owners.xuids
      ? (owner: string) => owners.xuids?.includes(owner) ?? false
      : (owner: string) => owner !== owners.people?.monikerXuid
    const results: Record<string, unknown>[] = []
    for (const handle of state.handles.values()) {
      if (handle.type !== 'activity' || handle.scid.toLowerCase() !== scid.toLowerCase()) continue
      if (!matchesOwner(handle.ownerXuid)) continue
      // relatedInfo and customProperties read the session live; lenient rules allow activities
      // without one, which then show the defaults a session would start with.
      const session = sessions.read(handle.sessionRef as SessionRefKey)
      results.push({
        ...publicHandle(handle),
        ...(include.has('relatedinfo')
          ? {
              relatedInfo: session
                ? relatedInfo(session)
                : {
                    visibility: 'open',
                    joinRestriction: 'none',
                    closed: false,
                    maxMembersCount: 8,
                    membersCount: 0,
                  },
            }
          : {}),
        ...(include.has('customproperties')
          ? { customProperties: session?.properties.custom ?? {} }
          : {}),
      })
      if (results.length >= QUERY_RESULT_LIMIT) break
    }
    return c.json({ results })
  })
  // Before /handles/:id, which would otherwise take GET /handles/query for a handle named "query".
  app.all('/handles/query', (c) => text(c, 405, 'Use POST on /handles/query.'))

  app.get('/handles/:id', (c) => {
    const handle = liveHandle(c.req.param('id'))
    if (!handle) return text(c, 404, "The requested handle wasn't found.")
    return c.json(publicHandle(handle))
  })

  app.delete('/handles/:id', (c) => {
    const handle = liveHandle(c.req.param('id'))
    if (!handle) return text(c, 404, "The requested handle wasn't found.")
    const xuid = c.get('xuid')
    if (handle.ownerXuid !== xuid && handle.invitedXuid !== xuid) {
      return text(c, 403, 'The requested handle cannot be deleted by this user.')
    }
    state.handles.delete(handle.id.toLowerCase())
    if (handle.type === 'search') {
      // The session is no longer searchable (mpsd-sessions.md §4).
      const session = sessions.read(handle.sessionRef as SessionRefKey)
      if (session?.searchHandle === handle.id) delete session.searchHandle
    }
    return c.body(null, 204)
  })

  registerMpaRoutes(app, { state, now, rules, throttle: options.throttle })

  app.all('/handles', (c) => text(c, 405, 'Use POST on /handles.'))
  app.all('/handles/:id', (c) => text(c, 405, 'Use GET or DELETE on /handles/{id}.'))
  app.notFound((c) => text(c, 404, 'The requested resource was not found.'))
  app.onError((error, c) =>
    text(c, 400, `The request could not be read: ${redactText(error.message)}`),
  )

  return Object.assign(app, { state, now, rules })
}

export type SimulatorApp = ReturnType<typeof createSimulatorApp>
