// GET and PUT /api/sim/rules: the simulator rules with their modes, for Settings → Simulator rules
// (contract 2 of the session plan, decision 100). Guarded like the other /api/sim routes: only the
// dashboard itself, or a script on this machine, may switch what the simulator enforces.
import { Hono } from 'hono'
import { bodyLimit } from 'hono/body-limit'
import { simRulesPutSchema } from '../../mpsd/sim-rules'
import { callerGuard, type CallerPolicy } from '../caller-check'
import type { SimRulesState } from './sim-rules-state'

/** A mode per rule: a few hundred bytes. */
const BODY_LIMIT = 8 * 1024

export function createSimulatorRulesApp(rules: SimRulesState, policy: CallerPolicy) {
  const app = new Hono()
  app.use('/rules', callerGuard(policy, "the simulator's rules"))
  app.use('/rules', async (c, next) => {
    await next()
    c.header('Cache-Control', 'no-store')
  })

  app.get('/rules', (c) => c.json({ rules: rules.list() }))

  app.put(
    '/rules',
    bodyLimit({
      maxSize: BODY_LIMIT,
      onError: (c) => c.json({ error: 'too_large', message: 'The rules body is too large.' }, 413),
    }),
    async (c) => {
      let json: unknown
      try {
        json = JSON.parse(await c.req.text())
      } catch {
        return c.json({ error: 'bad_json', message: 'The rules body is not valid JSON.' }, 400)
      }
      const parsed = simRulesPutSchema.safeParse(json)
      if (!parsed.success) {
        const issue = parsed.error.issues[0]
        return c.json(
          {
            error: 'invalid_rules',
            message: `${issue?.path.join('.') || 'body'}: ${issue?.message ?? 'invalid'}`,
          },
          400,
        )
      }
      rules.set(parsed.data.modes)
      return c.json({ rules: rules.list() })
    },
  )
  return app
}
