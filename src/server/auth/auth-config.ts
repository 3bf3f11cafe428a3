// What the sign-in chain reads from the environment. The endpoints exist for tests only: anything
// but the real Microsoft and Xbox hosts must be a loopback http(s) URL, so an environment variable
// can never send a user's Microsoft token to a third party. A bad value stops the server at
// startup with a sentence naming the variable, instead of failing at the first sign-in.
import { msaClientIdSchema } from '../../mpsd/identity'
import { XBOX_LIVE_ORIGIN } from '../../mpsd/limits'
import { MPA_ORIGIN } from '../../mpsd/mpa/mpa-limits'

export const DEFAULT_MSA_AUTHORITY = 'https://login.microsoftonline.com/consumers'
export const DEFAULT_XBL_USER_AUTH_URL = 'https://user.auth.xboxlive.com/user/authenticate'
export const DEFAULT_XSTS_URL = 'https://xsts.auth.xboxlive.com/xsts/authorize'

export type AuthEndpoints = {
  deviceCodeUrl: string
  tokenUrl: string
  userAuthUrl: string
  xstsUrl: string
}

export type TokenCacheConfig = { file: string; key: Buffer }

export type AuthConfig = {
  /** WORKBENCH_MSA_CLIENT_ID: the app registration used when Settings names none. */
  clientId: string | undefined
  authority: string
  endpoints: AuthEndpoints
  /** WORKBENCH_XBOXLIVE_ORIGIN: the origin the "Xbox Live" upstream means. */
  xboxLiveOrigin: string
  /** WORKBENCH_MPA_ORIGIN: where the "Xbox Live" upstream sends Multiplayer Activity calls. */
  mpaOrigin?: string
  /** WORKBENCH_TOKEN_CACHE + WORKBENCH_TOKEN_CACHE_KEY; undefined keeps tokens in memory only. */
  tokenCache: TokenCacheConfig | undefined
  /** WORKBENCH_AUTH_TIMEOUT_MS: each call to Microsoft or Xbox, connect to last byte. */
  timeoutMs: number
}

export class AuthConfigError extends Error {
  constructor(message: string) {
    super(message)
    this.name = 'AuthConfigError'
  }
}

function isLoopbackHost(hostname: string): boolean {
  // WHATWG URL has already turned 0x7f.1, 2130706433 and friends into dotted decimal.
  return (
    hostname === 'localhost' ||
    hostname === '[::1]' ||
    /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(hostname)
  )
}

/**
 * The value of an endpoint variable: the default, or a loopback http(s) URL without credentials,
 * query or fragment. `kind` decides whether a path is allowed (an origin must have none).
 */
function endpoint(
  env: NodeJS.ProcessEnv,
  name: string,
  fallback: string,
  kind: 'url' | 'origin',
): string {
  const raw = env[name]?.trim()
  if (!raw) return fallback
  let url: URL
  try {
    url = new URL(raw)
  } catch {
    throw new AuthConfigError(`${name}="${raw}" is not a URL. Unset it to use ${fallback}.`)
  }
  const normalized = kind === 'origin' ? url.origin : url.href.replace(/\/$/, '')
  if (normalized === fallback) return fallback
  if (url.protocol !== 'http:' && url.protocol !== 'https:')
    throw new AuthConfigError(`${name} must be an http(s) URL, not "${raw}".`)
  if (!isLoopbackHost(url.hostname))
    throw new AuthConfigError(
      `${name}="${raw}" is refused: it exists for tests against a local fake and accepts only loopback addresses (127.0.0.1, [::1], localhost). Unset it to use ${fallback}.`,
    )
  if (url.username || url.password || url.search || url.hash)
    throw new AuthConfigError(`${name} must not carry credentials, a query or a fragment.`)
  if (kind === 'origin' && url.pathname !== '/')
    throw new AuthConfigError(`${name} must be an origin (scheme, host and port), without a path.`)
  return normalized
}

/** 32 bytes, as base64 (44 characters) or hex (64 characters). */
export function parseCacheKey(value: string): Buffer | undefined {
  const text = value.trim()
  if (/^[0-9a-fA-F]{64}$/.test(text)) return Buffer.from(text, 'hex')
  if (/^[A-Za-z0-9+/]{43}=$/.test(text)) return Buffer.from(text, 'base64')
  return undefined
}

function tokenCache(env: NodeJS.ProcessEnv): TokenCacheConfig | undefined {
  const file = env.WORKBENCH_TOKEN_CACHE?.trim()
  if (!file) return undefined
  const rawKey = env.WORKBENCH_TOKEN_CACHE_KEY
  if (!rawKey?.trim())
    throw new AuthConfigError(
      'WORKBENCH_TOKEN_CACHE is set but WORKBENCH_TOKEN_CACHE_KEY is not: the cache is only written encrypted. Create a key with `openssl rand -base64 32` and keep it outside the repository, or unset WORKBENCH_TOKEN_CACHE to keep sign-ins in memory only.',
    )
  const key = parseCacheKey(rawKey)
  if (!key)
    throw new AuthConfigError(
      'WORKBENCH_TOKEN_CACHE_KEY must be 32 random bytes, as base64 (44 characters, from `openssl rand -base64 32`) or hex (64 characters).',
    )
  return { file, key }
}

export function readAuthConfig(env: NodeJS.ProcessEnv = process.env): AuthConfig {
  const rawClientId = env.WORKBENCH_MSA_CLIENT_ID?.trim()
  if (rawClientId && !msaClientIdSchema.safeParse(rawClientId).success)
    throw new AuthConfigError(
      `WORKBENCH_MSA_CLIENT_ID="${rawClientId}" is not an Application (client) ID: it must be the GUID from the app registration's Overview page.`,
    )
  const authority = endpoint(env, 'WORKBENCH_MSA_AUTHORITY', DEFAULT_MSA_AUTHORITY, 'url')
  const timeout = Number(env.WORKBENCH_AUTH_TIMEOUT_MS)
  return {
    clientId: rawClientId || undefined,
    authority,
    endpoints: {
      deviceCodeUrl: `${authority}/oauth2/v2.0/devicecode`,
      tokenUrl: `${authority}/oauth2/v2.0/token`,
      userAuthUrl: endpoint(env, 'WORKBENCH_XBL_USER_AUTH_URL', DEFAULT_XBL_USER_AUTH_URL, 'url'),
      xstsUrl: endpoint(env, 'WORKBENCH_XSTS_URL', DEFAULT_XSTS_URL, 'url'),
    },
    xboxLiveOrigin: endpoint(env, 'WORKBENCH_XBOXLIVE_ORIGIN', XBOX_LIVE_ORIGIN, 'origin'),
    mpaOrigin: endpoint(env, 'WORKBENCH_MPA_ORIGIN', MPA_ORIGIN, 'origin'),
    tokenCache: tokenCache(env),
    timeoutMs:
      env.WORKBENCH_AUTH_TIMEOUT_MS && Number.isFinite(timeout) && timeout > 0 ? timeout : 15_000,
  }
}
