// `npm start`: serves the built dashboard, the proxy and the simulator on one port, bound to
// 127.0.0.1 unless HOST says otherwise.
import { serve } from '@hono/node-server'
import { serveStatic } from '@hono/node-server/serve-static'
import { Hono } from 'hono'
import { existsSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { readConfig } from './config'
import { createWorkbenchApp } from './app'
import { createLogger } from './logger'
import { SECURITY_HEADERS } from './security-headers'

const config = readConfig()
const logger = createLogger(undefined, config.xblAuthorization ? [config.xblAuthorization] : [])
const indexPath = join(config.staticRoot, 'index.html')
if (!existsSync(indexPath)) {
  logger.error(`no built dashboard at ${indexPath}: run "npm run build" (npm start does it for you)`)
  process.exit(1)
}
const indexHtml = readFileSync(indexPath, 'utf8')

const root = new Hono()
root.use('*', async (c, next) => {
  await next()
  for (const [name, value] of Object.entries(SECURITY_HEADERS)) c.header(name, value)
})
root.route('/', createWorkbenchApp(config))
root.use('/assets/*', async (c, next) => {
  await next()
  // Vite puts a content hash in every asset name, so they never change.
  if (c.res.ok) c.header('Cache-Control', 'public, max-age=31536000, immutable')
})
root.use('*', serveStatic({ root: config.staticRoot }))
// Client-side routes (/history?type=invite and so on) all load the same page.
root.get('*', (c) => c.html(indexHtml))

const server = serve({ fetch: root.fetch, hostname: config.host, port: config.port }, (info) => {
  logger.info(`Handles Workbench on http://${config.host}:${info.port}`)
})
server.on('error', (error: NodeJS.ErrnoException) => {
  logger.error(error.code === 'EADDRINUSE' ? `port ${config.port} is in use: set PORT` : error.message)
  process.exit(1)
})
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => server.close(() => process.exit(0)))
}
