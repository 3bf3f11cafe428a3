// History for the Analysis view: the entries in a time range that match a History filter, read
// through History's own query factories. Keyed under ['history'], so a new call (any invalidation
// of History) refreshes the analysis.
import { queryOptions } from '@tanstack/react-query'
import { historyIdBound, type HistoryEntry } from '../history/history-entry'
import { historyQueries } from '../history/history-queries'
import type { HistoryFilter } from '../history/history-search'

/** A time range in ms since the epoch; either end may be open. */
export type TimeRange = { from?: number; to?: number }

/** The newest this many matching calls are analysed; the view says when there were more. */
export const ANALYSIS_MAX_CALLS = 20_000
const ROWS_CHUNK = 1000

export type HistoryForAnalysis = {
  /** Oldest first. */
  entries: HistoryEntry[]
  /** How many entries matched the range and filter (more than entries.length when capped). */
  matched: number
  /** Matching entries that could not be read (set aside as corrupt, or removed meanwhile). */
  unreadable: number
}

/** History ids start with the start time, so the range is a key comparison: no record is read. */
export function inRange(id: string, { from, to }: TimeRange): boolean {
  if (from !== undefined && id < historyIdBound(from)) return false
  if (to !== undefined && id >= historyIdBound(Math.floor(to) + 1)) return false
  return true
}

export const analysisQueries = {
  history: (filter: HistoryFilter, range: TimeRange) =>
    queryOptions({
      queryKey: [...historyQueries.all(), 'analysis', filter, range] as const,
      queryFn: async ({ client }): Promise<HistoryForAnalysis> => {
        const ids = (await client.fetchQuery(historyQueries.list(filter))).filter((id) =>
          inRange(id, range),
        )
        // ids are newest first: keep the newest, then read oldest first.
        const wanted = ids.slice(0, ANALYSIS_MAX_CALLS).reverse()
        const entries: HistoryEntry[] = []
        let unreadable = 0
        for (let i = 0; i < wanted.length; i += ROWS_CHUNK) {
          const rows = await client.fetchQuery(historyQueries.rows(wanted.slice(i, i + ROWS_CHUNK)))
          for (const row of rows) {
            if ('entry' in row) entries.push(row.entry)
            else unreadable += 1
          }
        }
        return { entries, matched: ids.length, unreadable }
      },
      networkMode: 'always',
      staleTime: Infinity,
    }),
}
