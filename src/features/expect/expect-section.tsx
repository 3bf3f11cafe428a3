// "Expect" in Compose: the checks the answer must pass (expectations.ts). Self-contained: it reads
// and writes the draft's rows itself, so it can sit under the form or in a tab of its own. Each
// row is checked as it is typed, its message at the field.
import { useId } from 'react'
import { Field } from '../../components/field'
import { useDraftExpectations } from '../../data/drafts/draft-expectations'
import { saveDraftExpectations } from '../../data/drafts/draft-store'
import { EXPECTATION_KINDS, EXPECTATIONS_MAX } from '../../mpsd/expectation-kinds'
import {
  DEFAULT_EXPECTATION_LABEL,
  EXPECTATION_KIND_INFO,
  expectationIssues,
  newExpectation,
  type Expectation,
  type ExpectationKind,
} from '../../mpsd/expectations'

export function ExpectSection() {
  const rows = useDraftExpectations()
  const headingId = useId()
  const update = (index: number, next: Expectation) =>
    saveDraftExpectations(rows.map((row, i) => (i === index ? next : row)))
  return (
    <section className="panel expect-section" aria-labelledby={headingId}>
      <h2 id={headingId}>Expect</h2>
      {rows.length === 0 ? (
        <p className="muted">
          No expectations: the answer is expected to be a 2xx ({DEFAULT_EXPECTATION_LABEL}).
        </p>
      ) : (
        <p className="muted">
          Checked after every Send and Replay; the result shows under Response and in History.
        </p>
      )}
      {rows.map((row, index) => (
        <ExpectationRow
          // Rows have no identity of their own; removing one re-keys the rest, which only resets focus.
          key={index}
          index={index}
          row={row}
          onChange={(next) => update(index, next)}
          onRemove={() => saveDraftExpectations(rows.filter((_, i) => i !== index))}
        />
      ))}
      <button
        type="button"
        disabled={rows.length >= EXPECTATIONS_MAX}
        onClick={() => saveDraftExpectations([...rows, newExpectation()])}
      >
        Add expectation
      </button>
    </section>
  )
}

type RowProps = {
  index: number
  row: Expectation
  onChange: (next: Expectation) => void
  onRemove: () => void
}

function ExpectationRow({ index, row, onChange, onRemove }: RowProps) {
  const info = EXPECTATION_KIND_INFO[row.kind]
  const issues = expectationIssues(row)
  const errorOf = (field: 'target' | 'value') => issues.find((i) => i.field === field)?.message
  const legend = `Expectation ${index + 1}`
  return (
    <fieldset className="expectation-row">
      <legend>{legend}</legend>
      <Field label="Check">
        {({ id }) => (
          <select
            id={id}
            value={row.kind}
            onChange={(e) => {
              const kind = e.target.value as ExpectationKind
              // A new kind starts from its own example; what it shares with the old one is kept.
              const fresh = newExpectation(kind)
              const next = EXPECTATION_KIND_INFO[kind]
              onChange({
                kind,
                target: next.target && next.target === info.target ? row.target : fresh.target,
                value: next.value && next.value === info.value ? row.value : fresh.value,
              })
            }}
          >
            {EXPECTATION_KINDS.map((kind) => (
              <option key={kind} value={kind}>
                {EXPECTATION_KIND_INFO[kind].title}
              </option>
            ))}
          </select>
        )}
      </Field>
      {info.target ? (
        <Field
          label={info.target}
          error={errorOf('target')}
          hint={
            info.target === 'JSON path'
              ? 'For example $.id or $.inviteAttributes.titleId'
              : undefined
          }
        >
          {({ id, describedBy, invalid }) => (
            <input
              id={id}
              value={row.target}
              onChange={(e) => onChange({ ...row, target: e.target.value })}
              aria-invalid={invalid ? 'true' : 'false'}
              aria-describedby={describedBy}
              autoComplete="off"
              spellCheck={false}
            />
          )}
        </Field>
      ) : null}
      {info.value ? (
        <Field label={info.value} error={errorOf('value')}>
          {({ id, describedBy, invalid }) => (
            <input
              id={id}
              value={row.value}
              onChange={(e) => onChange({ ...row, value: e.target.value })}
              aria-invalid={invalid ? 'true' : 'false'}
              aria-describedby={describedBy}
              autoComplete="off"
              spellCheck={false}
            />
          )}
        </Field>
      ) : null}
      <button type="button" onClick={onRemove} aria-label={`Remove expectation ${index + 1}`}>
        Remove
      </button>
    </fieldset>
  )
}
