// Runs: send a selection of presets in order, once per row of an optional CSV data file, with an
// environment's variables, paced by each service's budget; every call lands in History, and the
// results export as JUnit XML and JSON (the same core as `handles-workbench run`). The last 20 runs
// are kept in this browser and listed under "Recent runs", after a reload too.
import { useId, useMemo, useState } from 'react'
import { Alert } from '../../components/alert'
import { useEnvironments } from '../../data/environments/environment-queries'
import { usePresetList, useTeamPresets } from '../../data/presets/preset-queries'
import { useSettings } from '../../data/settings/settings-queries'
import { useCurrentRun } from '../../data/runs/run-controller'
import { isUnfinished } from '../../data/runs/run-record'
import { useRecentRuns } from '../../data/runs/run-queries'
import { useRunActions } from '../../data/runs/use-run-actions'
import { readTextFile } from '../../lib/read-text-file'
import {
  ENVIRONMENT_FILE_MAX_BYTES,
  parseEnvironmentFile,
  variablesOf,
} from '../../mpsd/environment'
import { CSV_MAX_BYTES, parseCsv } from '../../mpsd/run/csv'
import { describeRunProblem } from '../../mpsd/run/run-plan'
import type { Variables } from '../../mpsd/variables'
import { RecentRuns } from './recent-runs'
import { RunResults } from './run-results'
import { RunSelection, type PresetSource } from './run-selection'

type Loaded<T> = { file: string; value: T } | { file: string; error: string } | undefined

export function RunsView() {
  const mine = usePresetList({})
  const team = useTeamPresets()
  const run = useCurrentRun()
  const actions = useRunActions()
  const recent = useRecentRuns()
  // The run whose results show: one picked in Recent runs, else the newest (this tab's, if any).
  const [shownId, setShownId] = useState<string | undefined>()
  const shown = recent.runs.find((r) => r.id === shownId) ?? recent.runs[0]
  const [selected, setSelected] = useState<Set<string>>(new Set())
  const [environment, setEnvironment] = useState<Loaded<{ name: string; vars: Variables }>>()
  const environments = useEnvironments()
  // The environment chosen in the top bar, until the user picks another here ('' = none).
  const { activeEnvironmentId } = useSettings()
  const [storedId, setStoredId] = useState<string | undefined>()
  const chosenId = storedId ?? activeEnvironmentId
  const stored = environments.data?.find((env) => env.id === chosenId)
  const storedEnvId = useId()
  const [data, setData] = useState<Loaded<Variables[]>>()
  const envId = useId()
  const dataId = useId()

  const available = useMemo<PresetSource[]>(
    () => [
      ...(mine.data?.presets ?? []).map((preset) => ({ preset, folder: 'mine' as const })),
      ...(team.data?.presets ?? []).map(({ preset }) => ({ preset, folder: 'team' as const })),
    ],
    [mine.data, team.data],
  )
  const chosen = available.filter((s) => selected.has(s.preset.id)).map((s) => s.preset)
  // A run going here, or a Start on its way to the controller: one Start, one run.
  const busy = isUnfinished(run) || actions.starting
  const envError = environment && 'error' in environment ? environment.error : undefined
  const dataError = data && 'error' in data ? data.error : undefined

  async function readEnvironment(file: File | undefined) {
    if (!file) return setEnvironment(undefined)
    const read = await readTextFile(file, ENVIRONMENT_FILE_MAX_BYTES)
    if (!read.ok) return setEnvironment({ file: file.name, error: read.error })
    const parsed = parseEnvironmentFile(read.text)
    setEnvironment(
      parsed.ok
        ? {
            file: file.name,
            value: { name: parsed.environment.name, vars: variablesOf(parsed.environment) },
          }
        : { file: file.name, error: `${file.name}: ${parsed.error}` },
    )
  }

  async function readData(file: File | undefined) {
    if (!file) return setData(undefined)
    const read = await readTextFile(file, CSV_MAX_BYTES)
    if (!read.ok) return setData({ file: file.name, error: read.error })
    const parsed = parseCsv(read.text)
    setData(
      parsed.ok
        ? { file: file.name, value: parsed.rows }
        : { file: file.name, error: `${file.name}: ${parsed.error}` },
    )
  }

  const rows = data && 'value' in data ? data.value : undefined
  // A file, when one is loaded, is used instead of a stored environment.
  const vars =
    environment && 'value' in environment
      ? environment.value.vars
      : stored
        ? variablesOf(stored)
        : undefined
  const canStart = chosen.length > 0 && !busy && !envError && !dataError

  return (
    <div className="runs-view">
      <section className="panel" aria-labelledby="runs-heading">
        <h2 id="runs-heading">Runs</h2>
        <p className="muted">
          Sends the selected presets in order (once per data row), paced by MPSD’s budget, and
          checks each answer against the preset’s expectations. Every call lands in History.
        </p>
        <RunSelection available={available} selected={selected} onChange={setSelected} />
        <div className="field">
          <label htmlFor={storedEnvId}>Environment</label>
          <select
            id={storedEnvId}
            value={stored ? chosenId : ''}
            onChange={(e) => setStoredId(e.target.value)}
          >
            <option value="">None</option>
            {(environments.data ?? []).map((env) => (
              <option key={env.id} value={env.id}>
                {env.name}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor={envId}>Environment file (optional, instead)</label>
          <input
            id={envId}
            type="file"
            accept=".json,application/json"
            aria-invalid={envError ? 'true' : 'false'}
            aria-describedby={envError ? `${envId}-error` : undefined}
            onChange={(e) => void readEnvironment(e.target.files?.[0])}
          />
          {environment && 'value' in environment ? (
            <div className="field-hint">
              {environment.value.name}: {Object.keys(environment.value.vars).length} variables
            </div>
          ) : null}
          {envError ? (
            <div id={`${envId}-error`} className="field-error" role="alert">
              {envError}
            </div>
          ) : null}
        </div>
        <div className="field">
          <label htmlFor={dataId}>Data file (CSV, optional)</label>
          <input
            id={dataId}
            type="file"
            accept=".csv,text/csv"
            aria-invalid={dataError ? 'true' : 'false'}
            aria-describedby={dataError ? `${dataId}-error` : `${dataId}-hint`}
            onChange={(e) => void readData(e.target.files?.[0])}
          />
          <div id={`${dataId}-hint`} className="field-hint">
            {rows
              ? `${rows.length} row${rows.length === 1 ? '' : 's'}: the presets run once per row`
              : 'The first row names the variables; each other row is one iteration.'}
          </div>
          {dataError ? (
            <div id={`${dataId}-error`} className="field-error" role="alert">
              {dataError}
            </div>
          ) : null}
        </div>
        <div className="button-row">
          <button
            type="button"
            className="primary"
            disabled={!canStart}
            onClick={() => {
              setShownId(undefined)
              actions.start({
                name:
                  chosen.length === 1
                    ? (chosen[0]?.name ?? 'Run')
                    : `Run of ${chosen.length} presets`,
                presets: chosen,
                ...(vars ? { environment: vars } : {}),
                ...(rows ? { rows } : {}),
              })
            }}
          >
            Start run
          </button>
        </div>
        {run.problems.length > 0 ? (
          <Alert as="div">
            <p>Nothing was sent: fix these first.</p>
            <ul>
              {run.problems.slice(0, 20).map((problem, index) => (
                <li key={index}>{describeRunProblem(problem, run.iterations)}</li>
              ))}
            </ul>
          </Alert>
        ) : null}
        {actions.error ? <Alert>{actions.error}</Alert> : null}
        {recent.error ? (
          <Alert>The runs kept in this browser could not be read: {recent.error.message}</Alert>
        ) : null}
      </section>
      {shown ? (
        <RunResults
          run={shown}
          actions={actions}
          saveError={shown.id === run.id ? run.saveError : undefined}
        />
      ) : null}
      <RecentRuns runs={recent.runs} shownId={shown?.id} onShow={setShownId} />
    </div>
  )
}
