// Retention: the oldest History entries go once the entry or age limit (Settings) is passed, in the
// background, and the user is told why (prune notice).
import { openWorkbenchDB, type WorkbenchDatabase } from '../../lib/db'
import { announceChange } from '../sync/changes-channel'
import { historyIdBound } from './history-entry'
import { writePruneNotice } from './prune-notice'

export type Retention = { maxEntries: number; maxAgeDays: number }
export const DEFAULT_RETENTION: Retention = { maxEntries: 100_000, maxAgeDays: 90 }

/** Counting 100,000 records takes IndexedDB about 0.3 s: retention runs in the background, not on
 * every Send, at most once a minute or every 200 writes (so History can pass its limit by that many
 * for a moment). */
const PRUNE_EVERY_WRITES = 200
const PRUNE_EVERY_MS = 60_000
let writesSincePrune = PRUNE_EVERY_WRITES
let lastPruneAt = 0

export function schedulePrune(retention: Retention): void {
  writesSincePrune++
  const now = Date.now()
  if (writesSincePrune < PRUNE_EVERY_WRITES && now - lastPruneAt < PRUNE_EVERY_MS) return
  writesSincePrune = 0
  lastPruneAt = now
  void pruneHistory(retention, now)
    .then((removed) => {
      if (removed > 0) announceChange('history')
    })
    .catch(() => {
      // The next write tries again; nothing was removed.
      writesSincePrune = PRUNE_EVERY_WRITES
    })
}

export async function deleteOldest(db: WorkbenchDatabase, count: number): Promise<number> {
  if (count <= 0) return 0
  const keys = await db.getAllKeys('history', null, count)
  const last = keys.at(-1)
  if (last === undefined) return 0
  await db.delete('history', IDBKeyRange.upperBound(last))
  return keys.length
}

/** Applies the retention limits; returns how many entries went. */
export async function pruneHistory(
  retention: Retention,
  now: number = Date.now(),
): Promise<number> {
  const db = await openWorkbenchDB()
  let removed = 0
  const tooOld = IDBKeyRange.upperBound(
    historyIdBound(now - retention.maxAgeDays * 86_400_000),
    true,
  )
  const old = await db.count('history', tooOld)
  if (old > 0) {
    await db.delete('history', tooOld)
    writePruneNotice({ at: now, removed: old, reason: 'age' })
    removed += old
  }
  const excess = (await db.count('history')) - retention.maxEntries
  if (excess > 0) {
    const gone = await deleteOldest(db, excess)
    writePruneNotice({ at: now, removed: gone, reason: 'count' })
    removed += gone
  }
  return removed
}
