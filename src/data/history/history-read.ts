// Reading History entries by id. Records are validated on read; a corrupt one is set aside in
// `quarantine` and reported in its row.
import { openWorkbenchDB } from '../../lib/db'
import { historyEntrySchema, type HistoryEntry } from './history-entry'
import { quarantine } from './history-quarantine'

export type HistoryRow = { id: string; entry: HistoryEntry } | { id: string; corrupt: string }

/** Reads entries by id in one transaction; corrupt ones are set aside and reported per row. */
export async function getHistoryRows(ids: readonly string[]): Promise<HistoryRow[]> {
  const db = await openWorkbenchDB()
  const tx = db.transaction('history', 'readonly')
  const records = await Promise.all(ids.map((id) => tx.store.get(id)))
  await tx.done
  const rows: HistoryRow[] = []
  const corrupt: Array<{ id: string; record: unknown; reason: string }> = []
  records.forEach((record, i) => {
    const id = ids[i] ?? ''
    if (record === undefined) {
      rows.push({
        id,
        corrupt: 'This entry is no longer stored (removed by retention or in another tab).',
      })
      return
    }
    const parsed = historyEntrySchema.safeParse(record)
    if (parsed.success) rows.push({ id, entry: parsed.data })
    else {
      const reason = parsed.error.issues
        .slice(0, 3)
        .map((issue) => `${issue.path.join('.') || '(record)'}: ${issue.message}`)
        .join('; ')
      corrupt.push({ id, record, reason })
      rows.push({ id, corrupt: `Unreadable entry set aside: ${reason}` })
    }
  })
  if (corrupt.length > 0) await quarantine(db, 'history', corrupt)
  return rows
}

export async function getHistoryEntry(id: string): Promise<HistoryEntry | undefined> {
  const [row] = await getHistoryRows([id])
  return row && 'entry' in row ? row.entry : undefined
}

export async function countHistory(): Promise<number> {
  const db = await openWorkbenchDB()
  return db.count('history')
}

/** Every entry with these ids, oldest first (exports). */
export async function readHistoryEntries(ids: readonly string[]): Promise<HistoryEntry[]> {
  const rows = await getHistoryRows([...ids].sort())
  return rows.flatMap((row) => ('entry' in row ? [row.entry] : []))
}
