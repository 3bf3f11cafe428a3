// Settings → Simulator rules (decision 100): each assumption the simulator makes where the sources
// are silent, with where it comes from and a switch. Strict applies the rule; lenient accepts the
// call without the check. A switch is saved to the server at once.
import { useState } from 'react'
import { Alert } from '../../components/alert'
import type { SimRuleMode } from '../../mpsd/sim-rules'
import { useSetSimRuleMode, useSimRules } from '../../data/sim-rules/sim-rules-queries'

export function SimRulesSection() {
  const rules = useSimRules()
  const setMode = useSetSimRuleMode()
  // The switch moves as it is clicked: the mutation's own pending state arrives a tick later, and a
  // controlled checkbox would spring back in between (seen in the journey on a busy machine).
  const [moving, setMoving] = useState<{ id: string; mode: SimRuleMode }>()
  return (
    <section className="panel" aria-labelledby="sim-rules-heading">
      <h2 id="sim-rules-heading">Simulator rules</h2>
      <p className="muted">
        What the simulator assumes where Microsoft&apos;s sources are silent. Strict (the default)
        refuses as the simulator expects Xbox Live to; lenient accepts without the check. A refusal
        names its rule. Documented rules always apply.
      </p>
      {rules.isPending ? <p role="status">Loading the simulator rules…</p> : null}
      {rules.isError ? (
        <Alert>The simulator rules could not be loaded: {rules.error.message}</Alert>
      ) : null}
      {rules.data ? (
        <ul className="sim-rules" aria-label="Simulator rules">
          {rules.data.map((rule) => {
            const mode = moving?.id === rule.id ? moving.mode : rule.mode
            return (
              <li key={rule.id}>
                <label>
                  <input
                    type="checkbox"
                    role="switch"
                    checked={mode === 'strict'}
                    disabled={moving !== undefined}
                    aria-describedby={`sim-rule-${rule.id}-about`}
                    onChange={(event) => {
                      const next = {
                        id: rule.id,
                        mode: event.target.checked ? ('strict' as const) : ('lenient' as const),
                      }
                      setMoving(next)
                      // Settled: the list holds the server's answer (onSuccess) or, on an error,
                      // the mode it had.
                      setMode.mutate(next, { onSettled: () => setMoving(undefined) })
                    }}
                  />{' '}
                  {rule.title}
                </label>{' '}
                <span className="sim-rule-mode">{mode === 'strict' ? 'Strict' : 'Lenient'}</span>
                <div id={`sim-rule-${rule.id}-about`} className="muted">
                  <p>{rule.description}</p>
                  <p>Source: {rule.source}</p>
                </div>
              </li>
            )
          })}
        </ul>
      ) : null}
      {setMode.isError ? (
        <Alert>The rule was not switched: {setMode.error.message}</Alert>
      ) : setMode.isSuccess ? (
        <p role="status">Saved.</p>
      ) : null}
    </section>
  )
}
