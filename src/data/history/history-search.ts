// Finding History entries: the filter's matches as ids, newest first. Ids sort by time (see
// historyIdFor), so lists are key scans, not sorts; indexed filters read an index, free text scans.
import { openWorkbenchDB, type WorkbenchDatabase } from '../../lib/db'
import {
  historyEntrySchema,
  type HistoryEntry,
  type RequestKind,
  type StatusClass,
} from './history-entry'
import type { HistoryRow } from './history-read'
import { serviceOfKind, type Service } from './history-filter-options'

export type HistoryFilter = {
  kind?: RequestKind
  /** MPSD or Multiplayer Activity (decision 110), read from the kind. */
  service?: Service
  status?: StatusClass
  upstream?: string
  scid?: string
  xuid?: string
  /** Who sent it: a sender's XUID, or `token`, `server`, `none` (see senderKey). */
  from?: string
  /** Free text over request and response (case-insensitive). */
  text?: string
  /** `failed`: only calls with an expectation that did not hold. */
  expect?: 'failed'
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

/** The value the "Sent by" filter matches: the sender's XUID, else its kind; '' when unknown. */
export function senderKey(record: HistoryEntry): string {
  return record.sender?.xuid ?? record.sender?.kind ?? ''
}

const SCAN_CHUNK = 2_000

function matchesFilter(
  record: HistoryEntry,
  filter: HistoryFilter,
  text: string | undefined,
): boolean {
  return (
    (!filter.kind || record.kind === filter.kind) &&
    (!filter.service || serviceOfKind(record.kind) === filter.service) &&
    (!filter.status || record.statusClass === filter.status) &&
    (!filter.upstream || record.upstream === filter.upstream) &&
    (!filter.scid || record.scid === filter.scid) &&
    (!filter.xuid || record.xuid === filter.xuid) &&
    (!filter.from || senderKey(record) === filter.from) &&
    (!filter.expect || expectationFailed(record)) &&
    (!text || haystack(record).includes(text))
  )
}

export function expectationFailed(record: HistoryEntry): boolean {
  return record.expectations?.some((result) => !result.passed) ?? false
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
  // Neither the sender, the service, the expectations nor free text has an index: a scan of the
  // records left.
  if (text || filter.from || filter.service || filter.expect)
    ids = await matchRecords(
      db,
      ids,
      (record) =>
        (!filter.service || serviceOfKind(record.kind) === filter.service) &&
        (!filter.from || senderKey(record) === filter.from) &&
        (!filter.expect || expectationFailed(record)) &&
        (!text || haystack(record).includes(text)),
      signal,
    )
  return ids.reverse()
}

async function matchRecords(
  db: WorkbenchDatabase,
  ids: string[],
  matches: (record: HistoryEntry) => boolean,
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
      if (parsed.success && matches(parsed.data)) found.push(parsed.data.id)
    }
  }
  return found
}
