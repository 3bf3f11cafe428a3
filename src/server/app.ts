// The whole server as one Hono app: a pure fetch(Request) => Response that start-server.ts serves
// over node:http and vite-plugin.ts mounts into Vite's dev and preview servers.
import { Hono, type Context } from 'hono'
import { getConnInfo } from '@hono/node-server/conninfo'
import { secretsOfAuthorization } from '../mpsd/redact'
import { createByteBudget } from './byte-budget'
import { allowedHostsFor, callerGuard, checkHost, type CallerPolicy } from './caller-check'
import type { ServerConfig } from './config'
import { proxyError } from './error-response'
import { createLogger, type Logger } from './logger'
import { rawTargetPath, hasDotSegment } from './request-target'
import { handleErrors } from './server-errors'
import { securityHeaders } from './security-headers'
import { readAuthConfig } from './auth/auth-config'
import { createIdentities } from './auth/identities'
import { createSimulatorApp } from './simulator/simulator'
import { createSimulatorPlayersApp } from './simulator/simulator-players'
import { createSimulatorRulesApp } from './simulator/simulator-rules-api'
import { createProxyApp } from './proxy/proxy'
import { createTeamPresetsApp } from './presets/team-presets'

const LOOPBACK = /^(127\.\d+\.\d+\.\d+|::1|::ffff:127\.\d+\.\d+\.\d+)$/

function isLoopbackPeer(c: Context): boolean {
  try {
    return LOOPBACK.test(getConnInfo(c).remote.address ?? '')
  } catch {
    // No socket (called in process, e.g. by Vite's middleware adapter without env): be strict.
    return false
  }
}

export function createWorkbenchApp(
  config: ServerConfig,
  logger: Logger = createLogger(undefined, () =>
    secretsOfAuthorization(config.xblAuthorization ?? ''),
  ),
) {
  const app = new Hono()
  const policy: CallerPolicy = { allowedHosts: allowedHostsFor(config.host), isLoopbackPeer }
  const budget = createByteBudget(config.bufferBudgetBytes)
  const simulator = createSimulatorApp(config.simulator)
  const auth = config.auth ?? readAuthConfig({})
  const identities = createIdentities(auth, { logger, ...policy })
  // Security: every signed-in account's tokens are masked in every line, whoever writes it.
  logger.learnSecrets(() => identities.store.secrets())
  const proxy = createProxyApp({
    ...policy,
    extraUpstreams: config.extraUpstreams,
    xblAuthorization: config.xblAuthorization,
    connectTimeoutMs: config.connectTimeoutMs,
    totalTimeoutMs: config.totalTimeoutMs,
    simulator,
    logger,
    budget,
    xboxLiveOrigin: auth.xboxLiveOrigin,
    ...(auth.mpaOrigin ? { mpaOrigin: auth.mpaOrigin } : {}),
    actAs: {
      players: () => simulator.state.players,
      xuidOf: (id) => identities.store.view(id)?.xuid,
      authorizationOf: (id, renewal) => identities.store.authorizationHeader(id, renewal),
    },
  })
  handleErrors(app, logger)
  app.use('*', securityHeaders)
  // DNS rebinding: whatever the path, only requests addressed to us by name are answered.
  app.use('*', async (c, next) => {
    const refusal = checkHost(c, policy)
    if (refusal) return proxyError(refusal.code, refusal.message)
    await next()
  })
  // Browsers resolve `..` before they send; a target that still has one was crafted to mean a path
  // other than the one it spells. Refused everywhere, so no path is "what the user typed" only after
  // the server has rewritten it.
  app.use('*', async (c, next) => {
    if (hasDotSegment(rawTargetPath(c)))
      return proxyError('path_not_allowed', 'Paths with `.` or `..` segments are refused.')
    await next()
  })
  // The simulator keeps state (handles, a request log, __reset): the proxy's caller rules apply.
  for (const path of ['/sim', '/sim/*']) app.use(path, callerGuard(policy, 'the simulator'))
  app.get('/healthz', (c) => c.json({ ok: true }))
  app.get('/api/upstreams', (c) =>
    c.json({
      // MPA's host is part of "Xbox Live" (decision 110), not a choice of its own.
      upstreams: proxy.upstreams.filter((u) => !u.service),
      xblAuthorizationConfigured: Boolean(config.xblAuthorization),
      signInConfigured: Boolean(auth.clientId),
    }),
  )
  app.route('/api/identities', identities.app)
  app.route('/api/sim', createSimulatorRulesApp(simulator.rules, policy))
  app.route('/api/sim', createSimulatorPlayersApp(simulator, policy))
  app.route('/sim', simulator)
  app.route('/proxy', proxy)
  app.route('/api/team-presets', createTeamPresetsApp({ ...policy, dir: config.presetsDir }))
  return Object.assign(app, {
    simulator,
    budget,
    identities,
    close: async () => {
      await proxy.close()
      await identities.close()
    },
  })
}

/** Paths the server answers itself; everything else is the dashboard. */
export const SERVER_PATH_PREFIXES = ['/proxy', '/sim', '/api', '/healthz'] as const
