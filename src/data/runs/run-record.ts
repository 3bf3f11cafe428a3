// A run of presets as the `runs` store keeps it (decision 120): its name and every step's result,
// what the Runs view shows and exports (JUnit, JSON) after a reload. Not the requests it sent: a
// stored run is read, never resumed (its calls are in History), so no resolved variable, secret or
// not, is kept beside it. Validated on read, like every store.
import { z } from 'zod'
import type { RunStatus, RunState, StepResult } from '../../mpsd/run/run-steps'

const expectationResultSchema = z.object({
  label: z.string(),
  passed: z.boolean(),
  message: z.string(),
})

const stepResultSchema = z.object({
  index: z.number().int().nonnegative(),
  iteration: z.number().int().nonnegative(),
  label: z.string(),
  presetName: z.string(),
  method: z.string(),
  path: z.string(),
  outcome: z.enum(['passed', 'failed', 'error', 'notRun']),
  status: z.number().optional(),
  durationMs: z.number().optional(),
  at: z.number().optional(),
  expectations: z.array(expectationResultSchema),
  error: z.string().optional(),
  historyId: z.string().optional(),
  simRule: z.string().optional(),
}) satisfies z.ZodType<StepResult>

const runStateSchema = z.object({
  status: z.enum(['ready', 'running', 'paused', 'cancelled', 'done', 'interrupted']),
  startedAt: z.number().optional(),
  finishedAt: z.number().optional(),
  results: z.array(stepResultSchema),
  next: z.number().int().nonnegative(),
}) satisfies z.ZodType<RunState>

export const storedRunSchema = z.object({
  id: z.string().min(1),
  createdAt: z.number(),
  /** The last write: when an interrupted run was last known to be going. */
  updatedAt: z.number(),
  name: z.string(),
  /** Data rows: the results table shows a Row column when there are several. */
  iterations: z.number().int().positive(),
  state: runStateSchema,
})
export type StoredRun = z.infer<typeof storedRunSchema>

export function runId(createdAt: number, random: string = crypto.randomUUID()): string {
  // Sorts by time, like History ids and batch runs.
  return `${Math.max(0, Math.floor(createdAt)).toString(36).padStart(10, '0')}-${random}`
}

const UNFINISHED: readonly RunStatus[] = ['ready', 'running', 'paused']

/**
 * Is the run going: the one definition the controller, the Runs view and the stored runs' reading
 * share. `ready` counts: a run is ready from Start until its first step goes (its first write, the
 * prune and History's recent calls are awaited first), and a second Start then would send every
 * step twice. A stored run no tab is sending can be going only if its page went away while it was.
 */
export function isUnfinished(run: { state?: Pick<RunState, 'status'> | undefined }): boolean {
  return run.state !== undefined && UNFINISHED.includes(run.state.status)
}

export const INTERRUPTED_STEP_NOTE =
  'Not run: the page closed at this step, so it may have been sent; check History'

/**
 * A run whose page closed while it was going or paused, as it is shown: interrupted, finished at
 * its last write. A running one's next step is marked: its call may have reached the service
 * before the page went (History has it if its answer came back). A paused run sent nothing more.
 */
export function interruptedRun(run: StoredRun): StoredRun {
  if (!isUnfinished(run)) return run
  const results = run.state.results.map((result): StepResult =>
    run.state.status === 'running' && result.index === run.state.next && result.outcome === 'notRun'
      ? { ...result, error: INTERRUPTED_STEP_NOTE }
      : result,
  )
  return {
    ...run,
    state: { ...run.state, status: 'interrupted', finishedAt: run.updatedAt, results },
  }
}
