// The browser's run: planned and paced by the shared core (src/mpsd/run), every call sent with
// sendAndRecord, so it lands in History (and the Handles ledger) like any Send. One run at a time,
// held at module level: leaving the Runs view does not stop it, and coming back shows it. It is
// written to IndexedDB (run-store) as it goes, so a reload lists it with its results; a run the
// page left while it was going reads as interrupted, never resumed (decision 120).
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
import { deleteRun, pruneRuns, saveRun } from './run-store'

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

const isBusy = () =>
  current.state !== undefined && ['running', 'paused'].includes(current.state.status)

// --- Kept in IndexedDB as it goes --------------------------------------------------------------

/**
 * Each write is the whole run (every result so far), so while it runs it is written at most once a
 * second; starting, a pause, the end and a hidden page write at once. A page that dies loses at
 * most the last second's results, and every call of those is in History.
 */
export const SAVE_EVERY_MS = 1_000

let unsaved: StoredRun | undefined
let saveTimer: ReturnType<typeof setTimeout> | undefined
let lastSave = 0
let saving: Promise<void> = Promise.resolve()

function recordOf(view: RunView): StoredRun | undefined {
  if (view.id === undefined || view.createdAt === undefined || !view.state) return undefined
  const { id, createdAt, name, iterations, state } = view
  return { id, createdAt, updatedAt: createdAt, name, iterations, state }
}

function save(view: RunView, { now }: { now: boolean }) {
  const record = recordOf(view)
  if (!record) return
  unsaved = record
  if (saveTimer !== undefined) {
    if (!now) return
    clearTimeout(saveTimer)
    saveTimer = undefined
  }
  const wait = now ? 0 : lastSave + SAVE_EVERY_MS - Date.now()
  if (wait <= 0) writeUnsaved()
  else saveTimer = setTimeout(writeUnsaved, wait)
}

function writeUnsaved() {
  saveTimer = undefined
  const record = unsaved
  unsaved = undefined
  if (!record) return
  lastSave = Date.now()
  // One write at a time, in order: an older copy never lands after a newer one.
  saving = saving
    .then(() => saveRun({ ...record, updatedAt: lastSave }))
    .then(
      () => {
        if (current.id === record.id && current.saveError) set({ ...current, saveError: undefined })
      },
      (error: unknown) => {
        if (current.id !== record.id) return
        const reason = error instanceof Error ? error.message : String(error)
        set({ ...current, saveError: reason })
      },
    )
}

/** Resolves once every change so far is written (one waiting for its turn is written now). */
export function runSaved(): Promise<void> {
  if (saveTimer !== undefined) {
    clearTimeout(saveTimer)
    writeUnsaved()
  }
  return saving
}

if (typeof window !== 'undefined') {
  // A reload or a closed tab: the last chance to write what the run did since its last write.
  window.addEventListener('pagehide', () => void runSaved())
  document.addEventListener('visibilitychange', () => {
    if (document.visibilityState === 'hidden') void runSaved()
  })
}

// --- Which tab has a run going -----------------------------------------------------------------

const lockName = (id: string) => `handles-workbench:run:${id}`
let releaseLock: (() => void) | undefined

/**
 * Held from start until the run is done or cancelled (a paused run can still be resumed here), so
 * another tab reads a run still going as going, not as interrupted. Without Web Locks (old
 * browsers) another tab's run reads as interrupted until that tab finishes it: a known limit.
 */
function holdLock(id: string) {
  const locks = typeof navigator === 'undefined' ? undefined : navigator.locks
  if (!locks?.request) return
  locks
    .request(lockName(id), () => new Promise<void>((resolve) => (releaseLock = resolve)))
    .catch(() => undefined)
}

function dropLock() {
  releaseLock?.()
  releaseLock = undefined
}

/** Is this run going (or paused) in a tab still open, this one or another? */
export async function isRunLive(id: string): Promise<boolean> {
  if (current.id === id && current.state) return isUnfinished({ state: current.state })
  const locks = typeof navigator === 'undefined' ? undefined : navigator.locks
  if (!locks?.query) return false
  try {
    const state = await locks.query()
    return (state.held ?? []).some((lock) => lock.name === lockName(id))
  } catch {
    return false
  }
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

/** Plans the run; with no problem, stores and sends it. Refused while another run is going or paused. */
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
  holdLock(current.id)
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
  if (!isBusy()) dropLock()
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
    dropLock()
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
  dropLock()
  controller = undefined
  lastSave = 0
  set(EMPTY)
}
