// Query factories for History, keys from generic to specific (TkDodo's hierarchy):
// history > list(filter) (matching ids) > rows(ids) and history > detail(id). Invalidating
// ['history'] refreshes everything; local IndexedDB queries use networkMode 'always'.
import { queryOptions, useMutation, useQuery, keepPreviousData } from '@tanstack/react-query'
import type { HistoryFilter } from './history-search'

// The store (and IndexedDB code) loads with the first History read or write, not at first paint.
const search = () => import('./history-search')
const read = () => import('./history-read')
const quarantine = () => import('./history-quarantine')
const write = () => import('./history-write')

/** Rows are read a page at a time; the list asks for whole pages so keys stay stable. */
export const HISTORY_PAGE = 50

export const historyQueries = {
  all: () => ['history'] as const,
  lists: () => [...historyQueries.all(), 'list'] as const,
  list: (filter: HistoryFilter) =>
    queryOptions({
      queryKey: [...historyQueries.lists(), filter] as const,
      queryFn: async ({ signal }) => (await search()).listHistoryIds(filter, signal),
      networkMode: 'always',
      staleTime: Infinity,
    }),
  /** The newest matches and their rows, fast: shown while list(filter) reads every key. */
  head: (filter: HistoryFilter) =>
    queryOptions({
      queryKey: [...historyQueries.all(), 'head', filter] as const,
      queryFn: async ({ client }) => {
        const head = await (await search()).listHistoryHead(filter)
        // The head's rows are the list's first page: seed that page so it is not read again.
        if (head) {
          const page = historyQueries.rows(head.ids.slice(0, HISTORY_PAGE))
          if (client.getQueryData(page.queryKey) === undefined)
            client.setQueryData(page.queryKey, head.rows.slice(0, HISTORY_PAGE))
        }
        return head?.ids ?? null
      },
      networkMode: 'always',
      staleTime: Infinity,
    }),
  rows: (ids: readonly string[]) =>
    queryOptions({
      queryKey: [...historyQueries.all(), 'rows', ids] as const,
      queryFn: async ({ client }) => {
        const rows = await (await read()).getHistoryRows(ids)
        // An unreadable record was just set aside: the count shown above the list must say so.
        if (rows.some((row) => 'corrupt' in row))
          void client.invalidateQueries({ queryKey: historyQueries.setAside().queryKey })
        return rows
      },
      networkMode: 'always',
      staleTime: Infinity,
      placeholderData: keepPreviousData,
    }),
  detail: (id: string) =>
    queryOptions({
      queryKey: [...historyQueries.all(), 'detail', id] as const,
      queryFn: async () => (await (await read()).getHistoryEntry(id)) ?? null,
      networkMode: 'always',
      staleTime: Infinity,
    }),
  // Counting 100,000 records takes IndexedDB about 0.3 s: only asked for when a filter needs "of N".
  total: () =>
    queryOptions({
      queryKey: [...historyQueries.all(), 'total'] as const,
      queryFn: async () => (await read()).countHistory(),
      networkMode: 'always',
      staleTime: Infinity,
    }),
  setAside: () =>
    queryOptions({
      queryKey: [...historyQueries.all(), 'set-aside'] as const,
      queryFn: async () => (await quarantine()).countQuarantined(),
      networkMode: 'always',
      staleTime: Infinity,
    }),
}

/**
 * The ids to list: the full listing once read; until then (first load, a new filter) the newest
 * matches from a cursor, so the first rows do not wait for 100,000 keys.
 */
export function useHistoryListing(filter: HistoryFilter) {
  const head = useQuery(historyQueries.head(filter))
  // IndexedDB serves one request at a time: reading every key (0.7 s at 100,000) starts only once
  // the head is in, so it cannot hold up the first rows.
  const full = useQuery({ ...historyQueries.list(filter), enabled: head.isFetched })
  const complete = full.data !== undefined
  // Never the previous filter's ids under a new filter: until this filter's answer, "loading".
  const ids = complete ? full.data : (head.data ?? undefined)
  return { ids, complete, isPending: ids === undefined, error: full.error ?? head.error }
}

export function useHistoryRows(ids: readonly string[]) {
  return useQuery({ ...historyQueries.rows(ids), enabled: ids.length > 0 })
}

/** `keepPrevious`: the entry shown stays until the next one is read (a detail pane that swaps). */
export function useHistoryEntry(id: string | undefined, { keepPrevious = false } = {}) {
  return useQuery({
    ...historyQueries.detail(id ?? ''),
    enabled: Boolean(id),
    ...(keepPrevious ? { placeholderData: keepPreviousData } : {}),
  })
}

export function useHistoryTotal(enabled: boolean) {
  return useQuery({ ...historyQueries.total(), enabled })
}

export function useSetAsideCount() {
  return useQuery(historyQueries.setAside())
}

export function useClearHistory() {
  return useMutation({
    mutationFn: async () => (await write()).clearHistory(),
    meta: { records: ['history'] },
  })
}
