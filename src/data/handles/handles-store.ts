// The invite-handle ledger in IndexedDB. Handles are filed by the history store when an invite
// answers 201; this module reads them and records checks and revocations.
import { openWorkbenchDB } from '../../lib/db'
import { announceChange } from '../sync/changes-channel'
import { handleRecordSchema, type HandleCheck, type HandleRecord } from './handle-record'

export type HandlesList = { handles: HandleRecord[]; setAside: number }

/** Every handle, newest first. Unreadable records are moved to quarantine and counted. */
export async function listHandles(): Promise<HandlesList> {
  const db = await openWorkbenchDB()
  const records = await db.getAllFromIndex('handles', 'createdAt')
  const handles: HandleRecord[] = []
  const bad: Array<{ key: string; record: unknown; reason: string }> = []
  for (const record of records) {
    const parsed = handleRecordSchema.safeParse(record)
    if (parsed.success) handles.push(parsed.data)
    else
      bad.push({
        key: String(record.id),
        record,
        reason: parsed.error.issues[0]?.message ?? 'invalid',
      })
  }
  if (bad.length > 0) {
    const tx = db.transaction(['handles', 'quarantine'], 'readwrite')
    for (const { key, record, reason } of bad) {
      void tx
        .objectStore('quarantine')
        .add({ store: 'handles', key, record, reason, at: Date.now() })
      void tx.objectStore('handles').delete(key)
    }
    await tx.done
  }
  return { handles: handles.reverse(), setAside: bad.length }
}

export async function recordHandleCheck(
  id: string,
  check: HandleCheck,
): Promise<HandleRecord | undefined> {
  const db = await openWorkbenchDB()
  const tx = db.transaction('handles', 'readwrite')
  const parsed = handleRecordSchema.safeParse(await tx.store.get(id))
  if (!parsed.success) {
    await tx.done
    return undefined
  }
  const updated: HandleRecord = {
    ...parsed.data,
    lastCheck: check,
    ...(check.outcome === 'revoked' ? { revokedAt: check.at } : {}),
  }
  await tx.store.put(updated)
  await tx.done
  announceChange('handles')
  return updated
}
