// The pure core of a run: its steps one at a time, in order, each paced by the budget of the
// service it goes to, checked against its expectations. It knows nothing of fetch, IndexedDB or
// React: `send` and the clock are injected, so the Runs view (sendAndRecord: every call in
// History), the CLI (the proxy core in process) and tests run the same loop.
//
// As a batch (decision 050): one call at a time; a 429 waits for its Retry-After and sends the same
// request again (MPSD created nothing), three in a row fail the step; nothing else is retried.
// Pause and Cancel let the call in flight finish: after it, a paused run stops where it is (start
// it again with the state to resume), a cancelled one marks the rest not run.
import {
  allPassed,
  evaluateExpectations,
  type ExpectationAnswer,
  type ExpectationResult,
} from '../expectations'
import { SIM_RULE_HEADER } from '../sim-rules'
import { createTokenBucket, MPSD_BUDGETS, type Budget, type TokenBucket } from '../token-bucket'
import type { RunService, RunStep } from './run-plan'

/** What one call came to. `error`: no answer from MPSD (the proxy, the network, a refusal). */
export type StepAnswer = Omit<ExpectationAnswer, 'now'> & {
  error?: string
  /** The History record the call was filed as (the browser). */
  historyId?: string
}

export type StepSend = (step: RunStep, signal: AbortSignal) => Promise<StepAnswer>

export type StepOutcome = 'passed' | 'failed' | 'error' | 'notRun'

export type StepResult = {
  index: number
  iteration: number
  label: string
  presetName: string
  method: string
  path: string
  outcome: StepOutcome
  status?: number
  durationMs?: number
  /** When the answer arrived (epoch ms). */
  at?: number
  expectations: ExpectationResult[]
  error?: string
  historyId?: string
  /** The simulator rule that refused the call (its X-Workbench-Sim-Rule header), when one did. */
  simRule?: string
}

/**
 * `interrupted`: the browser only (src/data/runs): the page went away while the run was going or
 * paused; the steps it had not answered are not run, and a stored run cannot be resumed.
 */
export type RunStatus = 'ready' | 'running' | 'paused' | 'cancelled' | 'done' | 'interrupted'

export type RunState = {
  status: RunStatus
  startedAt?: number
  finishedAt?: number
  /** One per step, in order; `notRun` until it is. */
  results: StepResult[]
  /** The next step to send. */
  next: number
}

export type RunClock = {
  now: () => number
  /** Resolves after `ms`, or rejects as soon as `signal` aborts. */
  sleep: (ms: number, signal: AbortSignal) => Promise<void>
}

export const systemClock: RunClock = {
  now: () => Date.now(),
  sleep: (ms, signal) =>
    new Promise<void>((resolve, reject) => {
      if (signal.aborted) return reject(signal.reason)
      const onAbort = () => {
        clearTimeout(timer)
        reject(signal.reason)
      }
      const timer = setTimeout(
        () => {
          signal.removeEventListener('abort', onAbort)
          resolve()
        },
        Math.max(0, ms),
      )
      signal.addEventListener('abort', onAbort, { once: true })
    }),
}

/** MPSD's budgets per service; `off` paces nothing (the bench, a simulator without throttling). */
export type RunPacing = 'off' | Partial<Record<RunService, readonly Budget[]>>

export const DEFAULT_PACING: Partial<Record<RunService, readonly Budget[]>> = {
  mpsd: MPSD_BUDGETS,
}

export const MAX_THROTTLES_PER_STEP = 3
export const DEFAULT_RETRY_AFTER_MS = 15_000
export const MAX_RETRY_AFTER_MS = 15 * 60_000

export type RunOptions = {
  send: StepSend
  clock?: RunClock
  /** Abort with reason 'pause' to pause, anything else to cancel. */
  signal?: AbortSignal
  pacing?: RunPacing
  /** Earlier call times per service (recent History), so a run cannot burst past MPSD's budget. */
  seedSpent?: Partial<Record<RunService, readonly number[]>>
  onUpdate?: (state: RunState) => void
}

export function initialRunState(steps: readonly RunStep[]): RunState {
  return {
    status: 'ready',
    next: 0,
    results: steps.map((step) => ({
      index: step.index,
      iteration: step.iteration,
      label: step.label,
      presetName: step.presetName,
      method: step.wire.method,
      path: step.wire.path,
      outcome: 'notRun',
      expectations: [],
    })),
  }
}

function retryAfterOf(answer: StepAnswer, now: number): number {
  const value = answer.headers.find(([name]) => name.toLowerCase() === 'retry-after')?.[1]?.trim()
  if (value && /^\d+$/.test(value)) return Math.min(Number(value) * 1000, MAX_RETRY_AFTER_MS)
  const date = value ? Date.parse(value) : Number.NaN
  if (!Number.isNaN(date)) return Math.min(Math.max(0, date - now), MAX_RETRY_AFTER_MS)
  return DEFAULT_RETRY_AFTER_MS
}

/** A call that got no answer from MPSD: an error, not a failed expectation. */
function resultOf(base: StepResult, answer: StepAnswer, now: number): StepResult {
  const common = {
    ...base,
    durationMs: answer.durationMs,
    at: now,
    ...(answer.status ? { status: answer.status } : {}),
    ...(answer.historyId ? { historyId: answer.historyId } : {}),
  }
  return { ...common, outcome: 'error', error: answer.error ?? 'No answer', expectations: [] }
}

/** Runs from `state.next` until the end, a pause or a cancel; resolves with the final state. */
export async function runSteps(
  steps: readonly RunStep[],
  start: RunState,
  options: RunOptions,
): Promise<RunState> {
  const clock = options.clock ?? systemClock
  const signal = options.signal ?? new AbortController().signal
  const pacing = options.pacing ?? DEFAULT_PACING
  const buckets = new Map<RunService, TokenBucket>()
  const bucketOf = (service: RunService): TokenBucket | undefined => {
    if (pacing === 'off') return undefined
    const budgets = pacing[service]
    if (!budgets) return undefined
    let bucket = buckets.get(service)
    if (!bucket) {
      bucket = createTokenBucket({
        budgets,
        now: clock.now,
        spent: options.seedSpent?.[service] ?? [],
      })
      buckets.set(service, bucket)
    }
    return bucket
  }
  let state: RunState = {
    ...start,
    status: 'running',
    startedAt: start.startedAt ?? clock.now(),
    results: [...start.results],
  }
  const update = (next: RunState) => {
    state = next
    options.onUpdate?.(state)
  }
  update(state)
  const stopped = (): RunState | undefined => {
    if (!signal.aborted) return undefined
    if (signal.reason === 'pause') return { ...state, status: 'paused' }
    return { ...state, status: 'cancelled', finishedAt: clock.now() }
  }

  while (state.next < steps.length) {
    const stop = stopped()
    if (stop) return (update(stop), state)
    const step = steps[state.next]
    const base = state.results[state.next]
    if (!step || !base) break
    const bucket = bucketOf(step.service)
    let throttles = 0
    let result: StepResult | undefined
    while (!result) {
      const wait = bucket?.waitMs(clock.now()) ?? 0
      if (wait > 0) {
        try {
          await clock.sleep(wait, signal)
        } catch {
          const halted = stopped()
          if (halted) return (update(halted), state)
        }
        continue
      }
      let answer: StepAnswer
      try {
        answer = await options.send(step, new AbortController().signal)
      } catch (error) {
        answer = {
          status: 0,
          headers: [],
          bodyText: '',
          durationMs: 0,
          error: error instanceof Error ? error.message : String(error),
        }
      }
      const now = clock.now()
      bucket?.take(now)
      if (answer.status === 429 && answer.error === undefined) {
        throttles++
        if (throttles < MAX_THROTTLES_PER_STEP) {
          const retryAfter = retryAfterOf(answer, now)
          bucket?.blockUntil(now + retryAfter)
          if (!bucket) {
            try {
              await clock.sleep(retryAfter, signal)
            } catch {
              // Paused or cancelled while waiting: MPSD created nothing, the step is not run.
              const halted = stopped()
              if (halted) return (update(halted), state)
            }
          }
          continue
        }
      }
      result =
        answer.error !== undefined ? resultOf(base, answer, now) : checked(step, base, answer, now)
    }
    const results = [...state.results]
    results[state.next] = result
    update({ ...state, results, next: state.next + 1 })
  }
  const stop = stopped()
  if (stop?.status === 'cancelled') return (update(stop), state)
  update({ ...state, status: 'done', finishedAt: clock.now() })
  return state
}

function checked(step: RunStep, base: StepResult, answer: StepAnswer, now: number): StepResult {
  const expectations = evaluateExpectations(step.request.expect, { ...answer, now })
  const rule = SIM_RULE_HEADER.toLowerCase()
  const simRule = answer.headers.find(([name]) => name.toLowerCase() === rule)?.[1]
  return {
    ...base,
    ...(simRule ? { simRule } : {}),
    status: answer.status,
    durationMs: answer.durationMs,
    at: now,
    ...(answer.historyId ? { historyId: answer.historyId } : {}),
    outcome: allPassed(expectations) ? 'passed' : 'failed',
    expectations,
  }
}

export type RunSummary = {
  steps: number
  passed: number
  failed: number
  errors: number
  notRun: number
}

export function summarize(state: RunState): RunSummary {
  const count = (outcome: StepOutcome) => state.results.filter((r) => r.outcome === outcome).length
  return {
    steps: state.results.length,
    passed: count('passed'),
    failed: count('failed'),
    errors: count('error'),
    notRun: count('notRun'),
  }
}
