// Records that no longer match the schema are set aside in the `quarantine` store, never dropped
// silently and never a crash; History shows how many. History's reads and the runs store use it.
import type { StoreNames } from 'idb'
import { openWorkbenchDB, type WorkbenchDatabase, type WorkbenchDB } from '../../lib/db'

/** A store whose damaged records can be set aside: any but the quarantine itself. */
export type QuarantinableStore = Exclude<StoreNames<WorkbenchDB>, 'quarantine'>

export async function quarantine(
  db: WorkbenchDatabase,
  store: QuarantinableStore,
  records: Array<{ id: string; record: unknown; reason: string }>,
): Promise<void> {
  const tx = db.transaction([store, 'quarantine'], 'readwrite')
  for (const { id, record, reason } of records) {
    // Two reads of the same record (the list and the detail, a poll and another tab's refresh)
    // must set it aside once.
    if ((await tx.objectStore(store).getKey(id)) === undefined) continue
    await tx.objectStore('quarantine').add({ store, key: id, record, reason, at: Date.now() })
    await tx.objectStore(store).delete(id)
  }
  await tx.done
}

export async function countQuarantined(): Promise<number> {
  const db = await openWorkbenchDB()
  return db.count('quarantine')
}
