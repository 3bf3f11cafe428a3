// One environment's name and variables (key, value, secret, enabled), edited here and saved with
// "Save environment"; Duplicate, Export (Postman's format, secrets empty) and Delete act on what is
// saved. Bad input stays in the form with its message at the field; nothing is lost.
import { useState } from 'react'
import { Alert } from '../../components/alert'
import { ConfirmDialog } from '../../components/confirm-dialog'
import { Field } from '../../components/field'
import {
  useDeleteEnvironment,
  useDuplicateEnvironment,
  useUpdateEnvironment,
} from '../../data/environments/environment-queries'
import type { StoredEnvironment } from '../../data/environments/environment-store'
import { downloadText } from '../../lib/download'
import {
  ENVIRONMENT_NAME_MAX,
  toPostmanEnvironment,
  variableKeyProblem,
  type EnvironmentVariable,
} from '../../mpsd/environment'

type Row = EnvironmentVariable & { rowId: number }

let nextRowId = 1
const rowOf = (variable: EnvironmentVariable): Row => ({ ...variable, rowId: nextRowId++ })

/** The file name Postman gives an exported environment. */
export function exportFileName(name: string): string {
  const safe = name.replace(/[\\/:*?"<>|\s]+/g, '_').replace(/^_+|_+$/g, '') || 'environment'
  return `${safe}.postman_environment.json`
}

function keyProblems(rows: readonly Row[]): Map<number, string> {
  const problems = new Map<number, string>()
  const seen = new Set<string>()
  for (const row of rows) {
    const problem = variableKeyProblem(row.key)
    if (problem) problems.set(row.rowId, problem)
    else if (seen.has(row.key)) problems.set(row.rowId, `${row.key} is already listed above`)
    seen.add(row.key)
  }
  return problems
}

function nameProblem(name: string): string | undefined {
  if (name.trim() === '') return 'Environment name is required'
  if (name.trim().length > ENVIRONMENT_NAME_MAX)
    return `Environment name must be at most ${ENVIRONMENT_NAME_MAX} characters`
  return undefined
}

type EnvironmentEditorProps = {
  environment: StoredEnvironment
  onDuplicated: (id: string) => void
  onDeleted: () => void
}

export function EnvironmentEditor({
  environment,
  onDuplicated,
  onDeleted,
}: EnvironmentEditorProps) {
  const [name, setName] = useState(environment.name)
  const [rows, setRows] = useState<Row[]>(() => environment.variables.map(rowOf))
  const [confirmDelete, setConfirmDelete] = useState(false)
  const [saved, setSaved] = useState(false)
  const update = useUpdateEnvironment()
  const duplicate = useDuplicateEnvironment()
  const remove = useDeleteEnvironment()

  const problems = keyProblems(rows)
  const nameError = nameProblem(name)
  const dirty =
    name !== environment.name ||
    JSON.stringify(rows.map(({ rowId: _, ...v }) => v)) !== JSON.stringify(environment.variables)

  const edit = (rowId: number, patch: Partial<EnvironmentVariable>) => {
    setSaved(false)
    setRows((current) => current.map((row) => (row.rowId === rowId ? { ...row, ...patch } : row)))
  }

  const save = () => {
    if (nameError || problems.size > 0) return
    update.mutate(
      {
        id: environment.id,
        name: name.trim(),
        variables: rows.map(({ rowId: _, ...variable }) => variable),
      },
      { onSuccess: () => setSaved(true) },
    )
  }

  const error = update.error ?? duplicate.error ?? remove.error
  const headingId = `environment-${environment.id}-variables`

  return (
    <div className="environment-editor">
      <form
        noValidate
        onSubmit={(event) => {
          event.preventDefault()
          save()
        }}
      >
        <Field label="Environment name" error={nameError}>
          {({ id, describedBy, invalid }) => (
            <input
              id={id}
              value={name}
              onChange={(event) => {
                setSaved(false)
                setName(event.target.value)
              }}
              aria-invalid={invalid ? 'true' : 'false'}
              aria-describedby={describedBy}
              autoComplete="off"
            />
          )}
        </Field>
        <table className="environment-variables" aria-labelledby={headingId}>
          <caption id={headingId}>Variables of {environment.name}</caption>
          <thead>
            <tr>
              <th scope="col">Variable</th>
              <th scope="col">Value</th>
              <th scope="col">Secret</th>
              <th scope="col">Enabled</th>
              <th scope="col">
                <span className="visually-hidden">Remove</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {rows.map((row, index) => {
              const label = row.key.trim() || `variable ${index + 1}`
              const problem = problems.get(row.rowId)
              const errorId = `env-key-error-${row.rowId}`
              return (
                <tr key={row.rowId}>
                  <td>
                    <input
                      aria-label={`Name of variable ${index + 1}`}
                      value={row.key}
                      onChange={(event) => edit(row.rowId, { key: event.target.value })}
                      aria-invalid={problem ? 'true' : 'false'}
                      aria-describedby={problem ? errorId : undefined}
                      autoComplete="off"
                      spellCheck={false}
                    />
                    {problem ? (
                      <div id={errorId} className="field-error">
                        {problem}
                      </div>
                    ) : null}
                  </td>
                  <td>
                    <input
                      aria-label={`Value of ${label}`}
                      type={row.secret ? 'password' : 'text'}
                      value={row.value}
                      onChange={(event) => edit(row.rowId, { value: event.target.value })}
                      autoComplete="off"
                      spellCheck={false}
                    />
                  </td>
                  <td>
                    <input
                      type="checkbox"
                      aria-label={`${label} is secret`}
                      checked={row.secret}
                      onChange={(event) => edit(row.rowId, { secret: event.target.checked })}
                    />
                  </td>
                  <td>
                    <input
                      type="checkbox"
                      aria-label={`${label} is enabled`}
                      checked={row.enabled}
                      onChange={(event) => edit(row.rowId, { enabled: event.target.checked })}
                    />
                  </td>
                  <td>
                    <button
                      type="button"
                      onClick={() => {
                        setSaved(false)
                        setRows((current) => current.filter((r) => r.rowId !== row.rowId))
                      }}
                    >
                      Remove {label}
                    </button>
                  </td>
                </tr>
              )
            })}
          </tbody>
        </table>
        <p className="muted">
          Use a variable in any Compose field as <code>{'{{name}}'}</code>. <code>upstream</code>{' '}
          (simulator, Xbox Live or an origin) and <code>actAs</code> (a XUID or an Act as value),
          when set, decide where and as whom Compose sends. Secret values are never exported, shared
          or kept in History.
        </p>
        <div className="button-row">
          <button
            type="button"
            onClick={() => {
              setSaved(false)
              setRows((current) => [
                ...current,
                rowOf({ key: '', value: '', secret: false, enabled: true }),
              ])
            }}
          >
            Add variable
          </button>
          <button
            type="submit"
            className="primary"
            disabled={update.isPending || Boolean(nameError) || problems.size > 0}
          >
            Save environment
          </button>
          <button
            type="button"
            onClick={() =>
              duplicate.mutate(environment.id, { onSuccess: (copy) => onDuplicated(copy.id) })
            }
          >
            Duplicate
          </button>
          <button
            type="button"
            onClick={() =>
              downloadText(exportFileName(environment.name), toPostmanEnvironment(environment))
            }
          >
            Export environment
          </button>
          <button type="button" className="danger" onClick={() => setConfirmDelete(true)}>
            Delete…
          </button>
        </div>
        {dirty ? (
          <p className="muted" role="status">
            Unsaved changes: Compose uses the saved values until you save.
          </p>
        ) : saved ? (
          <p className="status-2xx" role="status">
            Saved {environment.name}.
          </p>
        ) : null}
        {error ? <Alert>{error.message}</Alert> : null}
      </form>
      <ConfirmDialog
        open={confirmDelete}
        title={`Delete environment ${environment.name}?`}
        confirmLabel="Delete environment"
        danger
        onCancel={() => setConfirmDelete(false)}
        onConfirm={() => {
          setConfirmDelete(false)
          remove.mutate(environment.id, { onSuccess: onDeleted })
        }}
      >
        <p>
          Its {environment.variables.length} variables go with it. Requests that use them show an
          unknown variable until another environment is chosen. Export it first to keep a copy.
        </p>
      </ConfirmDialog>
    </div>
  )
}
