// Starts the Workbench server: the dashboard (built files), the proxy and the simulator on one port.
// Used by main.ts (`npm start`), by the loopback tests and by the bench.
import { getRequestListener } from '@hono/node-server'
import { serveStatic } from '@hono/node-server/serve-static'
import { Hono } from 'hono'
import { existsSync, readFileSync } from 'node:fs'
import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { join } from 'node:path'
import { secretsOfAuthorization } from '../mpsd/redact'
import { readConfig } from './config'
import { createWorkbenchApp, SERVER_PATH_PREFIXES } from './app'
import { proxyError } from './error-response'
import { createLogger, type LogSink } from './logger'
import { securityHeaders, withSecurityHeaders } from './security-headers'
import { handleErrors, internalError, logFailure } from './server-errors'

export type StartOptions = {
  env?: NodeJS.ProcessEnv
  /** Overrides PORT; 0 takes a free port. */
  port?: number
  logSink?: LogSink
  /** Serve the built dashboard from config.staticRoot (default true when it exists). */
  serveDashboard?: boolean
  /** The simulator's clock, for tests of what expires (MPA activities after 24 h). */
  simulatorNow?: () => number
}

export type RunningServer = {
  url: string
  port: number
  server: Server
  close: () => Promise<void>
  app: ReturnType<typeof createWorkbenchApp>
}

/**
 * Pending connections the kernel queues for us. Node's default (511) dropped 321 of a burst of
 * 1,000 new clients (each then waits a SYN retransmit, or times out); Linux caps the value at
 * net.core.somaxconn, 4096 on current kernels.
 */
export const LISTEN_BACKLOG = 4096

function isServerPath(path: string): boolean {
  return SERVER_PATH_PREFIXES.some((prefix) => path === prefix || path.startsWith(`${prefix}/`))
}

export async function startWorkbenchServer(options: StartOptions = {}): Promise<RunningServer> {
  const config = readConfig(options.env ?? process.env)
  if (options.port !== undefined) config.port = options.port
  if (options.simulatorNow) config.simulator.now = options.simulatorNow
  const logger = createLogger(options.logSink, () =>
    secretsOfAuthorization(config.xblAuthorization ?? ''),
  )
  const workbench = createWorkbenchApp(config, logger)

  const root = new Hono()
  handleErrors(root, logger)
  root.use('*', securityHeaders)
  root.route('/', workbench)
  const indexPath = join(config.staticRoot, 'index.html')
  if ((options.serveDashboard ?? true) && existsSync(indexPath)) {
    const indexHtml = readFileSync(indexPath, 'utf8')
    root.use('/assets/*', async (c, next) => {
      await next()
      // Vite puts a content hash in every asset name, so they never change.
      if (c.res.ok) c.header('Cache-Control', 'public, max-age=31536000, immutable')
    })
    root.use('*', serveStatic({ root: config.staticRoot }))
    // Client-side routes (/history?type=invite and so on) all load the same page. The server's own
    // paths do not: a mistyped /sim or /api path must be a 404, as under Vite, not a 200 dashboard page.
    // A missing hashed asset is a 404 too (a stale tab after a deploy), not HTML under a .js name.
    root.get('*', (c, next) =>
      isServerPath(c.req.path) || c.req.path.startsWith('/assets/') ? next() : c.html(indexHtml),
    )
  }

  const listener = getRequestListener(root.fetch, {
    hostname: config.host,
    // A request Node parsed but the adapter could not turn into a URL (a backslash in the path, a
    // malformed Host), or a failure past the app: an answer with our headers, a line in our log.
    errorHandler: (error: unknown) => {
      if ((error as Error | undefined)?.name === 'RequestError') {
        return withSecurityHeaders(
          proxyError('bad_request', 'The request target or Host header is malformed.'),
        )
      }
      logFailure(logger, undefined, error)
      return internalError()
    },
  })
  // Node enforces headersTimeout/requestTimeout only when it sweeps its connections, every 30 s by
  // default: a slow-loris socket then lived 30-40 s instead of 10. Sweep every second instead.
  const server = createServer({ connectionsCheckingInterval: 1_000 }, (incoming, outgoing) => {
    void listener(incoming, outgoing)
  })
  await new Promise<void>((resolve, reject) => {
    server.once('listening', () => resolve())
    server.once('error', reject)
    server.listen({ host: config.host, port: config.port, backlog: LISTEN_BACKLOG })
  })
  // Slow-loris defence: a client must send its headers and body in bounded time.
  server.headersTimeout = 10_000
  server.requestTimeout = Math.max(30_000, config.totalTimeoutMs + 5_000)
  server.keepAliveTimeout = 5_000
  const port = (server.address() as AddressInfo).port
  const host = config.host.includes(':') ? `[${config.host}]` : config.host
  return {
    url: `http://${host}:${port}`,
    port,
    server,
    app: workbench,
    close: async () => {
      // Sign-ins are flushed to the token cache (when there is one) before the process may exit.
      await workbench.close()
      await new Promise<void>((resolve) => {
        server.closeAllConnections()
        server.close(() => resolve())
      })
    },
  }
}
