// The "show" step of import: what will be added, what conflicts by name (keep both, replace or
// skip, per preset) and every problem, announced. Nothing is written before "Add to my presets".
import { useState } from 'react'
import {
  describeProblems,
  type ConflictChoice,
  type ImportPlan,
} from '../../data/presets/import-plan'
import { useImportPresets } from '../../data/presets/preset-queries'
import { Alert } from '../../components/alert'

const CHOICES: Array<[ConflictChoice, string]> = [
  ['keep-both', 'Keep both'],
  ['replace', 'Replace'],
  ['skip', 'Skip'],
]

export function ImportReview({
  plan,
  onDone,
}: {
  plan: ImportPlan
  onDone: (message: string) => void
}) {
  const [choices, setChoices] = useState<Record<string, ConflictChoice>>({})
  const importPresets = useImportPresets()
  const problems = describeProblems(plan.problems)
  const fresh = plan.items.filter((i) => !i.conflict)
  const conflicts = plan.items.filter((i) => i.conflict)
  const skipped = conflicts.filter((i) => choices[i.key] === 'skip').length
  const toWrite = plan.items.length - skipped
  return (
    <section className="panel import-review" aria-labelledby="import-review-heading">
      <h3 id="import-review-heading">Import review</h3>
      {problems.length > 0 ? (
        <Alert as="div">
          <p>
            {problems.length} {problems.length === 1 ? 'problem' : 'problems'}; nothing stored was
            changed:
          </p>
          <ul aria-label="Import problems">
            {problems.slice(0, 50).map((message, i) => (
              <li key={i}>{message}</li>
            ))}
            {problems.length > 50 ? <li>…and {problems.length - 50} more</li> : null}
          </ul>
        </Alert>
      ) : null}
      {plan.items.length === 0 ? (
        <p>No presets can be imported from {plan.files === 1 ? 'this file' : 'these files'}.</p>
      ) : null}
      {fresh.length > 0 ? (
        <>
          <p>Will be added:</p>
          <ul aria-label="Presets to add">
            {fresh.map((item) => (
              <li key={item.key}>
                {item.preset.name} <span className="muted">({item.source})</span>
              </li>
            ))}
          </ul>
        </>
      ) : null}
      {conflicts.map((item) => (
        <fieldset key={item.key} className="conflict">
          <legend>
            “{item.preset.name}” ({item.source}) has the same name as a stored preset
          </legend>
          {CHOICES.map(([choice, label]) => (
            <label key={choice}>
              <input
                type="radio"
                name={`conflict-${item.key}`}
                value={choice}
                checked={(choices[item.key] ?? 'keep-both') === choice}
                onChange={() => setChoices((c) => ({ ...c, [item.key]: choice }))}
              />{' '}
              {label}
            </label>
          ))}
        </fieldset>
      ))}
      {importPresets.isError ? (
        <Alert>Import failed; nothing was written: {importPresets.error.message}</Alert>
      ) : null}
      <div className="button-row">
        <button
          type="button"
          className="primary"
          disabled={toWrite === 0 || importPresets.isPending}
          onClick={() =>
            importPresets.mutate(
              { plan, choices },
              {
                onSuccess: ({ written }) =>
                  onDone(`Imported ${written} ${written === 1 ? 'preset' : 'presets'}.`),
              },
            )
          }
        >
          Add to my presets
        </button>
        <button type="button" onClick={() => onDone('Import cancelled; nothing was written.')}>
          Cancel import
        </button>
      </div>
    </section>
  )
}
