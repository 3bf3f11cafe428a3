// The whole server as one Hono app: a pure fetch(Request) => Response that start-server.ts serves
// over node:http and vite-plugin.ts mounts into Vite's dev and preview servers.
import { Hono, type Context } from 'hono'
import { getConnInfo } from '@hono/node-server/conninfo'
import type { ServerConfig } from './config'
import { createLogger, type Logger } from './logger'
import { createSimulatorApp } from './simulator/simulator'
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
  logger: Logger = createLogger(
    undefined,
    config.xblAuthorization ? [config.xblAuthorization] : [],
  ),
) {
  const app = new Hono()
  const simulator = createSimulatorApp(config.simulator)
  const proxy = createProxyApp({
    extraUpstreams: config.extraUpstreams,
    xblAuthorization: config.xblAuthorization,
    connectTimeoutMs: config.connectTimeoutMs,
    totalTimeoutMs: config.totalTimeoutMs,
    simulator,
    logger,
    isLoopbackPeer,
    allowedHosts: [...new Set(['127.0.0.1', 'localhost', '::1', config.host.toLowerCase()])],
  })
  app.get('/healthz', (c) => c.json({ ok: true }))
  app.get('/api/upstreams', (c) =>
    c.json({
      upstreams: proxy.upstreams,
      xblAuthorizationConfigured: Boolean(config.xblAuthorization),
    }),
  )
  app.route('/sim', simulator)
  app.route('/proxy', proxy)
  app.route(
    '/api/team-presets',
    createTeamPresetsApp({
      dir: config.presetsDir,
      isLoopbackPeer,
      allowedHosts: [...new Set(['127.0.0.1', 'localhost', '::1', config.host.toLowerCase()])],
    }),
  )
  return Object.assign(app, { simulator, close: () => proxy.close() })
}

/** Paths the server answers itself; everything else is the dashboard. */
export const SERVER_PATH_PREFIXES = ['/proxy', '/sim', '/api', '/healthz'] as const
