// Query factories for History, keys from generic to specific (TkDodo's hierarchy):
// history > list(filter) (matching ids) > rows(ids) and history > detail(id). Invalidating
// ['history'] refreshes everything; local IndexedDB queries use networkMode 'always'.
import { queryOptions, useMutation, useQuery, useQueryClient, keepPreviousData } from '@tanstack/react-query'
import type { HistoryFilter } from './history-store'

// The store (and IndexedDB code) loads with the first History read or write, not at first paint.
const store = () => import('./history-store')

export const historyQueries = {
  all: () => ['history'] as const,
  lists: () => [...historyQueries.all(), 'list'] as const,
  list: (filter: HistoryFilter) =>
    queryOptions({
      queryKey: [...historyQueries.lists(), filter] as const,
      queryFn: async () => (await store()).listHistoryIds(filter),
      networkMode: 'always',
      staleTime: Infinity,
      placeholderData: keepPreviousData,
    }),
  rows: (ids: readonly string[]) =>
    queryOptions({
      queryKey: [...historyQueries.all(), 'rows', ids] as const,
      queryFn: async () => (await store()).getHistoryRows(ids),
      networkMode: 'always',
      staleTime: Infinity,
      placeholderData: keepPreviousData,
    }),
  detail: (id: string) =>
    queryOptions({
      queryKey: [...historyQueries.all(), 'detail', id] as const,
      queryFn: async () => (await (await store()).getHistoryEntry(id)) ?? null,
      networkMode: 'always',
      staleTime: Infinity,
    }),
  stats: () =>
    queryOptions({
      queryKey: [...historyQueries.all(), 'stats'] as const,
      queryFn: async () => {
        const { countHistory, countQuarantined } = await store()
        return { total: await countHistory(), setAside: await countQuarantined() }
      },
      networkMode: 'always',
      staleTime: Infinity,
    }),
}

export function useHistoryIds(filter: HistoryFilter) {
  return useQuery(historyQueries.list(filter))
}

export function useHistoryRows(ids: readonly string[]) {
  return useQuery({ ...historyQueries.rows(ids), enabled: ids.length > 0 })
}

export function useHistoryEntry(id: string | undefined) {
  return useQuery({ ...historyQueries.detail(id ?? ''), enabled: Boolean(id) })
}

export function useHistoryStats() {
  return useQuery(historyQueries.stats())
}

export function useClearHistory() {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: async () => (await store()).clearHistory(),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: historyQueries.all() }),
  })
}
