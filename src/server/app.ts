// The whole server as one Hono app: a pure fetch(Request) => Response that main.ts serves over
// node:http and vite-plugin.ts mounts into Vite's dev and preview servers.
import { Hono } from 'hono'
import type { ServerConfig } from './config'
import { createSimulatorApp } from './simulator/simulator'
import { createProxyApp } from './proxy/proxy'

export function createWorkbenchApp(config: ServerConfig) {
  const app = new Hono()
  app.get('/healthz', (c) => c.json({ ok: true }))
  app.route('/sim', createSimulatorApp(config.simulator))
  app.route('/proxy', createProxyApp())
  return app
}

/** Paths the server answers itself; everything else is the dashboard. */
export const SERVER_PATH_PREFIXES = ['/proxy', '/sim', '/api', '/healthz'] as const
