// History in IndexedDB: every call the Workbench sent, and (in the same transaction) the invite
// handle it created. Ids sort by time (see historyIdFor), so lists are key scans, not sorts.
// Records are validated on read; a corrupt one is set aside in `quarantine` and reported.
import { openWorkbenchDB, type WorkbenchDatabase } from '../../lib/db'
import { announceChange } from '../sync/changes-channel'
import { handleRecordFrom } from '../handles/handle-record'
import { redactKnownSecrets } from '../settings/known-secrets'
import {
  historyEntrySchema,
  historyIdBound,
  type HistoryEntry,
  type RequestKind,
  type StatusClass,
} from './history-entry'

/** Response bodies over this are stored cut, with a note; the original size is kept. */
export const STORED_BODY_LIMIT = 1024 * 1024

export type Retention = { maxEntries: number; maxAgeDays: number }
export const DEFAULT_RETENTION: Retention = { maxEntries: 100_000, maxAgeDays: 90 }

export type HistoryFilter = {
  kind?: RequestKind
  status?: StatusClass
  upstream?: string
  scid?: string
  xuid?: string
  /** Free text over request and response (case-insensitive). */
  text?: string
}

export type HistoryRow = { id: string; entry: HistoryEntry } | { id: string; corrupt: string }

/** Why entries left without the user deleting them; shown in History until dismissed. */
export type PruneNotice = { at: number; removed: number; reason: 'count' | 'age' | 'storage' }

const NOTICE_KEY = 'handles-workbench:history-pruned'

function truncateBody(entry: HistoryEntry): HistoryEntry {
  const response = entry.response
  if (!response || response.body.length * 3 <= STORED_BODY_LIMIT) return entry
  const bytes = new TextEncoder().encode(response.body)
  if (bytes.byteLength <= STORED_BODY_LIMIT) return entry
  // Cut on a byte boundary and drop a partial character at the end (the decoder's fatal=false
  // would otherwise add a replacement character).
  const cut = new TextDecoder().decode(bytes.slice(0, STORED_BODY_LIMIT)).replace(/\uFFFD$/, '')
  return { ...entry, response: { ...response, body: cut, bodyTruncated: true } }
}

function isQuotaError(error: unknown): boolean {
  return error instanceof DOMException && (error.name === 'QuotaExceededError' || error.code === 22)
}

async function writeEntry(db: WorkbenchDatabase, entry: HistoryEntry): Promise<HistoryEntry> {
  const handle =
    entry.kind === 'invite' && entry.response?.status === 201
      ? handleRecordFrom(entry.response.body, {
          historyId: entry.id,
          createdAt: entry.startedAt,
          upstream: entry.upstream,
        })
      : undefined
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

/** Counting 100,000 records takes IndexedDB about 0.3 s: retention runs in the background, not on
 * every Send, at most once a minute or every 200 writes (so History can pass its limit by that many
 * for a moment). */
const PRUNE_EVERY_WRITES = 200
const PRUNE_EVERY_MS = 60_000
let writesSincePrune = PRUNE_EVERY_WRITES
let lastPruneAt = 0

function schedulePrune(retention: Retention): void {
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

async function deleteOldest(db: WorkbenchDatabase, count: number): Promise<number> {
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

function writePruneNotice(notice: PruneNotice): void {
  try {
    const previous = readPruneNotice()
    // Notices add up until the user dismisses them: "1,204 entries removed", not just the last one.
    const removed =
      previous && previous.reason === notice.reason
        ? previous.removed + notice.removed
        : notice.removed
    localStorage.setItem(NOTICE_KEY, JSON.stringify({ ...notice, removed }))
  } catch {
    // No localStorage (Node tests, storage disabled): the count is still returned to the caller.
  }
}

export function readPruneNotice(): PruneNotice | undefined {
  try {
    const raw = localStorage.getItem(NOTICE_KEY)
    if (!raw) return undefined
    const data = JSON.parse(raw) as Partial<PruneNotice>
    if (typeof data.removed !== 'number' || typeof data.at !== 'number') return undefined
    if (data.reason !== 'count' && data.reason !== 'age' && data.reason !== 'storage')
      return undefined
    return { at: data.at, removed: data.removed, reason: data.reason }
  } catch {
    return undefined
  }
}

export function dismissPruneNotice(): void {
  try {
    localStorage.removeItem(NOTICE_KEY)
  } catch {
    // Nothing to dismiss.
  }
}

const INDEXED: Array<[keyof HistoryFilter, 'kind' | 'statusClass' | 'upstream' | 'scid' | 'xuid']> =
  [
    ['kind', 'kind'],
    ['status', 'statusClass'],
    ['upstream', 'upstream'],
    ['scid', 'scid'],
    ['xuid', 'xuid'],
  ]

function haystack(record: HistoryEntry): string {
  const r = record.response
  return [
    record.request.path,
    record.request.body ?? '',
    record.sessionName ?? '',
    record.xuid ?? '',
    record.scid ?? '',
    r ? `${r.status} ${r.statusText}` : '',
    r ? r.headers.map(([n, v]) => `${n}: ${v}`).join('\n') : '',
    r?.body ?? '',
    record.proxyError?.message ?? '',
    record.networkError ?? '',
  ]
    .join('\n')
    .toLowerCase()
}

const SCAN_CHUNK = 2_000

function matchesFilter(
  record: HistoryEntry,
  filter: HistoryFilter,
  text: string | undefined,
): boolean {
  return (
    (!filter.kind || record.kind === filter.kind) &&
    (!filter.status || record.statusClass === filter.status) &&
    (!filter.upstream || record.upstream === filter.upstream) &&
    (!filter.scid || record.scid === filter.scid) &&
    (!filter.xuid || record.xuid === filter.xuid) &&
    (!text || haystack(record).includes(text))
  )
}

/**
 * The newest matches only, read with a cursor from the newest end: a few milliseconds at any size,
 * so the list shows its first rows while listHistoryIds still reads every key (about 0.7 s at
 * 100,000). Undefined when `scanLimit` records hold fewer than `limit` matches: then only the full
 * listing can tell.
 */
export type HistoryHead = { ids: string[]; rows: HistoryRow[] }

export async function listHistoryHead(
  filter: HistoryFilter = {},
  limit = 100,
  scanLimit = 5_000,
): Promise<HistoryHead | undefined> {
  const db = await openWorkbenchDB()
  const store = db.transaction('history').store
  const first = INDEXED.find(([field]) => filter[field])
  let cursor = first
    ? await store.index(first[1]).openCursor(IDBKeyRange.only(filter[first[0]] as string), 'prev')
    : await store.openCursor(null, 'prev')
  const text = filter.text?.trim().toLowerCase()
  const rows: HistoryRow[] = []
  let scanned = 0
  while (cursor && rows.length < limit) {
    if (++scanned > scanLimit) return undefined
    const parsed = historyEntrySchema.safeParse(cursor.value)
    // Unreadable records are left for getHistoryRows/listHistoryIds to set aside and report.
    if (parsed.success && matchesFilter(parsed.data, filter, text))
      rows.push({ id: parsed.data.id, entry: parsed.data })
    cursor = await cursor.continue()
  }
  // The rows come along: the list's first page needs no second read.
  return { ids: rows.map((row) => row.id), rows }
}

const KEY_CHUNK = 10_000

function throwIfAborted(signal: AbortSignal | undefined): void {
  if (signal?.aborted)
    throw signal.reason instanceof Error ? signal.reason : new DOMException('Aborted', 'AbortError')
}

/**
 * Every key, read 10,000 at a time: IndexedDB serves one request at a time, so one 100,000-key read
 * (about 0.7 s) would hold up whatever the user asks next (a new filter, a detail); between chunks
 * it can go first, and an abandoned listing stops.
 */
async function allKeys(
  db: WorkbenchDatabase,
  signal: AbortSignal | undefined,
  chunkSize: number,
): Promise<string[]> {
  const keys: string[] = []
  let range: IDBKeyRange | null = null
  for (;;) {
    throwIfAborted(signal)
    const chunk = await db.getAllKeys('history', range, chunkSize)
    keys.push(...chunk)
    const last = chunk.at(-1)
    if (chunk.length < chunkSize || last === undefined) return keys
    range = IDBKeyRange.lowerBound(last, true)
  }
}

/** Ids of the entries that match, newest first. Indexed filters are key scans; text scans records. */
export async function listHistoryIds(
  filter: HistoryFilter = {},
  signal?: AbortSignal,
  keyChunk = KEY_CHUNK,
): Promise<string[]> {
  const db = await openWorkbenchDB()
  const sets: string[][] = []
  for (const [field, index] of INDEXED) {
    const value = filter[field]
    throwIfAborted(signal)
    if (value) sets.push(await db.getAllKeysFromIndex('history', index, value))
  }
  let ids: string[]
  if (sets.length === 0) ids = await allKeys(db, signal, keyChunk)
  else {
    sets.sort((a, b) => a.length - b.length)
    const [smallest = [], ...others] = sets
    const lookups = others.map((keys) => new Set(keys))
    // Index keys come in primary-key order within one value, which is time order: no sort needed.
    ids = smallest.filter((id) => lookups.every((set) => set.has(id)))
  }
  const text = filter.text?.trim().toLowerCase()
  if (text) ids = await matchText(db, ids, text, signal)
  return ids.reverse()
}

async function matchText(
  db: WorkbenchDatabase,
  ids: string[],
  text: string,
  signal: AbortSignal | undefined,
): Promise<string[]> {
  const wanted = new Set(ids)
  const found: string[] = []
  for (let i = 0; i < ids.length; i += SCAN_CHUNK) {
    throwIfAborted(signal)
    const chunk = ids.slice(i, i + SCAN_CHUNK)
    const first = chunk[0]
    const last = chunk.at(-1)
    if (first === undefined || last === undefined) continue
    const records = await db.getAll('history', IDBKeyRange.bound(first, last))
    for (const record of records) {
      if (!wanted.has(record.id)) continue
      const parsed = historyEntrySchema.safeParse(record)
      if (parsed.success && haystack(parsed.data).includes(text)) found.push(parsed.data.id)
    }
  }
  return found
}

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

async function quarantine(
  db: WorkbenchDatabase,
  store: 'history' | 'handles',
  records: Array<{ id: string; record: unknown; reason: string }>,
): Promise<void> {
  const tx = db.transaction([store, 'quarantine'], 'readwrite')
  for (const { id, record, reason } of records) {
    // Two reads of the same record (the list and the detail) must set it aside once.
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

export async function countHistory(): Promise<number> {
  const db = await openWorkbenchDB()
  return db.count('history')
}

/** Every entry with these ids, oldest first (exports). */
export async function readHistoryEntries(ids: readonly string[]): Promise<HistoryEntry[]> {
  const rows = await getHistoryRows([...ids].sort())
  return rows.flatMap((row) => ('entry' in row ? [row.entry] : []))
}

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
    const handle =
      clean.kind === 'invite' && clean.response?.status === 201
        ? handleRecordFrom(clean.response.body, {
            historyId: clean.id,
            createdAt: clean.startedAt,
            upstream: clean.upstream,
          })
        : undefined
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

export async function clearHistory(): Promise<void> {
  const db = await openWorkbenchDB()
  await db.clear('history')
  announceChange('history')
}
