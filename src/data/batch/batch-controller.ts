// The one batch a page runs at a time, held at module level (not in a component), so leaving the
// Compose page does not stop or fork a run: the panel subscribes when it mounts again. A Web Lock
// per run (taken only if free) keeps a second tab from resuming, retrying or discarding a run this
// tab is sending; a start lock keeps two tabs from starting batches past a resumable run at once.
import { REDACTED } from '../../mpsd/redact'
import type { SendSettings } from '../settings/settings-queries'
import {
  isResumable,
  newBatchRun,
  recoverRun,
  requeueFailed,
  type BatchRun,
  type BatchTemplate,
  type SkippedEntry,
} from './batch-run'
import {
  discardRun,
  discardSummary,
  mergeRunCopies,
  reconcileWithHistory,
  xuidsToReconcile,
} from './batch-reconcile'
import { runBatch, type BatchSend, type Clock, type StopReason } from './batch-runner'
import { createRecordingSend } from './batch-send'
import {
  batchCallsInHistory,
  getBatchRun,
  latestBatchRun,
  pruneBatchRuns,
  recentCallTimes,
  saveBatchRun,
} from './batch-store'
import type { Budget } from '../../mpsd/token-bucket'

type Live = { run: BatchRun; controller: AbortController | undefined }

let live: Live | undefined
// Set from the click until drive() takes over, so a double click cannot start a second run.
let starting = false
const listeners = new Set<() => void>()

function emit() {
  for (const listener of listeners) listener()
}

export function subscribeBatch(listener: () => void): () => void {
  listeners.add(listener)
  return () => listeners.delete(listener)
}

/** The run this page is driving (or last drove), or undefined. Stable between changes. */
export function getLiveBatch(): Live | undefined {
  return live
}

export function isDriving(): boolean {
  return live?.controller !== undefined
}

export type DriveOptions = {
  /** The settings of the moment (from the settings query): upstream, contract version, token. */
  settings: () => Promise<SendSettings>
  /**
   * Where and as whom a new run goes, pinned when it starts: Compose's target (the active
   * environment's upstream and actAs, decision 131). Settings' upstream and Act as when absent.
   */
  target?: () => Promise<{ upstream: string; actAs: string }>
  /** Called after each step, e.g. to refresh History and the Handles ledger. */
  onStep?: (run: BatchRun) => void
  /** For tests: a send other than sendAndRecord. */
  send?: BatchSend
  /** For tests: a clock other than the real one. */
  clock?: Clock
}

/**
 * "Send invites" while a run can still be resumed: it is not started. The run must be resumed or
 * discarded first, or its XUIDs already invited would be invited again and its results lost.
 */
export class BatchBlockedError extends Error {
  readonly run: BatchRun
  readonly heldElsewhere: boolean
  constructor(run: BatchRun, heldElsewhere: boolean) {
    super(blockedMessage(run, heldElsewhere))
    this.name = 'BatchBlockedError'
    this.run = run
    this.heldElsewhere = heldElsewhere
  }
}

export function blockedMessage(run: BatchRun, heldElsewhere: boolean): string {
  const { invited, total, left } = discardSummary(run)
  if (heldElsewhere)
    return `Another tab is sending a batch (${invited} of ${total} invited so far). Pause or cancel it there before starting another.`
  return `This batch is ${run.state === 'paused' ? 'paused' : 'unfinished'}: ${invited} of ${total} already invited, ${left} left. Resume it or discard it before starting another.`
}

const START_LOCK = 'handles-workbench:batch-start'

function lockName(id: string) {
  return `handles-workbench:batch:${id}`
}

/**
 * Runs `body` holding the Web Lock `name`; with `ifAvailable`, `body` learns whether it got it.
 * Without Web Locks (old browsers), it runs as if granted: a known limit (decision 050).
 */
async function withLock<T>(
  name: string,
  mode: 'wait' | 'ifAvailable',
  body: (granted: boolean) => Promise<T>,
): Promise<T> {
  const locks = typeof navigator === 'undefined' ? undefined : navigator.locks
  if (!locks?.request) return body(true)
  return (await locks.request(name, mode === 'ifAvailable' ? { ifAvailable: true } : {}, (lock) =>
    body(lock !== null),
  )) as T
}

/** Is this run being sent by another tab? (Web Locks; without them, assume not.) */
export async function isRunHeldElsewhere(id: string): Promise<boolean> {
  if (live?.run.id === id && live.controller) return false
  const locks = typeof navigator === 'undefined' ? undefined : navigator.locks
  if (!locks?.query) return false
  try {
    const state = await locks.query()
    return (state.held ?? []).some((l) => l.name === lockName(id))
  } catch {
    return false
  }
}

/**
 * Called holding the run's lock, so no tab is sending it: the stored copy, this tab's copy and
 * History's answers brought into one, and an XUID still 'sending' settled (recoverRun).
 */
async function settle(run: BatchRun, now: number): Promise<BatchRun> {
  const stored = await getBatchRun(run.id).catch(() => undefined)
  let current = stored ? mergeRunCopies(stored, run) : run
  const xuids = xuidsToReconcile(current)
  if (xuids.length > 0) {
    const calls = await batchCallsInHistory(current.id, xuids).catch(() => [])
    current = reconcileWithHistory(current, calls)
  }
  return recoverRun(current, now)
}

/** A resumable run in the way of a new one: this tab's, or the one the page shows. */
async function findBlockingRun(): Promise<BatchRun | undefined> {
  if (live && !live.controller && isResumable(live.run)) {
    const stored = await getBatchRun(live.run.id).catch(() => undefined)
    const current = stored ? mergeRunCopies(stored, live.run) : live.run
    if (isResumable(current)) return current
  }
  const latest = await latestBatchRun({ isHeldElsewhere: isRunHeldElsewhere }).catch(() => null)
  return latest && isResumable(latest) ? latest : undefined
}

async function persistQuietly(run: BatchRun) {
  try {
    await saveBatchRun(run)
  } catch {
    // IndexedDB refused (quota, private mode): the run goes on in memory; only resumability is lost.
  }
}

async function drive(
  run: BatchRun,
  options: DriveOptions,
  prepare: (run: BatchRun) => BatchRun = (r) => r,
): Promise<BatchRun> {
  if (live?.controller) throw new Error('A batch is already running in this tab.')
  const controller = new AbortController()
  live = { run, controller }
  emit()
  const now = options.clock?.now ?? Date.now
  const longest = Math.max(0, ...run.budgets.map((b) => b.windowMs))
  const body = async (granted: boolean) => {
    // Another tab holds this run's lock: it is sending it. Waiting for the lock and then sending
    // our older copy would send every XUID it sent meanwhile a second time.
    if (!granted)
      throw new Error('This run is being sent in another tab. Resume or cancel it there.')
    const settled = await settle(run, now())
    const ready = prepare(settled)
    if (!isResumable(ready)) {
      if (ready !== run) await persistQuietly(ready)
      return ready
    }
    run = ready
    const seedSpent = await recentCallTimes(longest, { excludeBatchId: run.id }).catch(() => [])
    const send =
      options.send ??
      createRecordingSend({
        contractVersion: (await options.settings()).settings.contractVersion,
        settings: options.settings,
      })
    return runBatch(run, {
      send,
      signal: controller.signal,
      seedSpent,
      ...(options.clock ? { clock: options.clock } : {}),
      persist: persistQuietly,
      onUpdate: (next) => {
        live = { run: next, controller }
        emit()
        options.onStep?.(next)
      },
    })
  }
  try {
    const final = await withLock(lockName(run.id), 'ifAvailable', body)
    live = { run: final, controller: undefined }
    return final
  } catch (error) {
    live = { run: live?.run ?? run, controller: undefined }
    throw error
  } finally {
    emit()
  }
}

export async function startBatch(
  input: {
    template: BatchTemplate
    xuids: readonly string[]
    skipped: readonly SkippedEntry[]
    budgets: readonly Budget[]
  },
  options: DriveOptions,
): Promise<BatchRun> {
  if (isDriving() || starting) throw new Error('A batch is already running in this tab.')
  starting = true
  try {
    const { upstream, actAs } = options.target
      ? await options.target()
      : (await options.settings()).settings
    // Looked for and created under one lock: two tabs pressing Send at once cannot both pass.
    const run = await withLock(START_LOCK, 'wait', async () => {
      const blocking = await findBlockingRun()
      if (blocking) throw new BatchBlockedError(blocking, await isRunHeldElsewhere(blocking.id))
      const created = newBatchRun({
        ...input,
        upstream,
        actAs,
        ...(options.clock ? { now: options.clock.now() } : {}),
      })
      await saveBatchRun(created).catch(() => undefined)
      return created
    })
    void pruneBatchRuns().catch(() => 0)
    const driving = drive(run, options)
    starting = false
    return await driving
  } finally {
    starting = false
  }
}

// A token typed into the form was replaced by <redacted> before the run was stored: sending again
// would send that placeholder in its place.
function refuseRedacted(run: BatchRun): Error | undefined {
  if (!JSON.stringify(run.template).includes(REDACTED)) return undefined
  return new Error(
    'This run’s request held a secret that was not stored. Start a new batch from the form.',
  )
}

/** Resume: the run's own request and XUIDs, from where it stopped; none invited twice. */
export function resumeBatch(run: BatchRun, options: DriveOptions): Promise<BatchRun> {
  const refused = refuseRedacted(run)
  return refused ? Promise.reject(refused) : drive(run, options)
}

/** "Retry failed": only XUIDs that failed go again, never one that had a 2xx in this run. */
export function retryFailed(run: BatchRun, options: DriveOptions): Promise<BatchRun> {
  const refused = refuseRedacted(run)
  if (refused) return Promise.reject(refused)
  const now = options.clock?.now ?? Date.now
  return drive(run, options, (settled) =>
    settled.items.some((i) => i.status === 'failed' && i.invitedAt === undefined)
      ? requeueFailed(settled, now())
      : settled,
  )
}

/** Pause or Cancel the run this tab is sending (after the request in flight). */
export function stopBatch(reason: StopReason): void {
  live?.controller?.abort(reason)
}

/**
 * "Discard run": a paused or unfinished run ends where it is, so another can start. Its invites
 * stay in History and the Handles ledger; the XUIDs it did not reach are marked not sent.
 */
export async function discardBatch(shown: BatchRun): Promise<BatchRun> {
  if (live?.controller) throw new Error('This tab is sending a batch: pause or cancel it first.')
  const discarded = await withLock(lockName(shown.id), 'ifAvailable', async (granted) => {
    // Its next step would overwrite a discard written here: the sending tab must stop it.
    if (!granted)
      throw new Error('This run is being sent in another tab. Pause or cancel it there.')
    const settled = await settle(shown, Date.now())
    // Finished or discarded meanwhile (another tab): nothing to discard, show it as it is.
    const next = isResumable(settled) ? discardRun(settled) : settled
    await saveBatchRun(next)
    return next
  })
  live = { run: discarded, controller: undefined }
  emit()
  return discarded
}

/** For tests: forget the module state. */
export function resetBatchController(): void {
  live?.controller?.abort('cancel')
  live = undefined
  starting = false
  emit()
}
