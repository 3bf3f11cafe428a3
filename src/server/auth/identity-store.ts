// The signed-in Xbox identities, several at once (a sender and an invitee), one per XUID and
// sandbox. Tokens never leave this module except as the Authorization header the proxy sends to
// Xbox Live; everything else sees the public view. The header is renewed before it expires, along
// the chain of xbox-auth.md §7: XSTS from the user token while that is valid, else a user token
// from the Microsoft access token, else a new access token from the refresh token.
import { identityId, type IdentityView } from '../../mpsd/identity'
import type { Logger } from '../logger'
import { AuthError } from './auth-errors'
import { refreshMsaTokens, type AuthContext, type MsaTokens } from './msa-device-code'
import type { CachedIdentity, TokenCache } from './token-cache'
import { requestUserToken, type UserToken } from './xbox-user-token'
import { canJoinMultiplayer, requestXstsToken, type XstsToken } from './xsts-token'

/**
 * Renew this long before a token's NotAfter, so a request (or a batch of them) never goes out with
 * a token that expires on the way. go-xsapi uses 1 minute (§7); a batch run can take longer.
 */
export const DEFAULT_REFRESH_MARGIN_MS = 5 * 60_000

export type SignedInAccount = {
  clientId: string
  sandbox: string
  msa: MsaTokens
  user?: UserToken
  xsts: XstsToken
}

type IdentityRecord = SignedInAccount & {
  id: string
  signedInAt: number
  problem: string | null
  renewing: Promise<void> | undefined
}

export type IdentityStoreOptions = {
  ctx: AuthContext
  logger: Logger
  cache?: TokenCache
  refreshMarginMs?: number
}

export type AuthorizationOptions = {
  /** Renew the XSTS token even if it looks valid: for one retry after Xbox Live answers 403. */
  forceRefresh?: boolean
}

function notSignedIn(id: string): AuthError {
  return new AuthError(
    'not_signed_in',
    `No identity ${id} is signed in (it was signed out, or the server restarted without a token cache). Sign in again or choose another identity.`,
    { signInAgain: true },
  )
}

export function createIdentityStore(options: IdentityStoreOptions) {
  const { ctx, logger, cache } = options
  const margin = options.refreshMarginMs ?? DEFAULT_REFRESH_MARGIN_MS
  const records = new Map<string, IdentityRecord>()

  const fresh = (expiresAt: number) => expiresAt - margin > ctx.now()

  function toView(record: IdentityRecord): IdentityView {
    const { xsts } = record
    return {
      id: record.id,
      xuid: xsts.claims.xuid,
      gamertag: xsts.claims.gamertag,
      userhash: xsts.uhs,
      sandbox: record.sandbox,
      expiresAt: new Date(xsts.notAfter).toISOString(),
      renewable: Boolean(record.msa.refreshToken),
      canJoinMultiplayer: canJoinMultiplayer(xsts.claims),
      ageGroup: xsts.claims.ageGroup,
      problem: record.problem,
    }
  }

  function snapshot(): CachedIdentity[] {
    return [...records.values()].map((r) => ({
      clientId: r.clientId,
      sandbox: r.sandbox,
      signedInAt: r.signedInAt,
      msa: r.msa,
      user: r.user,
      xsts: r.xsts,
    }))
  }

  let pendingSave: Promise<void> = Promise.resolve()
  function persist(): void {
    if (cache) pendingSave = cache.save(snapshot())
  }

  /** A user token from the access token; a rejected or stale access token is refreshed once. */
  async function newUserToken(record: IdentityRecord): Promise<UserToken> {
    if (fresh(record.msa.accessExpiresAt)) {
      try {
        return await requestUserToken(ctx, record.msa.accessToken)
      } catch (error) {
        // XASU rejecting a token Microsoft still calls valid: refresh once, as prismarine does (§6.2).
        if (!(error instanceof AuthError && error.code === 'user_token_rejected')) throw error
      }
    }
    if (!record.msa.refreshToken)
      throw new AuthError(
        'sign_in_expired',
        'The Microsoft sign-in has expired and there is no refresh token to renew it. Sign in again.',
        { signInAgain: true },
      )
    record.msa = await refreshMsaTokens(ctx, record.clientId, record.msa.refreshToken)
    // The old refresh token is spent now: keep the new one even if a later step fails.
    if (records.get(record.id) === record) persist()
    return requestUserToken(ctx, record.msa.accessToken)
  }

  async function renew(record: IdentityRecord): Promise<void> {
    let user = record.user && fresh(record.user.notAfter) ? record.user : undefined
    const reused = user !== undefined
    user ??= await newUserToken(record)
    let xsts: XstsToken
    try {
      xsts = await requestXstsToken(ctx, user.token, record.sandbox)
    } catch (error) {
      // A cached user token XSTS no longer takes (revoked early): get a new one once.
      if (!(reused && error instanceof AuthError && error.signInAgain)) throw error
      user = await newUserToken(record)
      xsts = await requestXstsToken(ctx, user.token, record.sandbox)
    }
    record.user = user
    record.xsts = xsts
    record.problem = null
  }

  function header(xsts: XstsToken): string {
    return `XBL3.0 x=${xsts.uhs};${xsts.token}`
  }

  /** One renewal per identity at a time: concurrent callers (a batch) share it. */
  function renewOnce(record: IdentityRecord): Promise<void> {
    record.renewing ??= renew(record)
      .then(
        () => {
          if (records.get(record.id) === record) persist()
        },
        (error: unknown) => {
          if (error instanceof AuthError) record.problem = error.message
          logger.error(
            `renewing the sign-in of ${record.xsts.claims.gamertag} (XUID ${record.xsts.claims.xuid}) failed: ${error instanceof AuthError ? error.code : 'unexpected error'}`,
          )
          throw error
        },
      )
      .finally(() => {
        record.renewing = undefined
      })
    return record.renewing
  }

  /**
   * `XBL3.0 x=<uhs>;<XSTS token>` for this identity, renewed first when it expires within the
   * margin. Server-internal: the value goes into the upstream request and nowhere else.
   * Throws AuthError with a sentence (and records it as the identity's problem) when renewal fails.
   */
  async function authorizationHeader(
    id: string,
    options: AuthorizationOptions = {},
  ): Promise<string> {
    const record = records.get(id)
    if (!record) throw notSignedIn(id)
    if (!options.forceRefresh && !record.renewing && fresh(record.xsts.notAfter))
      return header(record.xsts)
    await renewOnce(record)
    const current = records.get(id)
    if (!current) throw notSignedIn(id)
    // Signed in again while this renewal ran: the newer sign-in is the one to use.
    return current === record ? header(record.xsts) : authorizationHeader(id)
  }

  return {
    /** Reads the token cache, if there is one. Identities signed in meanwhile win over cached ones. */
    async load(): Promise<void> {
      if (!cache) return
      for (const entry of await cache.load()) {
        const id = identityId(entry.xsts.claims.xuid, entry.sandbox)
        if (!records.has(id)) records.set(id, { ...entry, id, problem: null, renewing: undefined })
      }
    },

    /** Files a completed sign-in; the same XUID in the same sandbox replaces the older one. */
    add(account: SignedInAccount): IdentityView {
      const id = identityId(account.xsts.claims.xuid, account.sandbox)
      const record: IdentityRecord = {
        ...account,
        id,
        signedInAt: ctx.now(),
        problem: null,
        renewing: undefined,
      }
      records.set(id, record)
      persist()
      logger.info(
        `signed in ${record.xsts.claims.gamertag || '(no gamertag)'} (XUID ${record.xsts.claims.xuid}) for sandbox ${record.sandbox}`,
      )
      return toView(record)
    },

    list(): IdentityView[] {
      return [...records.values()].sort((a, b) => a.signedInAt - b.signedInAt).map(toView)
    },

    view(id: string): IdentityView | undefined {
      const record = records.get(id)
      return record && toView(record)
    },

    authorizationHeader,

    /** Forgets the identity and its tokens, in memory and in the cache. */
    async signOut(id: string): Promise<boolean> {
      const existed = records.delete(id)
      if (existed) {
        persist()
        await pendingSave
      }
      return existed
    },

    /** Every token held, for redacting logs; never to be sent anywhere. */
    secrets(): string[] {
      return [...records.values()].flatMap((r) =>
        [r.msa.accessToken, r.msa.refreshToken, r.user?.token, r.xsts.token].filter(
          (s): s is string => Boolean(s),
        ),
      )
    },

    /** Resolves when the latest cache write has landed (tests, shutdown). */
    flush(): Promise<void> {
      return pendingSave
    },
  }
}

export type IdentityStore = ReturnType<typeof createIdentityStore>
