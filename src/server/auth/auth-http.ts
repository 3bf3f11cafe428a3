// One POST to Microsoft or Xbox Live, with a timeout, a size cap and no redirects. Redirects are
// refused because every body here carries a secret (device code, refresh token, Microsoft or Xbox
// token), and a redirect could carry it to a host nobody allowed.
import { AuthError } from './auth-errors'

/** Token answers are a few KB; anything far bigger is not one of them. */
const RESPONSE_LIMIT = 256 * 1024

export type AuthResponse = {
  status: number
  /** The parsed JSON body, or undefined when it was empty or not JSON (XASU's 400s are empty). */
  body: unknown
  headers: Headers
}

export type PostOptions = {
  timeoutMs: number
  /** Cancels the call (a sign-in the user abandoned, the server closing). */
  signal?: AbortSignal
  headers?: Record<string, string>
}

function hostOf(url: string): string {
  try {
    return new URL(url).host
  } catch {
    return url
  }
}

async function post(url: string, body: string, options: PostOptions): Promise<AuthResponse> {
  const timeout = AbortSignal.timeout(options.timeoutMs)
  const signal = options.signal ? AbortSignal.any([timeout, options.signal]) : timeout
  let response: Response
  try {
    response = await fetch(url, {
      method: 'POST',
      body,
      headers: options.headers,
      redirect: 'error',
      signal,
    })
    const text = await response.text()
    if (text.length > RESPONSE_LIMIT)
      throw new AuthError('bad_response', `${hostOf(url)} sent an answer too large to be a token.`)
    let parsed: unknown
    try {
      parsed = text ? JSON.parse(text) : undefined
    } catch {
      parsed = undefined
    }
    return { status: response.status, body: parsed, headers: response.headers }
  } catch (error) {
    if (error instanceof AuthError) throw error
    if (options.signal?.aborted) throw new AuthError('cancelled', 'Sign-in was cancelled.')
    if (timeout.aborted)
      throw new AuthError(
        'timeout',
        `${hostOf(url)} did not answer within ${Math.round(options.timeoutMs / 1000)} s. Check the network (or a proxy) and try again.`,
      )
    throw new AuthError(
      'network',
      `${hostOf(url)} could not be reached (${(error as Error).cause instanceof Error ? ((error as Error).cause as Error).message : (error as Error).message}). Check the network (or a proxy) and try again.`,
    )
  }
}

export function postForm(
  url: string,
  fields: Record<string, string>,
  options: PostOptions,
): Promise<AuthResponse> {
  return post(url, new URLSearchParams(fields).toString(), {
    ...options,
    headers: {
      'Content-Type': 'application/x-www-form-urlencoded',
      Accept: 'application/json',
      ...options.headers,
    },
  })
}

export function postJson(url: string, body: unknown, options: PostOptions): Promise<AuthResponse> {
  return post(url, JSON.stringify(body), {
    ...options,
    headers: {
      'Content-Type': 'application/json',
      Accept: 'application/json',
      ...options.headers,
    },
  })
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}
