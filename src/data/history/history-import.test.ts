import 'fake-indexeddb/auto'
import { describe, expect, it } from 'vitest'
import { recordExchange } from './history-write'
import { getHistoryRows } from './history-read'
import { importHistoryEntries } from './history-import'
import { entry, freshWorkbenchDBPerTest } from '../../testing/history-fixtures'

freshWorkbenchDBPerTest()

describe('importHistoryEntries', () => {
  it('adds new entries and reports those already stored, changing nothing else', async () => {
    const kept = await recordExchange(entry({ sessionName: 'original' }))
    const result = await importHistoryEntries([{ ...kept, sessionName: 'from file' }, entry()])
    expect(result).toEqual({ added: 1, alreadyStored: [kept.id], handles: 0 })
    const [row] = await getHistoryRows([kept.id])
    expect(row && 'entry' in row ? row.entry.sessionName : undefined).toBe('original')
  })
})
