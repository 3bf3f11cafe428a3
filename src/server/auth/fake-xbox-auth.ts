// A loopback fake of the four services the sign-in chain talks to (xbox-auth.md §9): the Microsoft
// identity platform's /consumers device-code and token endpoints, Xbox user authentication (XASU),
// XSTS, and an "Xbox Live" origin that accepts only the XSTS tokens it issued. Tests and e2e point
// the WORKBENCH_* endpoint variables at it (`fake.env`). It is scriptable per sign-in (pending polls,
// slow_down, expiry, denial, each XSTS error, short lifetimes) and records everything it received.
// It enforces what the real services do, so a client that ignores slow_down or skips a refresh fails.
import { serve } from '@hono/node-server'
import { Hono, type Context } from 'hono'
import { randomBytes } from 'node:crypto'
import type { Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { performance } from 'node:perf_hooks'

export type FakeAccount = {
  xuid: string
  gamertag: string
  uhs: string
  ageGroup?: string
  privileges?: number[]
  /** XSTS refuses every request for this account with this XErr (HTTP 401, body and X-Err header). */
  xstsError?: number
  /** XSTS answers this status with an empty body (400 is what a malformed request gets). */
  xstsStatus?: number
  /** The sandboxes this account may use; any other gets XErr 2148916242. Default: all. */
  sandboxes?: string[]
  /** XASU rejects this account's Microsoft tokens with this status and an empty body. */
  userAuthStatus?: number
}

export type FakeSignIn = {
  account?: FakeAccount
  /** Polls answered authorization_pending before the outcome. */
  pendingPolls?: number
  /** Answer authorization_pending until approve(userCode) is called (for journeys). */
  waitForApproval?: boolean
  /** The first N polls are answered slow_down (later polls that come too soon are, too). */
  slowDownPolls?: number
  /** How polling ends once nothing is pending. Default: approve. */
  outcome?:
    | 'approve'
    | 'authorization_declined'
    | 'access_denied'
    | 'bad_verification_code'
    | 'expired_token'
    | 'public_client_disabled'
    | 'unknown_client'
  /** The device-code request itself fails. */
  startError?: 'not_for_consumers' | 'unknown_client' | 'invalid_scope'
  /** Seconds (scaled by secondMs), as Microsoft sends them. */
  interval?: number
  expiresIn?: number
}

export type FakeOptions = {
  /** The fake's clock for token lifetimes and code expiry; share it with the client under test. */
  now?: () => number
  /** Length of a protocol second for interval, slow_down and expires_in (1000 = real time). */
  secondMs?: number
  accessTokenLifetimeSeconds?: number
  userTokenLifetimeMs?: number
  xstsLifetimeMs?: number
  /** Answers authorised calls to the Xbox Live origin; default 200 `{ fake, xuid, method, path }`. */
  xboxLive?: (request: Request, account: FakeAccount) => Response | Promise<Response>
}

export type FakeEndpoint = 'devicecode' | 'token' | 'user' | 'xsts' | 'xboxlive'

export type FakeRequest = {
  endpoint: FakeEndpoint
  method: string
  path: string
  /** performance.now() on arrival, for interval checks. */
  at: number
  headers: Record<string, string>
  form?: Record<string, string>
  json?: unknown
  body?: string
}

export const FAKE_DEFAULT_ACCOUNT: FakeAccount = {
  xuid: '2535412345678901',
  gamertag: 'DevTester 42',
  uhs: '2953141823785093542',
  ageGroup: 'Adult',
  // xbox-auth.md §9 F8, with 254 (multiplayer sessions).
  privileges: [
    185, 186, 187, 188, 190, 191, 193, 195, 196, 198, 199, 200, 201, 203, 204, 205, 206, 207, 208,
    211, 214, 217, 220, 224, 227, 228, 235, 238, 245, 247, 249, 252, 254, 255,
  ],
}

const XERR_REDIRECTS: Record<number, string> = {
  2148916233: 'https://start.ui.xboxlive.com/CreateAccount',
  2148916238: 'https://start.ui.xboxlive.com/AddChildToFamily',
}

const DEVICE_GRANTS = new Set(['urn:ietf:params:oauth:grant-type:device_code', 'device_code'])
const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i
/** Timers may fire a millisecond early after rounding; the fake forgives that much. */
const INTERVAL_TOLERANCE_MS = 2

type Flow = {
  script: FakeSignIn
  account: FakeAccount
  clientId: string
  userCode: string
  expiresAt: number
  pendingLeft: number
  slowDownsLeft: number
  requiredGapMs: number
  lastPollAt: number
  approved: boolean
  done: boolean
}

function token(prefix: string): string {
  return `${prefix}-${randomBytes(18).toString('base64url')}`
}

/** Xbox writes NotAfter with 7 fractional digits (xbox-auth.md §4). */
function xboxDate(ms: number): string {
  return new Date(ms).toISOString().replace(/Z$/, '0000Z')
}

function aadError(error: string, codes: number[], description: string) {
  return {
    error,
    error_description: `AADSTS${codes[0] ?? 0}: ${description}\r\nTrace ID: 0000aaaa-0000-0000-0000-000000000001\r\nCorrelation ID: 0000bbbb-0000-0000-0000-000000000002\r\nTimestamp: 2026-11-29 10:00:05Z`,
    error_codes: codes,
    timestamp: '2026-11-29 10:00:05Z',
    trace_id: '0000aaaa-0000-0000-0000-000000000001',
    correlation_id: '0000bbbb-0000-0000-0000-000000000002',
  }
}

const START_ERRORS = {
  not_for_consumers: [
    400,
    aadError(
      'invalid_request',
      [9002332],
      "Application '…' is configured for use by Microsoft Entra users only.",
    ),
  ],
  unknown_client: [
    400,
    aadError(
      'unauthorized_client',
      [700016],
      "Application with identifier '…' was not found in the directory 'consumers'.",
    ),
  ],
  invalid_scope: [
    400,
    aadError(
      'invalid_scope',
      [70011],
      "The provided value for the input parameter 'scope' is not valid.",
    ),
  ],
} as const

const POLL_ERRORS = {
  authorization_declined: [400, aadError('authorization_declined', [], 'The user declined.')],
  access_denied: [400, aadError('access_denied', [], 'The user denied the request.')],
  bad_verification_code: [
    400,
    aadError('bad_verification_code', [70018], 'Invalid verification code.'),
  ],
  expired_token: [400, aadError('expired_token', [70019], 'Verification code expired.')],
  public_client_disabled: [
    401,
    aadError(
      'invalid_client',
      [7000218],
      "The request body must contain the following parameter: 'client_assertion' or 'client_secret'.",
    ),
  ],
  unknown_client: [
    400,
    aadError(
      'unauthorized_client',
      [700016],
      "Application with identifier '…' was not found in the directory 'consumers'.",
    ),
  ],
} as const

function answer(c: Context, [status, body]: readonly [400 | 401, object]) {
  return c.json(body, status)
}

export function createFakeXboxAuthApp(options: FakeOptions = {}) {
  const now = options.now ?? Date.now
  const secondMs = options.secondMs ?? 1000
  const accessLifetimeS = options.accessTokenLifetimeSeconds ?? 3600
  const userLifetimeMs = options.userTokenLifetimeMs ?? 14 * 24 * 3600_000
  const xstsLifetimeMs = options.xstsLifetimeMs ?? 16 * 3600_000

  const received: FakeRequest[] = []
  const queue: FakeSignIn[] = []
  const flows = new Map<string, Flow>()
  const accessTokens = new Map<string, { account: FakeAccount; expiresAt: number }>()
  const refreshTokens = new Map<string, { account: FakeAccount; clientId: string }>()
  const userTokens = new Map<string, { account: FakeAccount; notAfter: number }>()
  const xstsTokens = new Map<string, { account: FakeAccount; notAfter: number }>()
  const issued: string[] = []

  function issue(prefix: string): string {
    const value = token(prefix)
    issued.push(value)
    return value
  }

  function record(c: Context, endpoint: FakeEndpoint, extra: Partial<FakeRequest>): void {
    received.push({
      endpoint,
      method: c.req.method,
      path: new URL(c.req.url).pathname,
      at: performance.now(),
      headers: Object.fromEntries(c.req.raw.headers),
      ...extra,
    })
  }

  async function formOf(c: Context): Promise<Record<string, string>> {
    return Object.fromEntries(new URLSearchParams(await c.req.text()))
  }

  async function jsonOf(c: Context): Promise<unknown> {
    try {
      return JSON.parse(await c.req.text())
    } catch {
      return undefined
    }
  }

  function emptyXbox(c: Context, status: number) {
    c.header('x-xblcorrelationid', '5f3c0000-fake-0000-0000-000000000000')
    c.header('ms-cv', 'AbCdEf12.0')
    return c.body(null, status as 400)
  }

  function msaTokens(c: Context, account: FakeAccount, clientId: string) {
    const accessToken = issue('fake-access')
    const refreshToken = issue('fake-refresh')
    accessTokens.set(accessToken, { account, expiresAt: now() + accessLifetimeS * 1000 })
    refreshTokens.set(refreshToken, { account, clientId })
    return c.json({
      token_type: 'Bearer',
      scope: 'XboxLive.signin offline_access',
      expires_in: accessLifetimeS,
      ext_expires_in: accessLifetimeS,
      access_token: accessToken,
      refresh_token: refreshToken,
    })
  }

  const app = new Hono()

  // Test hooks, for a journey that runs the fake in another process.
  app.post('/__fake/sign-ins', async (c) => {
    queue.push(((await jsonOf(c)) ?? {}) as FakeSignIn)
    return c.body(null, 204)
  })
  app.post('/__fake/approve', async (c) => {
    const body = (await jsonOf(c)) as { userCode?: string } | undefined
    return approve(body?.userCode ?? '')
      ? c.body(null, 204)
      : c.json({ error: 'unknown code' }, 404)
  })
  app.get('/__fake/requests', (c) => c.json(received))
  app.post('/__fake/reset', (c) => {
    reset()
    return c.body(null, 204)
  })

  app.post('/consumers/oauth2/v2.0/devicecode', async (c) => {
    const form = await formOf(c)
    record(c, 'devicecode', { form })
    const script = queue.shift() ?? {}
    if (!GUID.test(form.client_id ?? ''))
      return c.json(
        aadError('invalid_request', [900144], "The request body must contain 'client_id'."),
        400,
      )
    if (script.startError) {
      return answer(c, START_ERRORS[script.startError])
    }
    const deviceCode = issue('fake-device-code')
    const userCode = randomBytes(4).toString('hex').toUpperCase()
    const interval = script.interval ?? 5
    const expiresIn = script.expiresIn ?? 900
    flows.set(deviceCode, {
      script,
      account: script.account ?? FAKE_DEFAULT_ACCOUNT,
      clientId: form.client_id ?? '',
      userCode,
      expiresAt: now() + expiresIn * secondMs,
      pendingLeft: script.pendingPolls ?? 0,
      slowDownsLeft: script.slowDownPolls ?? 0,
      requiredGapMs: interval * secondMs,
      lastPollAt: performance.now(),
      approved: false,
      done: false,
    })
    return c.json({
      user_code: userCode,
      device_code: deviceCode,
      verification_uri: 'https://www.microsoft.com/link',
      expires_in: expiresIn,
      interval,
      message: `To sign in, use a web browser to open the page https://www.microsoft.com/link and enter the code ${userCode} to authenticate.`,
    })
  })

  app.post('/consumers/oauth2/v2.0/token', async (c) => {
    const form = await formOf(c)
    record(c, 'token', { form })
    if (form.grant_type === 'refresh_token') {
      const entry = refreshTokens.get(form.refresh_token ?? '')
      if (!entry || entry.clientId !== form.client_id)
        return c.json(
          aadError('invalid_grant', [700082], 'The refresh token has expired due to inactivity.'),
          400,
        )
      // Microsoft rotates refresh tokens; the fake makes the old one useless at once.
      refreshTokens.delete(form.refresh_token ?? '')
      return msaTokens(c, entry.account, entry.clientId)
    }
    if (!DEVICE_GRANTS.has(form.grant_type ?? ''))
      return c.json(aadError('unsupported_grant_type', [70003], 'Unsupported grant type.'), 400)
    const flow = flows.get(form.device_code ?? '')
    if (!flow || flow.done || flow.clientId !== form.client_id)
      return answer(c, POLL_ERRORS.bad_verification_code)
    if (now() >= flow.expiresAt) return answer(c, POLL_ERRORS.expired_token)
    const at = performance.now()
    const tooSoon = at - flow.lastPollAt < flow.requiredGapMs - INTERVAL_TOLERANCE_MS
    flow.lastPollAt = at
    if (flow.slowDownsLeft > 0 || tooSoon) {
      if (flow.slowDownsLeft > 0) flow.slowDownsLeft--
      flow.requiredGapMs += 5 * secondMs
      return c.json(aadError('slow_down', [], 'Polling too fast.'), 400)
    }
    if (flow.pendingLeft > 0 || (flow.script.waitForApproval && !flow.approved)) {
      if (flow.pendingLeft > 0) flow.pendingLeft--
      return c.json(
        aadError(
          'authorization_pending',
          [70016],
          'OAuth 2.0 device flow error. Authorization is pending. Continue polling.',
        ),
        400,
      )
    }
    const outcome = flow.script.outcome ?? 'approve'
    flow.done = true
    if (outcome !== 'approve') return answer(c, POLL_ERRORS[outcome])
    return msaTokens(c, flow.account, flow.clientId)
  })

  app.post('/user/authenticate', async (c) => {
    const json = (await jsonOf(c)) as
      | { RelyingParty?: unknown; TokenType?: unknown; Properties?: Record<string, unknown> }
      | undefined
    record(c, 'user', { json })
    const ticket = json?.Properties?.RpsTicket
    if (
      json?.RelyingParty !== 'http://auth.xboxlive.com' ||
      json.TokenType !== 'JWT' ||
      json.Properties?.AuthMethod !== 'RPS' ||
      json.Properties.SiteName !== 'user.auth.xboxlive.com' ||
      typeof ticket !== 'string' ||
      !ticket.startsWith('d=')
    )
      return emptyXbox(c, 400)
    const entry = accessTokens.get(ticket.slice(2))
    if (!entry || now() >= entry.expiresAt) return emptyXbox(c, 401)
    if (entry.account.userAuthStatus) return emptyXbox(c, entry.account.userAuthStatus)
    const userToken = issue('fake-user-token')
    const notAfter = now() + userLifetimeMs
    userTokens.set(userToken, { account: entry.account, notAfter })
    return c.json({
      IssueInstant: xboxDate(now()),
      NotAfter: xboxDate(notAfter),
      Token: userToken,
      DisplayClaims: { xui: [{ uhs: entry.account.uhs }] },
    })
  })

  app.post('/xsts/authorize', async (c) => {
    const json = (await jsonOf(c)) as
      | { RelyingParty?: unknown; TokenType?: unknown; Properties?: Record<string, unknown> }
      | undefined
    record(c, 'xsts', { json })
    const tokens = json?.Properties?.UserTokens
    const sandbox = json?.Properties?.SandboxId
    if (
      json?.RelyingParty !== 'http://xboxlive.com' ||
      json.TokenType !== 'JWT' ||
      !Array.isArray(tokens) ||
      tokens.length !== 1 ||
      typeof sandbox !== 'string'
    )
      return emptyXbox(c, 400)
    const entry = userTokens.get(String(tokens[0]))
    if (!entry || now() >= entry.notAfter) return emptyXbox(c, 401)
    const { account } = entry
    const xerr =
      account.xstsError ??
      (account.sandboxes && !account.sandboxes.includes(sandbox) ? 2148916242 : undefined)
    if (xerr !== undefined) {
      c.header('X-Err', String(xerr))
      return c.json(
        { Identity: '0', XErr: xerr, Message: '', Redirect: XERR_REDIRECTS[xerr] ?? '' },
        401,
      )
    }
    if (account.xstsStatus) return emptyXbox(c, account.xstsStatus)
    const xstsToken = issue('fake-xsts-token')
    const notAfter = now() + xstsLifetimeMs
    xstsTokens.set(xstsToken, { account, notAfter })
    return c.json({
      IssueInstant: xboxDate(now()),
      NotAfter: xboxDate(notAfter),
      Token: xstsToken,
      DisplayClaims: {
        xui: [
          {
            gtg: account.gamertag,
            xid: account.xuid,
            uhs: account.uhs,
            agg: account.ageGroup ?? 'Adult',
            usr: '191 196',
            utr: '190',
            prv: (account.privileges ?? []).join(' '),
          },
        ],
      },
    })
  })

  // Everything else is "Xbox Live": only a live XSTS token of this fake gets through.
  app.all('*', async (c) => {
    const body = await c.req.text()
    record(c, 'xboxlive', { body })
    const match = /^XBL3\.0 x=([^;]+);(.+)$/.exec(c.req.header('authorization') ?? '')
    const entry = match ? xstsTokens.get(match[2] ?? '') : undefined
    if (!match || !entry || entry.account.uhs !== match[1] || now() >= entry.notAfter)
      return c.body(null, 401)
    if (options.xboxLive)
      return options.xboxLive(
        new Request(c.req.raw.url, {
          method: c.req.method,
          headers: c.req.raw.headers,
          body: body || undefined,
        }),
        entry.account,
      )
    return c.json({
      fake: 'xboxlive',
      xuid: entry.account.xuid,
      method: c.req.method,
      path: new URL(c.req.url).pathname,
    })
  })

  function approve(userCode: string): boolean {
    for (const flow of flows.values())
      if (flow.userCode === userCode && !flow.done) {
        flow.approved = true
        return true
      }
    return false
  }

  function reset(): void {
    received.length = 0
    queue.length = 0
    flows.clear()
    accessTokens.clear()
    refreshTokens.clear()
    userTokens.clear()
    xstsTokens.clear()
  }

  return Object.assign(app, {
    received,
    /** The next device-code sign-in follows this script (first in, first out). */
    queueSignIn(script: FakeSignIn): void {
      queue.push(script)
    },
    /** The user entered the code and accepted (for waitForApproval). */
    approve,
    /** Every refresh token stops working, as after a password change. */
    revokeRefreshTokens(): void {
      refreshTokens.clear()
    },
    /** Every Microsoft access token is rejected by XASU from now on, before its expiry. */
    revokeAccessTokens(): void {
      accessTokens.clear()
    },
    /** Every device code and token the fake handed out, for leak checks. */
    issuedSecrets(): string[] {
      return [...issued]
    },
    requestsTo(endpoint: FakeEndpoint): FakeRequest[] {
      return received.filter((r) => r.endpoint === endpoint)
    },
    reset,
  })
}

export type FakeXboxAuthApp = ReturnType<typeof createFakeXboxAuthApp>

export type FakeXboxAuth = FakeXboxAuthApp & {
  /** http://127.0.0.1:<port> */
  url: string
  /** The endpoint variables that point the Workbench at this fake. */
  env: {
    WORKBENCH_MSA_AUTHORITY: string
    WORKBENCH_XBL_USER_AUTH_URL: string
    WORKBENCH_XSTS_URL: string
    WORKBENCH_XBOXLIVE_ORIGIN: string
  }
  close: () => Promise<void>
}

/** Starts the fake on 127.0.0.1 (port 0 takes a free one). */
export async function startFakeXboxAuth(
  options: FakeOptions & { port?: number } = {},
): Promise<FakeXboxAuth> {
  const app = createFakeXboxAuthApp(options)
  const server = await new Promise<Server>((resolve, reject) => {
    const s = serve({ fetch: app.fetch, hostname: '127.0.0.1', port: options.port ?? 0 }) as Server
    s.once('listening', () => resolve(s))
    s.once('error', reject)
  })
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
  return Object.assign(app, {
    url,
    env: {
      WORKBENCH_MSA_AUTHORITY: `${url}/consumers`,
      WORKBENCH_XBL_USER_AUTH_URL: `${url}/user/authenticate`,
      WORKBENCH_XSTS_URL: `${url}/xsts/authorize`,
      WORKBENCH_XBOXLIVE_ORIGIN: url,
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections()
        server.close(() => resolve())
      }),
  })
}
