// Query factory for batch runs: batch > latest and batch > runs. Local IndexedDB reads, so
// networkMode 'always'; writes announce 'batch' to other tabs (batch-store) and invalidate here.
import { queryOptions, useQuery } from '@tanstack/react-query'
import { getLiveBatch, isRunHeldElsewhere } from './batch-controller'
import { latestBatchRun, listBatchRuns } from './batch-store'

export const batchQueries = {
  all: () => ['batch'] as const,
  latest: () =>
    queryOptions({
      queryKey: [...batchQueries.all(), 'latest'] as const,
      queryFn: async () => {
        // The run this tab is sending is the truth; the stored copy may be a step behind.
        const current = getLiveBatch()
        if (current?.controller) return current.run
        return latestBatchRun({ isHeldElsewhere: isRunHeldElsewhere })
      },
      networkMode: 'always',
      staleTime: Infinity,
    }),
  runs: () =>
    queryOptions({
      queryKey: [...batchQueries.all(), 'runs'] as const,
      queryFn: listBatchRuns,
      networkMode: 'always',
      staleTime: Infinity,
    }),
}

export function useLatestBatchRun() {
  return useQuery(batchQueries.latest())
}
