import 'fake-indexeddb/auto'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { openWorkbenchDB, resetWorkbenchDBConnection, DB_NAME } from '../../lib/db'
import { listHandles } from '../handles/handles-store'
import { historyIdFor, type HistoryEntry } from './history-entry'
import {
  countQuarantined,
  getHistoryRows,
  importHistoryEntries,
  listHistoryHead,
  listHistoryIds,
  pruneHistory,
  recordExchange,
  STORED_BODY_LIMIT,
} from './history-store'

const SCID = 'bd6c41c3-01c3-468a-a3b5-3e0fe8133862'
let clock = Date.UTC(2026, 10, 1)

function entry(overrides: Partial<HistoryEntry> = {}): HistoryEntry {
  const startedAt = overrides.startedAt ?? (clock += 1000)
  return {
    id: historyIdFor(startedAt),
    startedAt,
    kind: 'activity',
    upstream: 'simulator',
    request: {
      method: 'POST',
      path: '/handles',
      headers: [['x-xbl-contract-version', '107']],
      body: '{"type":"activity"}',
    },
    response: { status: 204, statusText: 'No Content', headers: [], body: '', sizeBytes: 0 },
    durationMs: 12,
    statusClass: '2xx',
    scid: SCID,
    ...overrides,
  }
}

function inviteAnswer(id: string, xuid: string): string {
  return JSON.stringify({
    type: 'invite',
    sessionRef: { scid: SCID, templateName: 'deathmatch', name: 'session-1' },
    version: 1,
    inviteAttributes: { titleId: '1234' },
    expiration: '2026-11-02T00:00:00.0000000Z',
    id,
    invitedXuid: xuid,
    senderXuid: '2814679796296491',
  })
}

beforeEach(async () => {
  await resetWorkbenchDBConnection()
  await new Promise<void>((resolve) => {
    const request = indexedDB.deleteDatabase(DB_NAME)
    request.onsuccess = () => resolve()
    request.onerror = () => resolve()
  })
})
afterEach(() => resetWorkbenchDBConnection())

describe('recordExchange', () => {
  it('keeps the call and reads it back validated', async () => {
    const stored = await recordExchange(entry({ sessionName: 'session-1' }))
    const [row] = await getHistoryRows([stored.id])
    expect(row && 'entry' in row ? row.entry.sessionName : undefined).toBe('session-1')
  })

  it('files the invite handle a 201 created, linked to its history entry', async () => {
    const handleId = '4f4b2e4a-1e0d-4e6b-9a2b-2c1a9b0e7f11'
    const stored = await recordExchange(
      entry({
        kind: 'invite',
        xuid: '2533274790000001',
        response: {
          status: 201,
          statusText: 'Created',
          headers: [],
          body: inviteAnswer(handleId, '2533274790000001'),
          sizeBytes: 300,
        },
        statusClass: '2xx',
      }),
    )
    expect(stored.handleId).toBe(handleId)
    const { handles } = await listHandles()
    expect(handles).toHaveLength(1)
    expect(handles[0]).toMatchObject({
      id: handleId,
      invitedXuid: '2533274790000001',
      historyId: stored.id,
      titleId: '1234',
      sessionName: 'session-1',
    })
  })

  it('files no handle for a failed invite or an answer without a usable id', async () => {
    await recordExchange(
      entry({
        kind: 'invite',
        response: {
          status: 401,
          statusText: 'Unauthorized',
          headers: [],
          body: 'no',
          sizeBytes: 2,
        },
        statusClass: '4xx',
      }),
    )
    await recordExchange(
      entry({
        kind: 'invite',
        response: {
          status: 201,
          statusText: 'Created',
          headers: [],
          body: inviteAnswer('..', '1'),
          sizeBytes: 2,
        },
      }),
    )
    expect((await listHandles()).handles).toHaveLength(0)
  })

  it('stores a response body over 1 MiB cut, marked, with its real size', async () => {
    const big = 'x'.repeat(STORED_BODY_LIMIT + 10)
    const stored = await recordExchange(
      entry({
        response: { status: 200, statusText: 'OK', headers: [], body: big, sizeBytes: big.length },
      }),
    )
    const [row] = await getHistoryRows([stored.id])
    const response = row && 'entry' in row ? row.entry.response : undefined
    expect(response?.bodyTruncated).toBe(true)
    expect(response?.body.length).toBe(STORED_BODY_LIMIT)
    expect(response?.sizeBytes).toBe(STORED_BODY_LIMIT + 10)
  })

  it('refuses a record that does not match the schema instead of storing it', async () => {
    await expect(
      recordExchange({ ...entry(), kind: 'transfer' } as unknown as HistoryEntry),
    ).rejects.toThrow()
    expect(await listHistoryIds()).toHaveLength(0)
  })
})

describe('listHistoryIds', () => {
  it('lists newest first and filters by type, status, SCID, XUID and free text', async () => {
    const a = await recordExchange(entry({ kind: 'activity' }))
    const b = await recordExchange(
      entry({
        kind: 'invite',
        xuid: '2533274790000001',
        response: {
          status: 201,
          statusText: 'Created',
          headers: [],
          body: '{"note":"needle"}',
          sizeBytes: 17,
        },
      }),
    )
    const c = await recordExchange(
      entry({
        kind: 'invite',
        xuid: '2533274790000002',
        response: {
          status: 429,
          statusText: 'Too Many Requests',
          headers: [],
          body: '',
          sizeBytes: 0,
        },
        statusClass: '4xx',
      }),
    )
    const d = await recordExchange(
      entry({
        kind: 'get',
        scid: 'a0000000-0000-4000-8000-000000000000',
        upstream: 'https://sessiondirectory.xboxlive.com',
      }),
    )

    expect(await listHistoryIds()).toEqual([d.id, c.id, b.id, a.id])
    expect(await listHistoryIds({ kind: 'invite' })).toEqual([c.id, b.id])
    expect(await listHistoryIds({ status: '4xx' })).toEqual([c.id])
    expect(await listHistoryIds({ kind: 'invite', status: '2xx' })).toEqual([b.id])
    expect(await listHistoryIds({ scid: SCID })).toEqual([c.id, b.id, a.id])
    expect(await listHistoryIds({ xuid: '2533274790000002' })).toEqual([c.id])
    expect(await listHistoryIds({ upstream: 'https://sessiondirectory.xboxlive.com' })).toEqual([
      d.id,
    ])
    expect(await listHistoryIds({ text: 'NEEDLE' })).toEqual([b.id])
    expect(await listHistoryIds({ text: 'too many' })).toEqual([c.id])
    expect(await listHistoryIds({ kind: 'activity', text: 'needle' })).toEqual([])
  })

  it('reads every key in chunks, and stops when the listing is abandoned', async () => {
    const written: string[] = []
    for (let i = 0; i < 25; i++) written.push((await recordExchange(entry())).id)
    expect(await listHistoryIds({}, undefined, 10)).toEqual([...written].reverse())
    const abandoned = new AbortController()
    abandoned.abort()
    await expect(listHistoryIds({}, abandoned.signal, 10)).rejects.toThrow()
  })

  it('orders by start time even when entries were written out of order (imports)', async () => {
    const late = entry({ startedAt: Date.UTC(2026, 10, 3) })
    const early = entry({ startedAt: Date.UTC(2026, 10, 2) })
    await importHistoryEntries([late, early])
    expect(await listHistoryIds()).toEqual([late.id, early.id])
  })
})

describe('corrupt records', () => {
  it('are set aside in quarantine and reported, never a crash', async () => {
    const good = await recordExchange(entry())
    const db = await openWorkbenchDB()
    const badId = historyIdFor(clock + 5000)
    await db.put('history', { id: badId, startedAt: clock + 5000, kind: 42 })
    const rows = await getHistoryRows([badId, good.id])
    expect(rows[0]).toMatchObject({
      id: badId,
      corrupt: expect.stringContaining('kind') as unknown,
    })
    expect(rows[1] && 'entry' in rows[1]).toBe(true)
    expect(await countQuarantined()).toBe(1)
    const quarantined = await db.getAll('quarantine')
    expect(quarantined[0]).toMatchObject({ store: 'history', key: badId, record: { kind: 42 } })
    expect(await listHistoryIds()).toEqual([good.id])
  })
})

describe('retention', () => {
  it('removes the oldest entries past the count limit, and only those', async () => {
    const written: string[] = []
    for (let i = 0; i < 105; i++)
      written.push((await recordExchange(entry(), { maxEntries: 1_000, maxAgeDays: 3650 })).id)
    const removed = await pruneHistory({ maxEntries: 100, maxAgeDays: 3650 }, clock)
    expect(removed).toBe(5)
    const left = await listHistoryIds()
    expect(left).toHaveLength(100)
    expect(left.at(-1)).toBe(written[5])
    expect(left[0]).toBe(written.at(-1))
  })

  it('removes entries older than the age limit', async () => {
    const now = Date.UTC(2026, 10, 26)
    const old = entry({ startedAt: now - 91 * 86_400_000 })
    const recent = entry({ startedAt: now - 89 * 86_400_000 })
    await importHistoryEntries([old, recent])
    expect(await pruneHistory({ maxEntries: 100_000, maxAgeDays: 90 }, now)).toBe(1)
    expect(await listHistoryIds()).toEqual([recent.id])
  })
})

describe('importHistoryEntries', () => {
  it('adds new entries and reports those already stored, changing nothing else', async () => {
    const kept = await recordExchange(entry({ sessionName: 'original' }))
    const result = await importHistoryEntries([{ ...kept, sessionName: 'from file' }, entry()])
    expect(result).toEqual({ added: 1, alreadyStored: [kept.id], handles: 0 })
    const [row] = await getHistoryRows([kept.id])
    expect(row && 'entry' in row ? row.entry.sessionName : undefined).toBe('original')
  })
})

describe('when storage is short', () => {
  it('removes the oldest entries first, then keeps the new call', async () => {
    const written: string[] = []
    for (let i = 0; i < 150; i++) written.push((await recordExchange(entry())).id)
    const put = vi.spyOn(IDBObjectStore.prototype, 'put').mockImplementationOnce(() => {
      throw new DOMException('The quota has been exceeded.', 'QuotaExceededError')
    })
    const latest = await recordExchange(entry({ sessionName: 'after-quota' }))
    put.mockRestore()
    const left = await listHistoryIds()
    // At least 100 of the oldest went (10% of the store, and never fewer than 100), the new one is kept.
    expect(left[0]).toBe(latest.id)
    expect(left).toHaveLength(51)
    expect(left).not.toContain(written[99])
    expect(left).toContain(written[100])
  })
})

describe('listHistoryHead', () => {
  it('gives the newest matches, in the same order as the full listing', async () => {
    for (let i = 0; i < 30; i++)
      await recordExchange(
        entry({ kind: i % 3 === 0 ? 'invite' : 'activity', sessionName: `s-${i}` }),
      )
    const full = await listHistoryIds({ kind: 'invite' })
    expect((await listHistoryHead({ kind: 'invite' }, 5))?.ids).toEqual(full.slice(0, 5))
    const head = await listHistoryHead({}, 4)
    expect(head?.ids).toEqual((await listHistoryIds()).slice(0, 4))
    expect(head?.rows.map((row) => ('entry' in row ? row.entry.sessionName : undefined))).toEqual([
      's-29',
      's-28',
      's-27',
      's-26',
    ])
    expect((await listHistoryHead({ kind: 'invite', text: 's-27' }, 5))?.ids).toEqual(
      await listHistoryIds({ kind: 'invite', text: 's-27' }),
    )
  })

  it('gives up (undefined) rather than scan everything for rare matches', async () => {
    for (let i = 0; i < 20; i++) await recordExchange(entry())
    expect(await listHistoryHead({ text: 'nowhere' }, 5, 10)).toBeUndefined()
    expect((await listHistoryHead({ text: 'nowhere' }, 5, 100))?.ids).toEqual([])
  })
})
