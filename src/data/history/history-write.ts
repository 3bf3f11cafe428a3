// Writing History: every call the Workbench sent, and (in the same transaction) the handle it
// created, so History and the Handles ledger never disagree. Ids sort by time (see historyIdFor).
import { openWorkbenchDB, type WorkbenchDatabase } from '../../lib/db'
import { announceChange } from '../sync/changes-channel'
import { handleRecordFrom, type HandleRecord } from '../handles/handle-record'
import { historyEntrySchema, type HistoryEntry } from './history-entry'
import { writePruneNotice } from './prune-notice'
import { DEFAULT_RETENTION, deleteOldest, schedulePrune, type Retention } from './history-retention'

/** Response bodies over this are stored cut, with a note; the original size is kept. */
export const STORED_BODY_LIMIT = 1024 * 1024

export function truncateBody(entry: HistoryEntry): HistoryEntry {
  const response = entry.response
  if (!response || response.body.length * 3 <= STORED_BODY_LIMIT) return entry
  const bytes = new TextEncoder().encode(response.body)
  if (bytes.byteLength <= STORED_BODY_LIMIT) return entry
  // Cut on a byte boundary and drop a partial character at the end (the decoder's fatal=false
  // would otherwise add a replacement character).
  const cut = new TextDecoder().decode(bytes.slice(0, STORED_BODY_LIMIT)).replace(/\uFFFD$/, '')
  return { ...entry, response: { ...response, body: cut, bodyTruncated: true } }
}

/** The ledger record a `POST /handles` files: any 2xx answer that carries a handle id. */
export function handleFiledBy(entry: HistoryEntry): HandleRecord | undefined {
  const { response, request } = entry
  const created =
    request.method === 'POST' &&
    /\/handles\/?$/.test(request.path.split('?')[0] ?? '') &&
    response !== undefined &&
    response.status >= 200 &&
    response.status < 300
  return created
    ? handleRecordFrom(response.body, {
        historyId: entry.id,
        createdAt: entry.startedAt,
        upstream: entry.upstream,
      })
    : undefined
}

function isQuotaError(error: unknown): boolean {
  return error instanceof DOMException && (error.name === 'QuotaExceededError' || error.code === 22)
}

async function writeEntry(db: WorkbenchDatabase, entry: HistoryEntry): Promise<HistoryEntry> {
  const handle = handleFiledBy(entry)
  const stored: HistoryEntry = handle ? { ...entry, handleId: handle.id } : entry
  const tx = db.transaction(['history', 'handles'], 'readwrite')
  await Promise.all([
    tx.objectStore('history').put(stored),
    handle ? tx.objectStore('handles').put(handle) : undefined,
    tx.done,
  ])
  return stored
}

/**
 * Records one exchange. Never throws for storage trouble: the caller still shows the response, and
 * the user is told (prune notice) when old entries had to go to make room.
 */
export async function recordExchange(
  entry: HistoryEntry,
  retention: Retention = DEFAULT_RETENTION,
): Promise<HistoryEntry> {
  const clean = truncateBody(historyEntrySchema.parse(entry))
  const db = await openWorkbenchDB()
  let stored: HistoryEntry
  try {
    stored = await writeEntry(db, clean)
  } catch (error) {
    if (!isQuotaError(error)) throw error
    // Storage is short: the oldest 10% go first, the user is told, and the write is tried again.
    const total = await db.count('history')
    const removed = await deleteOldest(db, Math.max(100, Math.ceil(total / 10)))
    writePruneNotice({ at: Date.now(), removed, reason: 'storage' })
    stored = await writeEntry(db, clean)
  }
  schedulePrune(retention)
  announceChange('history', 'handles')
  return stored
}

export async function clearHistory(): Promise<void> {
  const db = await openWorkbenchDB()
  await db.clear('history')
  announceChange('history')
}
