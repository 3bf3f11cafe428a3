// Settings → Environments (decision 131): create, pick one to edit, import a Postman environment
// file. Each environment is edited in EnvironmentEditor.
import { useState } from 'react'
import { Alert } from '../../components/alert'
import { Field } from '../../components/field'
import {
  useCreateEnvironment,
  useEnvironments,
  useImportEnvironment,
} from '../../data/environments/environment-queries'
import { useSettings } from '../../data/settings/settings-queries'
import { readTextFile } from '../../lib/read-text-file'
import { ENVIRONMENT_FILE_MAX_BYTES } from '../../mpsd/environment'
import { EnvironmentEditor } from './environment-editor'

export function EnvironmentsManager() {
  const { data: environments, error: listError } = useEnvironments()
  const { activeEnvironmentId } = useSettings()
  const [chosen, setChosen] = useState<string | undefined>(undefined)
  const [newName, setNewName] = useState('')
  const [notice, setNotice] = useState<string | undefined>(undefined)
  const [fileError, setFileError] = useState<string | undefined>(undefined)
  const create = useCreateEnvironment()
  const importEnv = useImportEnvironment()

  const list = environments ?? []
  const selected =
    list.find((env) => env.id === chosen) ??
    list.find((env) => env.id === activeEnvironmentId) ??
    list[0]

  const onImport = async (file: File | undefined) => {
    setNotice(undefined)
    setFileError(undefined)
    if (!file) return
    const read = await readTextFile(file, ENVIRONMENT_FILE_MAX_BYTES)
    if (!read.ok) {
      setFileError(read.error)
      return
    }
    importEnv.mutate(read.text, {
      onSuccess: (env) => {
        setChosen(env.id)
        setNotice(
          `Imported ${file.name} as "${env.name}" (${env.variables.length} variables; secret values are not in exported files: fill them in).`,
        )
      },
      onError: (error) => setFileError(`${file.name}: ${error.message}`),
    })
  }

  return (
    <section className="panel environments" aria-labelledby="environments-heading">
      <h2 id="environments-heading">Environments</h2>
      <p className="muted">
        Named sets of variables (SCID, title ID, template name, sandbox, upstream, acting identity
        and your own), used in Compose as <code>{'{{name}}'}</code>. Pick the active one with
        Environment in the top bar.
      </p>
      <form
        className="environment-create"
        noValidate
        onSubmit={(event) => {
          event.preventDefault()
          setNotice(undefined)
          create.mutate(
            { name: newName.trim() || 'New environment' },
            {
              onSuccess: (env) => {
                setChosen(env.id)
                setNewName('')
                setNotice(`Created "${env.name}".`)
              },
            },
          )
        }}
      >
        <Field label="New environment name">
          {({ id }) => (
            <input
              id={id}
              value={newName}
              onChange={(event) => setNewName(event.target.value)}
              placeholder="Dev"
              autoComplete="off"
            />
          )}
        </Field>
        <div className="button-row">
          <button type="submit" disabled={create.isPending}>
            Create environment
          </button>
          <label className="file-button">
            Import environment{' '}
            <input
              type="file"
              accept=".json,application/json"
              onChange={(event) => {
                const input = event.currentTarget
                void onImport(input.files?.[0]).finally(() => {
                  input.value = ''
                })
              }}
            />
          </label>
        </div>
      </form>
      {notice ? (
        <p role="status" className="status-2xx">
          {notice}
        </p>
      ) : null}
      {fileError ? <Alert>{fileError}</Alert> : null}
      {create.error ? <Alert>{create.error.message}</Alert> : null}
      {listError ? <Alert>Environments could not be read: {listError.message}</Alert> : null}
      {list.length === 0 ? (
        <p className="muted">No environments yet.</p>
      ) : (
        <>
          <ul className="environment-list" aria-label="Environments">
            {list.map((env) => (
              <li key={env.id}>
                <button
                  type="button"
                  aria-pressed={env.id === selected?.id}
                  onClick={() => setChosen(env.id)}
                >
                  {env.name}
                  {env.id === activeEnvironmentId ? ' (active)' : ''}
                </button>
              </li>
            ))}
          </ul>
          {selected ? (
            <EnvironmentEditor
              key={selected.id}
              environment={selected}
              onDuplicated={setChosen}
              onDeleted={() => setChosen(undefined)}
            />
          ) : null}
        </>
      )}
    </section>
  )
}
