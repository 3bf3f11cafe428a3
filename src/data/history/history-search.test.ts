import 'fake-indexeddb/auto'
import { describe, expect, it } from 'vitest'
import { recordExchange } from './history-write'
import { listHistoryIds, listHistoryHead } from './history-search'
import { importHistoryEntries } from './history-import'
import { SCID, entry, freshWorkbenchDBPerTest } from '../../testing/history-fixtures'

freshWorkbenchDBPerTest()

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

  it('filters by who sent a call: a player by XUID, or your token, in the listing and its head', async () => {
    const ana = await recordExchange(
      entry({ sender: { kind: 'sim', gamertag: 'Sim Ana', xuid: '2814679796296491' } }),
    )
    const mine = await recordExchange(entry({ sender: { kind: 'token' } }))
    const ben = await recordExchange(
      entry({
        kind: 'invite',
        sender: { kind: 'sim', gamertag: 'Sim Ben', xuid: '2533274790000001' },
      }),
    )
    await recordExchange(entry({}))
    expect(await listHistoryIds({ from: '2814679796296491' })).toEqual([ana.id])
    expect(await listHistoryIds({ from: 'token' })).toEqual([mine.id])
    expect(await listHistoryIds({ from: '2533274790000001', kind: 'invite' })).toEqual([ben.id])
    expect((await listHistoryHead({ from: '2533274790000001' }))?.ids).toEqual([ben.id])
  })

  it('filters by failed expectations, in the listing and its head', async () => {
    const failed = await recordExchange(
      entry({
        expectations: [
          { label: 'Status is 2xx', passed: true, message: 'Got status 201' },
          { label: '$.id exists', passed: false, message: '$.id is not in the answer' },
        ],
      }),
    )
    await recordExchange(
      entry({
        expectations: [{ label: 'Status is 2xx', passed: true, message: 'Got status 201' }],
      }),
    )
    await recordExchange(entry({}))
    expect(await listHistoryIds({ expect: 'failed' })).toEqual([failed.id])
    expect((await listHistoryHead({ expect: 'failed' }))?.ids).toEqual([failed.id])
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
