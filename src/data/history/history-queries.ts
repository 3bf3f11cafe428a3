// Query factories for History, keys from generic to specific (TkDodo's hierarchy):
// history > list(filter) (matching ids) > rows(ids) and history > detail(id). Invalidating
// ['history'] refreshes everything; local IndexedDB queries use networkMode 'always'.
import { queryOptions, useMutation, useQuery, useQueryClient, keepPreviousData } from '@tanstack/react-query'
import {
  clearHistory,
  countHistory,
  countQuarantined,
  getHistoryEntry,
  getHistoryRows,
  listHistoryIds,
  type HistoryFilter,
} from './history-store'

export const historyQueries = {
  all: () => ['history'] as const,
  lists: () => [...historyQueries.all(), 'list'] as const,
  list: (filter: HistoryFilter) =>
    queryOptions({
      queryKey: [...historyQueries.lists(), filter] as const,
      queryFn: () => listHistoryIds(filter),
      networkMode: 'always',
      staleTime: Infinity,
      placeholderData: keepPreviousData,
    }),
  rows: (ids: readonly string[]) =>
    queryOptions({
      queryKey: [...historyQueries.all(), 'rows', ids] as const,
      queryFn: () => getHistoryRows(ids),
      networkMode: 'always',
      staleTime: Infinity,
      placeholderData: keepPreviousData,
    }),
  detail: (id: string) =>
    queryOptions({
      queryKey: [...historyQueries.all(), 'detail', id] as const,
      queryFn: async () => (await getHistoryEntry(id)) ?? null,
      networkMode: 'always',
      staleTime: Infinity,
    }),
  stats: () =>
    queryOptions({
      queryKey: [...historyQueries.all(), 'stats'] as const,
      queryFn: async () => ({ total: await countHistory(), setAside: await countQuarantined() }),
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
    mutationFn: clearHistory,
    onSuccess: () => queryClient.invalidateQueries({ queryKey: historyQueries.all() }),
  })
}
