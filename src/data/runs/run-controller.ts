// The browser's run: planned and paced by the shared core (src/mpsd/run), every call sent with
// sendAndRecord, so it lands in History (and the Handles ledger) like any Send. One run at a time,
// held at module level: leaving the Runs view does not stop it, and coming back shows it. It is
// not kept across a reload (every call it made is in History).
import { useSyncExternalStore } from 'react'
import type { QueryClient } from '@tanstack/react-query'
import type { Variables } from '../../mpsd/variables'
import { MPSD_SUSTAIN } from '../../mpsd/limits'
import { planRun, type RunPreset, type RunProblem, type RunStep } from '../../mpsd/run/run-plan'
import { initialRunState, runSteps, type RunState, type StepAnswer } from '../../mpsd/run/run-steps'
import { refreshRecords } from '../../lib/query-client'
import { recentCallTimes } from '../batch/batch-store'
import { recordingSendFor, type RecordingSend } from '../send/recording-send'

export type RunView = {
  name: string
  iterations: number
  steps: RunStep[]
  problems: RunProblem[]
  state: RunState | undefined
}

const EMPTY: RunView = { name: '', iterations: 0, steps: [], problems: [], state: undefined }

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

/** Plans the run; with no problem, sends it. Refused while another run is going or paused. */
export async function startRun(request: RunRequest, queryClient: QueryClient): Promise<RunView> {
  if (current.state && ['running', 'paused'].includes(current.state.status)) return current
  const plan = planRun(request)
  set({
    name: request.name,
    iterations: plan.iterations,
    steps: plan.steps,
    problems: plan.problems,
    state:
      plan.problems.length > 0 || plan.steps.length === 0 ? undefined : initialRunState(plan.steps),
  })
  if (!current.state) return current
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
      // History and the ledger follow the run, at most twice a second.
      const now = Date.now()
      if (now - lastRefresh > 500 || state.status !== 'running') {
        lastRefresh = now
        void refreshRecords(queryClient, ['history', 'handles'])
      }
    },
  })
  controller = undefined
}

export function pauseRun(): void {
  controller?.abort('pause')
}

export async function resumeRun(queryClient: QueryClient): Promise<void> {
  if (current.state?.status !== 'paused') return
  await drive(queryClient)
}

/** Cancel lets the call in flight finish; a paused run is cancelled at once. */
export function cancelRun(): void {
  if (controller) controller.abort('cancel')
  else if (current.state?.status === 'paused')
    set({ ...current, state: { ...current.state, status: 'cancelled', finishedAt: Date.now() } })
}

/** Forgets a finished run (its calls stay in History). */
export function clearRun(): void {
  if (current.state && ['running', 'paused'].includes(current.state.status)) return
  set(EMPTY)
}
