// `npm start`: serves the built dashboard, the proxy and the simulator on one port, bound to
// 127.0.0.1 unless HOST says otherwise.
import { existsSync } from 'node:fs'
import { join } from 'node:path'
import { secretsOfAuthorization } from '../mpsd/redact'
import { readConfig } from './config'
import { createLogger } from './logger'
import { startWorkbenchServer } from './start-server'

let config: ReturnType<typeof readConfig>
try {
  config = readConfig()
} catch (error) {
  // A bad WORKBENCH_* setting (sign-in, simulator rules or templates): its sentence, not a stack trace.
  createLogger().error(error instanceof Error ? error.message : String(error))
  process.exit(1)
}
const logger = createLogger(undefined, () => secretsOfAuthorization(config.xblAuthorization ?? ''))
if (!existsSync(join(config.staticRoot, 'index.html'))) {
  logger.error(
    `no built dashboard in ${config.staticRoot}: run "npm run build" (npm start does it for you)`,
  )
  process.exit(1)
}

try {
  const running = await startWorkbenchServer()
  logger.info(`Handles Workbench on ${running.url} (proxy at /proxy, simulator at /sim)`)
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.on(signal, () => void running.close().then(() => process.exit(0)))
  }
} catch (error) {
  const code = (error as NodeJS.ErrnoException).code
  logger.error(
    code === 'EADDRINUSE'
      ? `port ${config.port} is in use: set PORT to another port`
      : String(error),
  )
  process.exit(1)
}
