// The sign-in module assembled from its configuration: one call for the server's wiring.
//
//   const identities = createIdentities(readAuthConfig(env), { logger, allowedHosts, isLoopbackPeer })
//   app.route('/api/identities', identities.app)
//   const header = await identities.store.authorizationHeader(identityId)   // in the proxy
//   await identities.close()                                                // on shutdown
import type { Context } from 'hono'
import type { Logger } from '../logger'
import type { AuthConfig } from './auth-config'
import { createIdentityStore } from './identity-store'
import type { AuthContext } from './msa-device-code'
import { createSignInFlows } from './sign-in-flows'
import { createSignInApp } from './sign-in-routes'
import { createTokenCache } from './token-cache'

export type IdentitiesOptions = {
  logger: Logger
  allowedHosts: readonly string[]
  isLoopbackPeer: (c: Context) => boolean
  /** Tests only: a clock to move tokens towards expiry without waiting. */
  now?: () => number
  /** Tests only: the length of a device-code protocol second (see AuthContext.secondMs). */
  secondMs?: number
  refreshMarginMs?: number
}

export function createIdentities(config: AuthConfig, options: IdentitiesOptions) {
  const ctx: AuthContext = {
    endpoints: config.endpoints,
    timeoutMs: config.timeoutMs,
    now: options.now ?? Date.now,
    secondMs: options.secondMs ?? 1000,
  }
  const cache = config.tokenCache && createTokenCache(config.tokenCache, options.logger)
  const store = createIdentityStore({
    ctx,
    logger: options.logger,
    cache,
    refreshMarginMs: options.refreshMarginMs,
  })
  const flows = createSignInFlows({ ctx, store, logger: options.logger })
  const ready = store.load()
  const app = createSignInApp({
    flows,
    store,
    defaultClientId: config.clientId,
    allowedHosts: options.allowedHosts,
    isLoopbackPeer: options.isLoopbackPeer,
    ready,
  })
  return {
    app,
    store,
    flows,
    ready,
    async close(): Promise<void> {
      flows.close()
      await store.flush()
    },
  }
}

export type Identities = ReturnType<typeof createIdentities>
