// Query factory for runs of presets (decision 120): runs > list, read from IndexedDB (so
// networkMode 'always'). Writes declare `meta: { records: ['runs', …] }` (use-run-actions.ts) and
// the query client's after-write policy refreshes the list; other tabs' writes arrive through the
// changes channel. The run this tab is sending is shown as it is now, not as last written.
import { queryOptions, useQuery } from '@tanstack/react-query'
import { useMemo } from 'react'
import { currentRun, isRunLive, useCurrentRun, type RunView } from './run-controller'
import { isUnfinished, type StoredRun } from './run-record'
import { listRuns } from './run-store'

const ELSEWHERE_POLL_MS = 2_000

export const runQueries = {
  all: () => ['runs'] as const,
  list: () =>
    queryOptions({
      queryKey: [...runQueries.all(), 'list'] as const,
      queryFn: () => listRuns({ isLive: isRunLive }),
      networkMode: 'always',
      staleTime: Infinity,
      // A run going in another tab announces each write; a tab that died announces nothing, so
      // while one is listed as going elsewhere, the list is read again to see it interrupted.
      refetchInterval: (query) =>
        query.state.data?.some((run) => isUnfinished(run) && run.id !== currentRun().id)
          ? ELSEWHERE_POLL_MS
          : false,
    }),
}

/** A run as the Runs view lists it; `here`: this tab's run, which Pause, Resume and Cancel drive. */
export type ListedRun = Pick<StoredRun, 'id' | 'createdAt' | 'name' | 'iterations' | 'state'> & {
  here: boolean
}

function liveOf(view: RunView): ListedRun | undefined {
  const { id, createdAt, name, iterations, state } = view
  if (id === undefined || createdAt === undefined || !state) return undefined
  return { id, createdAt, name, iterations, state, here: true }
}

/**
 * The recent runs, newest first: the stored ones, with this tab's run as it is now in its place (or
 * first, before its first write lands).
 */
export function useRecentRuns() {
  const query = useQuery(runQueries.list())
  const view = useCurrentRun()
  const { data } = query
  const runs = useMemo(() => {
    const stored: ListedRun[] = (data ?? []).map((run) => ({ ...run, here: false }))
    const live = liveOf(view)
    if (!live) return stored
    return stored.some((run) => run.id === live.id)
      ? stored.map((run) => (run.id === live.id ? live : run))
      : [live, ...stored]
  }, [data, view])
  return { runs, isPending: query.isPending, error: query.error }
}
