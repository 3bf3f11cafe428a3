// Runs of presets in IndexedDB (the `runs` store, decision 120), so the Runs view lists them, with
// their results and exports, after a reload. Records are checked on read; a corrupt one is set
// aside in `quarantine` with the reason, never shown half-read or deleted silently. Every write
// announces itself so other tabs refresh (changes-channel).
import { openWorkbenchDB } from '../../lib/db'
import { quarantine } from '../history/history-quarantine'
import { redactKnownSecrets } from '../settings/known-secrets'
import { announceChange } from '../sync/changes-channel'
import { interruptedRun, isUnfinished, storedRunSchema, type StoredRun } from './run-record'

/**
 * Runs kept, newest first: 20. A run holds every step's result (about 400 bytes each, so a
 * 1,000-step run is some 400 KB) and the view reads them all to list them; 20 keeps that read and
 * the store small (under 10 MB even for long runs) while covering a day of trying things. An
 * older run loses only its summary: every call it made is still in History.
 */
export const RUNS_KEPT = 20

/** Writes the run (a token typed into a preset by mistake is redacted, as in every store). */
export async function saveRun(run: StoredRun): Promise<void> {
  const clean = redactKnownSecrets(storedRunSchema.parse(run))
  const db = await openWorkbenchDB()
  await db.put('runs', clean)
  announceChange('runs')
}

export async function deleteRun(id: string): Promise<void> {
  const db = await openWorkbenchDB()
  await db.delete('runs', id)
  announceChange('runs')
}

/** Drops all but the newest `keep` runs; returns how many went. */
export async function pruneRuns(keep: number = RUNS_KEPT): Promise<number> {
  const db = await openWorkbenchDB()
  const keys = await db.getAllKeysFromIndex('runs', 'createdAt')
  const old = keys.slice(0, Math.max(0, keys.length - keep))
  if (old.length === 0) return 0
  const tx = db.transaction('runs', 'readwrite')
  for (const key of old) void tx.store.delete(key)
  await tx.done
  announceChange('runs')
  return old.length
}

export type ListRunsOptions = {
  /** Is this run being sent (or held paused) by a tab still open? Such a run is not interrupted. */
  isLive?: (id: string) => Promise<boolean>
}

/**
 * Every readable run, newest first. One that was going or paused when its page went away (no open
 * tab holds it) reads as interrupted (run-record.ts); the stored copy is left as it is, so a read
 * can never overwrite a run another tab is still writing.
 */
export async function listRuns(options: ListRunsOptions = {}): Promise<StoredRun[]> {
  const db = await openWorkbenchDB()
  const records = await db.getAllFromIndex('runs', 'createdAt')
  const runs: StoredRun[] = []
  const corrupt: Array<{ id: string; record: unknown; reason: string }> = []
  for (const record of records) {
    const parsed = storedRunSchema.safeParse(record)
    if (parsed.success) runs.push(parsed.data)
    else
      corrupt.push({
        id: record.id,
        record,
        reason: parsed.error.issues
          .slice(0, 3)
          .map((issue) => `${issue.path.join('.') || '(record)'}: ${issue.message}`)
          .join('; '),
      })
  }
  // The 2 s poll and another tab's refresh can read the same damaged run: it is set aside once.
  if (corrupt.length > 0) await quarantine(db, 'runs', corrupt)
  const shown = await Promise.all(
    runs.map(async (run) =>
      isUnfinished(run) && !(await options.isLive?.(run.id)) ? interruptedRun(run) : run,
    ),
  )
  return shown.reverse()
}
