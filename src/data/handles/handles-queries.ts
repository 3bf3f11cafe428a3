// Query factory for the invite-handle ledger: handles > list. Check and Revoke, which send, are in
// src/data/send/handle-actions.ts.
import { queryOptions, useQuery } from '@tanstack/react-query'

// The ledger store loads on first use, not at first paint.
const store = () => import('./handles-store')

export const handlesQueries = {
  all: () => ['handles'] as const,
  list: () =>
    queryOptions({
      queryKey: [...handlesQueries.all(), 'list'] as const,
      queryFn: async () => (await store()).listHandles(),
      networkMode: 'always',
      staleTime: Infinity,
    }),
}

export function useHandles() {
  return useQuery(handlesQueries.list())
}
