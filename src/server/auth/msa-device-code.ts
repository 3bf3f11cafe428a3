// OAuth 2.0 device authorization grant against the Microsoft identity platform, route A of
// xbox-auth.md (§2.2-§2.4): the developer's own app registration, the documented /consumers
// endpoints, hand-written instead of MSAL (decision 021). Polling honours `interval` and
// RFC 8628's slow_down (+5 s for every later poll), which MSAL Node does not (§2.5).
import { z } from 'zod'
import type { AuthEndpoints } from './auth-config'
import { AuthError, msaError } from './auth-errors'
import { isRecord, postForm } from './auth-http'

/** offline_access brings the refresh token (§2.3); XboxLive.signin is what XASU accepts (§2.1). */
export const MSA_SCOPE = 'XboxLive.signin offline_access'
export const DEVICE_CODE_GRANT = 'urn:ietf:params:oauth:grant-type:device_code'
/** RFC 8628 §3.5: after slow_down the interval grows by 5 s for this and all later polls. */
export const SLOW_DOWN_STEP_SECONDS = 5
/** RFC 8628 §3.2: without an `interval`, clients wait 5 s. */
const DEFAULT_INTERVAL_SECONDS = 5
/** ML1: the device code lives 15 minutes by default. */
const DEFAULT_EXPIRES_IN_SECONDS = 900
/** A network blip should not end a sign-in the user is in the middle of; a dead network should. */
const MAX_CONSECUTIVE_POLL_FAILURES = 3

export type AuthContext = {
  endpoints: AuthEndpoints
  timeoutMs: number
  now: () => number
  /**
   * How long one protocol second lasts for the device-code timing (interval, slow_down, expires_in).
   * 1000 in the product; tests shrink it so a five-second interval takes milliseconds.
   */
  secondMs: number
}

export type DeviceCodeGrant = {
  deviceCode: string
  userCode: string
  verificationUri: string
  /** Epoch ms when the code stops working. */
  expiresAt: number
  /** Seconds between polls, as Microsoft asked. */
  interval: number
}

export type MsaTokens = {
  accessToken: string
  /** Epoch ms. */
  accessExpiresAt: number
  refreshToken?: string
}

const webUrl = z.string().refine((value) => {
  try {
    return ['https:', 'http:'].includes(new URL(value).protocol)
  } catch {
    return false
  }
}, 'not an http(s) URL')

const deviceCodeAnswer = z.object({
  device_code: z.string().min(1),
  user_code: z.string().min(1).max(64),
  // Shown to the user as a link: anything but http(s) (a javascript: URL) must never get there.
  verification_uri: webUrl,
  expires_in: z.number().positive().optional(),
  interval: z.number().nonnegative().optional(),
})

const tokenAnswer = z.object({
  access_token: z.string().min(1),
  expires_in: z.number().positive(),
  refresh_token: z.string().min(1).optional(),
})

function badAnswer(what: string): AuthError {
  return new AuthError(
    'bad_response',
    `Microsoft sign-in sent an answer the Workbench does not understand (${what}). Try again; if it persists, report it.`,
  )
}

function tokensFrom(body: unknown, now: number): MsaTokens {
  const parsed = tokenAnswer.safeParse(body)
  if (!parsed.success) throw badAnswer('token answer without access_token or expires_in')
  return {
    accessToken: parsed.data.access_token,
    accessExpiresAt: now + parsed.data.expires_in * 1000,
    refreshToken: parsed.data.refresh_token,
  }
}

export async function startDeviceCode(
  ctx: AuthContext,
  clientId: string,
  signal?: AbortSignal,
): Promise<DeviceCodeGrant> {
  const answer = await postForm(
    ctx.endpoints.deviceCodeUrl,
    { client_id: clientId, scope: MSA_SCOPE },
    { timeoutMs: ctx.timeoutMs, signal },
  )
  if (answer.status !== 200)
    throw msaError(isRecord(answer.body) ? answer.body : {}, answer.status, clientId, 'start')
  const parsed = deviceCodeAnswer.safeParse(answer.body)
  if (!parsed.success) throw badAnswer('device code answer')
  const grant = parsed.data
  return {
    deviceCode: grant.device_code,
    userCode: grant.user_code,
    verificationUri: grant.verification_uri,
    expiresAt: ctx.now() + (grant.expires_in ?? DEFAULT_EXPIRES_IN_SECONDS) * ctx.secondMs,
    interval: grant.interval || DEFAULT_INTERVAL_SECONDS,
  }
}

function sleep(ms: number, signal: AbortSignal | undefined): Promise<void> {
  return new Promise((resolve, reject) => {
    const cancelled = () => new AuthError('cancelled', 'Sign-in was cancelled.')
    if (signal?.aborted) return reject(cancelled())
    const onAbort = () => {
      clearTimeout(timer)
      reject(cancelled())
    }
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort)
      resolve()
    }, ms)
    signal?.addEventListener('abort', onAbort, { once: true })
  })
}

export type PollOptions = {
  signal?: AbortSignal
  /** Told the interval (in seconds) whenever it changes, for the status the dashboard reads. */
  onInterval?: (seconds: number) => void
}

/** Polls the token endpoint until the user finishes, declines, or the code expires (§2.3). */
export async function pollDeviceCode(
  ctx: AuthContext,
  clientId: string,
  grant: DeviceCodeGrant,
  options: PollOptions = {},
): Promise<MsaTokens> {
  let interval = grant.interval
  let failures = 0
  for (;;) {
    await sleep(interval * ctx.secondMs, options.signal)
    if (ctx.now() >= grant.expiresAt)
      throw msaError({ error: 'expired_token' }, 400, clientId, 'poll')
    let answer
    try {
      answer = await postForm(
        ctx.endpoints.tokenUrl,
        { grant_type: DEVICE_CODE_GRANT, client_id: clientId, device_code: grant.deviceCode },
        { timeoutMs: ctx.timeoutMs, signal: options.signal },
      )
    } catch (error) {
      const transient =
        error instanceof AuthError && (error.code === 'network' || error.code === 'timeout')
      if (!transient || ++failures >= MAX_CONSECUTIVE_POLL_FAILURES) throw error
      continue
    }
    const body = isRecord(answer.body) ? answer.body : {}
    if (answer.status >= 500) {
      if (++failures >= MAX_CONSECUTIVE_POLL_FAILURES)
        throw msaError(body, answer.status, clientId, 'poll')
      continue
    }
    failures = 0
    if (answer.status === 200) return tokensFrom(answer.body, ctx.now())
    if (body.error === 'authorization_pending') continue
    if (body.error === 'slow_down') {
      interval += SLOW_DOWN_STEP_SECONDS
      options.onInterval?.(interval)
      continue
    }
    throw msaError(body, answer.status, clientId, 'poll')
  }
}

/** A new access token (and a rotated refresh token) from the refresh token (§2.4). */
export async function refreshMsaTokens(
  ctx: AuthContext,
  clientId: string,
  refreshToken: string,
  signal?: AbortSignal,
): Promise<MsaTokens> {
  const answer = await postForm(
    ctx.endpoints.tokenUrl,
    {
      grant_type: 'refresh_token',
      client_id: clientId,
      refresh_token: refreshToken,
      scope: MSA_SCOPE,
    },
    { timeoutMs: ctx.timeoutMs, signal },
  )
  if (answer.status !== 200)
    throw msaError(isRecord(answer.body) ? answer.body : {}, answer.status, clientId, 'refresh')
  const tokens = tokensFrom(answer.body, ctx.now())
  // Microsoft rotates it on every use; if an answer ever lacks one, the old one is still the best.
  return { ...tokens, refreshToken: tokens.refreshToken ?? refreshToken }
}
