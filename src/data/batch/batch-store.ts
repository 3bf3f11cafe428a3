// Batch runs in IndexedDB (the batchRuns store): written after every step of a run, so a reload
// can resume it. Read back through zod; a corrupt record is set aside in quarantine, not crashed on.
import { openWorkbenchDB } from '../../lib/db'
import { announceChange } from '../sync/changes-channel'
import { redactKnownSecrets } from '../settings/known-secrets'
import { historyEntrySchema, historyIdBound, type HistoryEntry } from '../history/history-entry'
import { batchRunSchema, isResumable, recoverRun, type BatchRun } from './batch-run'
import { reconcileWithHistory, xuidsToReconcile } from './batch-reconcile'

/** Finished runs kept; older ones go first (the History keeps every call anyway). */
export const BATCH_RUNS_KEPT = 50

export async function saveBatchRun(run: BatchRun): Promise<void> {
  const db = await openWorkbenchDB()
  await db.put('batchRuns', redactKnownSecrets(batchRunSchema.parse(run)))
  announceChange('batch')
}

async function readRecords(records: unknown[]): Promise<BatchRun[]> {
  const runs: BatchRun[] = []
  const corrupt: Array<{ key: string; record: unknown; reason: string }> = []
  for (const record of records) {
    const parsed = batchRunSchema.safeParse(record)
    if (parsed.success) runs.push(parsed.data)
    else {
      const key = String((record as { id?: unknown } | null)?.id ?? '')
      corrupt.push({
        key,
        record,
        reason: parsed.error.issues
          .slice(0, 3)
          .map((i) => `${i.path.join('.')}: ${i.message}`)
          .join('; '),
      })
    }
  }
  if (corrupt.length > 0) {
    const db = await openWorkbenchDB()
    const tx = db.transaction(['batchRuns', 'quarantine'], 'readwrite')
    for (const { key, record, reason } of corrupt) {
      void tx
        .objectStore('quarantine')
        .add({ store: 'batchRuns', key, record, reason, at: Date.now() })
      void tx.objectStore('batchRuns').delete(key)
    }
    await tx.done
  }
  return runs
}

export async function getBatchRun(id: string): Promise<BatchRun | undefined> {
  const db = await openWorkbenchDB()
  const record = await db.get('batchRuns', id)
  if (record === undefined) return undefined
  const [run] = await readRecords([record])
  return run
}

/** Newest first. */
export async function listBatchRuns(): Promise<BatchRun[]> {
  const db = await openWorkbenchDB()
  const records = await db.getAllFromIndex('batchRuns', 'createdAt')
  return (await readRecords(records)).reverse()
}

/**
 * The run to show on the Compose page, recovered if the page died while it ran (see recoverRun), or
 * null when there is none: the newest run that can still be resumed, else the newest run. A
 * resumable run comes first because no batch starts until it is resumed or discarded.
 */
export async function latestBatchRun(
  options: { now?: number; isHeldElsewhere?: (id: string) => Promise<boolean> } = {},
): Promise<BatchRun | null> {
  const runs = await listBatchRuns()
  const shown = async (run: BatchRun) => {
    if (recoverRun(run, options.now) === run) return run
    // Still being sent by another tab: show it as it is, do not take it over.
    if (await options.isHeldElsewhere?.(run.id)) return run
    // An answer History kept but the run did not (the page closed in between) is not "unknown".
    const calls = await batchCallsInHistory(run.id, xuidsToReconcile(run)).catch(() => [])
    const recovered = recoverRun(reconcileWithHistory(run, calls), options.now)
    await saveBatchRun(recovered)
    return recovered
  }
  for (const run of runs) {
    if (!isResumable(run)) continue
    const current = await shown(run)
    if (isResumable(current)) return current
  }
  const [latest] = runs
  return latest ? shown(latest) : null
}

export async function pruneBatchRuns(keep: number = BATCH_RUNS_KEPT): Promise<number> {
  const db = await openWorkbenchDB()
  const keys = await db.getAllKeysFromIndex('batchRuns', 'createdAt')
  const old = keys.slice(0, Math.max(0, keys.length - keep))
  for (const key of old) await db.delete('batchRuns', key)
  if (old.length > 0) announceChange('batch')
  return old.length
}

/**
 * When this browser called MPSD in the last `windowMs` (every call is in History), so pacing counts
 * single Sends and other runs too. The run being resumed is left out: its own spends are in its
 * record, timed more conservatively (when the answer came).
 */
export async function recentCallTimes(
  windowMs: number,
  options: { now?: number; excludeBatchId?: string } = {},
): Promise<number[]> {
  const now = options.now ?? Date.now()
  const db = await openWorkbenchDB()
  const records = await db.getAll('history', IDBKeyRange.lowerBound(historyIdBound(now - windowMs)))
  return records.flatMap((record) => {
    const parsed = historyEntrySchema.safeParse(record)
    if (
      !parsed.success ||
      parsed.data.imported ||
      (options.excludeBatchId && parsed.data.batchId === options.excludeBatchId)
    )
      return []
    // The answer's arrival bounds when MPSD counted the call.
    return [parsed.data.startedAt + parsed.data.durationMs]
  })
}

export type RecentRequest = {
  at: number
  method: string
  path: string
  body: string | undefined
  xuid: string | undefined
}

/** Calls of the last `windowMs`, for the pre-send lint (the same request twice within 5 s). */
export async function recentRequests(
  windowMs: number,
  now: number = Date.now(),
): Promise<RecentRequest[]> {
  const db = await openWorkbenchDB()
  const records = await db.getAll('history', IDBKeyRange.lowerBound(historyIdBound(now - windowMs)))
  return records.flatMap((record) => {
    const parsed = historyEntrySchema.safeParse(record)
    if (!parsed.success || parsed.data.imported) return []
    const { startedAt, request, xuid } = parsed.data
    return [{ at: startedAt, method: request.method, path: request.path, body: request.body, xuid }]
  })
}

/** History's calls of one batch run for these XUIDs (for batch-reconcile), by the xuid index. */
export async function batchCallsInHistory(
  batchId: string,
  xuids: readonly string[],
): Promise<HistoryEntry[]> {
  if (xuids.length === 0) return []
  const db = await openWorkbenchDB()
  const found: HistoryEntry[] = []
  for (const xuid of xuids) {
    for (const record of await db.getAllFromIndex('history', 'xuid', xuid)) {
      const parsed = historyEntrySchema.safeParse(record)
      if (parsed.success && parsed.data.batchId === batchId && !parsed.data.imported)
        found.push(parsed.data)
    }
  }
  return found
}
