// Settings → Simulator rules (decision 100): each assumption the simulator makes where the sources
// are silent, with where it comes from and a switch. Strict applies the rule; lenient accepts the
// call without the check. A switch is saved to the server at once.
import { Alert } from '../../components/alert'
import { useSetSimRuleMode, useSimRules } from '../../data/sim-rules/sim-rules-queries'

export function SimRulesSection() {
  const rules = useSimRules()
  const setMode = useSetSimRuleMode()
  const pending = setMode.isPending ? setMode.variables : undefined
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
            const mode = pending?.id === rule.id ? pending.mode : rule.mode
            return (
              <li key={rule.id}>
                <label>
                  <input
                    type="checkbox"
                    role="switch"
                    checked={mode === 'strict'}
                    disabled={setMode.isPending}
                    aria-describedby={`sim-rule-${rule.id}-about`}
                    onChange={(event) =>
                      setMode.mutate({
                        id: rule.id,
                        mode: event.target.checked ? 'strict' : 'lenient',
                      })
                    }
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
