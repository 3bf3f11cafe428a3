// The preview's "Variables used": for each field whose value came from `{{name}}`, the variable and
// the environment it came from (decision 131), and the environment's upstream / actAs when they
// decide where and as whom the request goes. A secret's value is never shown here.
import { REQUEST_FIELD_NAMES, type RequestField } from '../../mpsd/request-fields'
import type { VariableScope } from '../../data/environments/environment-queries'
import { FIELD_LABELS } from './compose-fields'

type VariablesUsedProps = {
  sources: Partial<Record<RequestField, string[]>>
  scope: VariableScope
}

export function VariablesUsed({ sources, scope }: VariablesUsedProps) {
  const from = scope.environment ? `${scope.environment.name} environment` : 'no environment'
  const secret = new Set(
    scope.environment?.variables.filter((v) => v.enabled && v.secret).map((v) => v.key) ?? [],
  )
  const rows: Array<{ key: string; text: string; missing: boolean }> = []
  for (const field of REQUEST_FIELD_NAMES)
    for (const name of sources[field] ?? []) {
      const value = Object.prototype.hasOwnProperty.call(scope.variables, name)
        ? scope.variables[name]
        : undefined
      const missing = value === undefined || value === ''
      rows.push({
        key: `${field}:${name}`,
        text: `${FIELD_LABELS[field]}: ${name} ← ${from}${secret.has(name) ? ' (secret)' : ''}${
          value === undefined ? ' (not defined)' : value === '' ? ' (empty)' : ''
        }`,
        missing,
      })
    }
  if (scope.overrides.upstream)
    rows.push({ key: 'upstream', text: `Upstream: upstream ← ${from}`, missing: false })
  if (scope.overrides.actAs)
    rows.push({ key: 'actAs', text: `Act as: actAs ← ${from}`, missing: false })
  if (rows.length === 0) return null
  return (
    <div className="variables-used">
      <p id="variables-used-heading" className="muted">
        Variables used
      </p>
      <ul aria-labelledby="variables-used-heading">
        {rows.map((row) => (
          <li key={row.key} className={row.missing ? 'status-4xx' : undefined}>
            {row.text}
          </li>
        ))}
      </ul>
    </div>
  )
}
