// Placeholder core, replaced by the full MPSD simulator.
import { Hono } from 'hono'

export type SimulatorOptions = { latencyMs: number; failRate: number; throttle: boolean }

export function createSimulatorApp(_options: SimulatorOptions) {
  const app = new Hono()
  app.all('*', (c) => c.text('simulator not implemented', 501))
  return app
}
