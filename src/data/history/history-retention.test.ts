import 'fake-indexeddb/auto'
import { describe, expect, it } from 'vitest'
import { recordExchange } from './history-write'
import { listHistoryIds } from './history-search'
import { pruneHistory } from './history-retention'
import { importHistoryEntries } from './history-import'
import { clock, entry, freshWorkbenchDBPerTest } from '../../testing/history-fixtures'

freshWorkbenchDBPerTest()

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
