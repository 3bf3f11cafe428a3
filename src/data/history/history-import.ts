// Entries read from a file (HAR import) written to History, filing the invite handles they created
// in the ledger as a sent call does.
import { openWorkbenchDB } from '../../lib/db'
import { announceChange } from '../sync/changes-channel'
import { redactKnownSecrets } from '../settings/known-secrets'
import { historyEntrySchema, type HistoryEntry } from './history-entry'
import { handleFiledBy, truncateBody } from './history-write'

/** Writes imported entries in one transaction, skipping ids already stored; returns what was added. */
export async function importHistoryEntries(
  entries: readonly HistoryEntry[],
): Promise<{ added: number; alreadyStored: string[]; handles: number }> {
  const db = await openWorkbenchDB()
  const tx = db.transaction(['history', 'handles'], 'readwrite')
  const history = tx.objectStore('history')
  const alreadyStored: string[] = []
  let added = 0
  let handles = 0
  for (const entry of entries) {
    // A file may carry the token in a body or header value (a devtools HAR does): never stored.
    const clean = truncateBody(redactKnownSecrets(historyEntrySchema.parse(entry)))
    if ((await history.getKey(clean.id)) !== undefined) {
      alreadyStored.push(clean.id)
      continue
    }
    // An imported invite that created a handle is filed in the ledger, as a sent one is.
    const handle = handleFiledBy(clean)
    await history.add(handle ? { ...clean, handleId: handle.id } : clean)
    if (handle && (await tx.objectStore('handles').getKey(handle.id)) === undefined) {
      await tx.objectStore('handles').add(handle)
      handles++
    }
    added++
  }
  await tx.done
  announceChange('history', 'handles')
  return { added, alreadyStored, handles }
}
