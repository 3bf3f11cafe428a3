import 'fake-indexeddb/auto'
import { describe, expect, it } from 'vitest'
import { recordExchange } from './history-write'
import { listHistoryIds } from './history-search'
import { getHistoryRows } from './history-read'
import { countQuarantined } from './history-quarantine'
import { openWorkbenchDB } from '../../lib/db'
import { historyIdFor } from './history-entry'
import { clock, entry, freshWorkbenchDBPerTest } from '../../testing/history-fixtures'

freshWorkbenchDBPerTest()

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
