// Placeholder core, replaced by the full proxy.
import { Hono } from 'hono'

export function createProxyApp() {
  const app = new Hono()
  app.all('*', (c) => c.json({ error: 'not_implemented', message: 'proxy not implemented' }, 501))
  return app
}
