// The one batch a page runs at a time, held at module level (not in a component), so leaving the
// Compose page does not stop or fork a run: the panel subscribes when it mounts again. A Web Lock
// per run (taken only if free) keeps a second tab from resuming or cancelling a run this tab is
// sending.
import { REDACTED } from '../../mpsd/redact'
import type { SendSettings } from '../settings/settings-queries'
import {
  isResumable,
  newBatchRun,
  requeueFailed,
  type BatchRun,
  type BatchTemplate,
  type SkippedEntry,
} from './batch-run'
import { runBatch, type BatchSend, type StopReason } from './batch-runner'
import { createRecordingSend } from './batch-send'
import { getBatchRun, pruneBatchRuns, recentCallTimes, saveBatchRun } from './batch-store'
import type { Budget } from './token-bucket'

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
  /** Called after each step, e.g. to refresh History and the Handles ledger. */
  onStep?: (run: BatchRun) => void
  /** For tests: a send other than sendAndRecord. */
  send?: BatchSend
}

function lockName(id: string) {
  return `handles-workbench:batch:${id}`
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

async function drive(run: BatchRun, options: DriveOptions): Promise<BatchRun> {
  if (live?.controller) throw new Error('A batch is already running in this tab.')
  const controller = new AbortController()
  live = { run, controller }
  emit()
  const longest = Math.max(0, ...run.budgets.map((b) => b.windowMs))
  const body = async (granted: unknown = true) => {
    // Another tab holds this run's lock: it is sending it. Waiting for the lock and then sending
    // our older copy would send every XUID it sent meanwhile a second time.
    if (!granted)
      throw new Error('This run is being sent in another tab. Resume or cancel it there.')
    // Inside the lock, the stored copy is the truth: another tab may have moved it on.
    const stored = await getBatchRun(run.id).catch(() => undefined)
    if (stored && stored.updatedAt > run.updatedAt) {
      if (!isResumable(stored)) return stored
      run = stored
    }
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
      persist: async (next) => {
        try {
          await saveBatchRun(next)
        } catch {
          // IndexedDB refused (quota, private mode): the run goes on in memory; only resumability is lost.
        }
      },
      onUpdate: (next) => {
        live = { run: next, controller }
        emit()
        options.onStep?.(next)
      },
    })
  }
  try {
    const locks = typeof navigator === 'undefined' ? undefined : navigator.locks
    const final = locks?.request
      ? ((await locks.request(lockName(run.id), { ifAvailable: true }, body)) as BatchRun)
      : await body()
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
    const { upstream } = (await options.settings()).settings
    const run = newBatchRun({ ...input, upstream })
    await saveBatchRun(run).catch(() => undefined)
    void pruneBatchRuns().catch(() => 0)
    const driving = drive(run, options)
    starting = false
    return await driving
  } finally {
    starting = false
  }
}

export function resumeBatch(run: BatchRun, options: DriveOptions): Promise<BatchRun> {
  // A token typed into the form was replaced by <redacted> before the run was stored: resuming would
  // send that placeholder in its place.
  if (JSON.stringify(run.template).includes(REDACTED)) {
    return Promise.reject(
      new Error(
        'This run’s request held a secret that was not stored. Start a new batch from the form.',
      ),
    )
  }
  return drive(run, options)
}

export function retryFailed(run: BatchRun, options: DriveOptions): Promise<BatchRun> {
  return drive(requeueFailed(run), options)
}

/** Pause or Cancel. A stored (not running) run is cancelled in place. */
export async function stopBatch(reason: StopReason, stored?: BatchRun): Promise<void> {
  if (live?.controller) {
    live.controller.abort(reason)
    return
  }
  if (reason === 'cancel' && stored) {
    // Its next step would overwrite a cancel written here: the sending tab must cancel it.
    if (await isRunHeldElsewhere(stored.id))
      throw new Error('This run is being sent in another tab. Cancel it there.')
    const cancelled: BatchRun = {
      ...stored,
      state: 'cancelled',
      updatedAt: Date.now(),
      note: 'Cancelled. The XUIDs left were not sent.',
      items: stored.items.map((i) => (i.status === 'pending' ? { ...i, status: 'cancelled' } : i)),
    }
    live = { run: cancelled, controller: undefined }
    emit()
    await saveBatchRun(cancelled)
  }
}

/** For tests: forget the module state. */
export function resetBatchController(): void {
  live?.controller?.abort('cancel')
  live = undefined
  emit()
}
