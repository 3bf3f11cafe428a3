import 'fake-indexeddb/auto'
import { describe, expect, it, vi } from 'vitest'
import { recordExchange, STORED_BODY_LIMIT } from './history-write'
import { listHistoryIds } from './history-search'
import { getHistoryRows } from './history-read'
import { listHandles } from '../handles/handles-store'
import type { HistoryEntry } from './history-entry'
import { entry, inviteAnswer, freshWorkbenchDBPerTest } from '../../testing/history-fixtures'

freshWorkbenchDBPerTest()

describe('recordExchange', () => {
  it('files every handle a POST /handles answered 2xx with an id, and nothing else', async () => {
    const ok = (status: number, body: string) => ({
      status,
      statusText: '',
      headers: [] as Array<[string, string]>,
      body,
      sizeBytes: body.length,
    })
    const transfer = await recordExchange(
      entry({ kind: 'transfer', response: ok(200, '{"id":"7c1e","type":"transfer"}') }),
    )
    const search = await recordExchange(
      entry({ kind: 'search', response: ok(201, '{"id":"9a2b"}') }),
    )
    const get = await recordExchange(
      entry({
        kind: 'get',
        request: { method: 'GET', path: '/handles/7c1e', headers: [] },
        response: ok(200, '{"id":"7c1e"}'),
      }),
    )
    const refused = await recordExchange(entry({ response: ok(403, '{"id":"x"}') }))
    expect([transfer.handleId, search.handleId, get.handleId, refused.handleId]).toEqual([
      '7c1e',
      '9a2b',
      undefined,
      undefined,
    ])
    const { handles } = await listHandles()
    expect(handles.map((h) => [h.id, h.type]).sort()).toEqual([
      ['7c1e', 'transfer'],
      ['9a2b', undefined],
    ])
  })

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
      recordExchange({ ...entry(), kind: 'party' } as unknown as HistoryEntry),
    ).rejects.toThrow()
    expect(await listHistoryIds()).toHaveLength(0)
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
