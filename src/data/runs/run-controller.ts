// The browser's run: planned and paced by the shared core (src/mpsd/run), every call sent with
// sendAndRecord, so it lands in History (and the Handles ledger) like any Send. One run at a time,
// held at module level: leaving the Runs view does not stop it, and coming back shows it. It is
// written to IndexedDB as it goes (run-autosave.ts), so a reload lists it with its results; a run
// the page left while it was going reads as interrupted, never resumed (decision 120).
import { useSyncExternalStore } from 'react'
import type { QueryClient } from '@tanstack/react-query'
import type { Variables } from '../../mpsd/variables'
import { MPSD_SUSTAIN } from '../../mpsd/limits'
import { planRun, type RunPreset, type RunProblem, type RunStep } from '../../mpsd/run/run-plan'
import { initialRunState, runSteps, type RunState, type StepAnswer } from '../../mpsd/run/run-steps'
import { refreshRecords } from '../../lib/query-client'
import { recentCallTimes } from '../batch/batch-store'
import { recordingSendFor, type RecordingSend } from '../send/recording-send'
import { isUnfinished, runId, type StoredRun } from './run-record'
import { onRunSaved, resetRunAutosave, runSaved, saveRunSoon } from './run-autosave'
import { dropRunLock, holdRunLock, isRunLockHeld } from './run-lock'
import { deleteRun, pruneRuns } from './run-store'

export type RunView = {
  /** Set once the plan had no problem: the run is sent and stored under it. */
  id: string | undefined
  createdAt: number | undefined
  name: string
  iterations: number
  steps: RunStep[]
  problems: RunProblem[]
  state: RunState | undefined
  /** Why the run could not be kept for after a reload (storage refused it), when it could not. */
  saveError?: string
}

const EMPTY: RunView = {
  id: undefined,
  createdAt: undefined,
  name: '',
  iterations: 0,
  steps: [],
  problems: [],
  state: undefined,
}

let current: RunView = EMPTY
let controller: AbortController | undefined
const listeners = new Set<() => void>()

function set(next: RunView) {
  current = next
  for (const listener of listeners) listener()
}

export function subscribeRun(listener: () => void): () => void {
  listeners.add(listener)
  return () => listeners.delete(listener)
}

export function currentRun(): RunView {
  return current
}

export function useCurrentRun(): RunView {
  return useSyncExternalStore(subscribeRun, currentRun)
}

const isBusy = () => isUnfinished(current)

function recordOf(view: RunView): StoredRun | undefined {
  if (view.id === undefined || view.createdAt === undefined || !view.state) return undefined
  const { id, createdAt, name, iterations, state } = view
  return { id, createdAt, updatedAt: createdAt, name, iterations, state }
}

function save(view: RunView, options: { now: boolean }) {
  const record = recordOf(view)
  if (record) saveRunSoon(record, options)
}

// A write that failed is shown with the run; the next one that works clears it.
onRunSaved((id, error) => {
  if (current.id !== id || current.saveError === error) return
  const { saveError: _previous, ...rest } = current
  set(error === undefined ? rest : { ...rest, saveError: error })
})

/** Is this run going (or paused) in a tab still open, this one or another? */
export async function isRunLive(id: string): Promise<boolean> {
  if (current.id === id && current.state) return isUnfinished(current)
  return isRunLockHeld(id)
}

// --- The run ------------------------------------------------------------------------------------

export type RunRequest = {
  name: string
  presets: readonly RunPreset[]
  environment?: Variables
  rows?: ReadonlyArray<Variables>
}

/** The answer a run checks, from the History record sendAndRecord made. */
function sendFor(send: RecordingSend) {
  return async (step: RunStep): Promise<StepAnswer> => {
    const entry = await send({
      request: step.wire,
      composed: step.request,
      kind: step.request.kind,
    })
    const error = entry.networkError ?? entry.proxyError?.message
    return {
      status: entry.response?.status ?? 0,
      headers: entry.response?.headers ?? [],
      bodyText: entry.response?.body ?? '',
      durationMs: entry.durationMs,
      historyId: entry.id,
      ...(error !== undefined ? { error } : {}),
    }
  }
}

/**
 * Plans the run; with no problem, stores and sends it. Refused while another run is going (from the
 * moment it is accepted, before its first write) or paused: the check and the new run's `ready`
 * state are set before anything is awaited, so a double-click starts one run.
 */
export async function startRun(request: RunRequest, queryClient: QueryClient): Promise<RunView> {
  if (isBusy()) return current
  const plan = planRun(request)
  const sendable = plan.problems.length === 0 && plan.steps.length > 0
  const createdAt = Date.now()
  set({
    id: sendable ? runId(createdAt) : undefined,
    createdAt: sendable ? createdAt : undefined,
    name: request.name,
    iterations: plan.iterations,
    steps: plan.steps,
    problems: plan.problems,
    state: sendable ? initialRunState(plan.steps) : undefined,
  })
  if (!current.state || current.id === undefined) return current
  holdRunLock(current.id)
  save(current, { now: true })
  await runSaved()
  await pruneRuns().catch(() => 0)
  await drive(queryClient)
  return current
}

async function drive(queryClient: QueryClient): Promise<void> {
  const start = current.state
  if (!start) return
  controller = new AbortController()
  // Pacing counts this browser's recent calls too (History), as a batch does (decision 050).
  const seed = await recentCallTimes(MPSD_SUSTAIN.windowMs + 1_000).catch(() => [])
  let lastRefresh = 0
  await runSteps(current.steps, start, {
    send: sendFor(recordingSendFor(queryClient)),
    signal: controller.signal,
    seedSpent: { mpsd: seed },
    onUpdate: (state) => {
      set({ ...current, state })
      save(current, { now: state.status !== 'running' })
      // History and the ledger follow the run, at most twice a second.
      const now = Date.now()
      if (now - lastRefresh > 500 || state.status !== 'running') {
        lastRefresh = now
        void refreshRecords(queryClient, ['history', 'handles'])
      }
    },
  })
  controller = undefined
  if (!isBusy()) dropRunLock()
  await runSaved()
}

export function pauseRun(): void {
  controller?.abort('pause')
}

export async function resumeRun(queryClient: QueryClient): Promise<void> {
  if (current.state?.status !== 'paused' || controller) return
  await drive(queryClient)
}

/** Cancel lets the call in flight finish; a paused run is cancelled at once. */
export async function cancelRun(): Promise<void> {
  if (controller) controller.abort('cancel')
  else if (current.state?.status === 'paused') {
    set({ ...current, state: { ...current.state, status: 'cancelled', finishedAt: Date.now() } })
    save(current, { now: true })
    dropRunLock()
  }
  await runSaved()
}

/** Deletes a stored run (its calls stay in History); refused for the run going or paused here. */
export async function forgetRun(id: string): Promise<void> {
  if (current.id === id) {
    if (isBusy()) return
    set(EMPTY)
  }
  await runSaved()
  await deleteRun(id)
}

/** For tests: no run, nothing waiting to be written. */
export async function resetRunController(): Promise<void> {
  controller?.abort('cancel')
  await runSaved()
  dropRunLock()
  controller = undefined
  resetRunAutosave()
  set(EMPTY)
}
