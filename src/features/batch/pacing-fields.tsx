// MPSD's budget per user, editable: burst and sustain, calls per window.
import { BUDGET_FIELD_LABELS, type BudgetFields } from './budget-fields'

export function PacingFields({
  fields,
  invalid,
  onChange,
}: {
  fields: BudgetFields
  invalid: ReadonlyArray<keyof BudgetFields>
  onChange: (fields: BudgetFields) => void
}) {
  return (
    <details className="batch-pacing">
      <summary>Pacing (MPSD’s budget per user)</summary>
      <div className="batch-pacing-grid">
        {BUDGET_FIELD_LABELS.map(([key, label]) => (
          <label key={key}>
            {label}
            <input
              inputMode="numeric"
              value={fields[key]}
              aria-invalid={invalid.includes(key) ? 'true' : 'false'}
              onChange={(e) => onChange({ ...fields, [key]: e.target.value })}
            />
          </label>
        ))}
      </div>
      {invalid.length > 0 ? (
        <p className="field-error">Budgets are positive numbers (calls: whole numbers).</p>
      ) : null}
    </details>
  )
}
