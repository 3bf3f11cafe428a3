// The app's QueryClient, and the one policy for what follows a write: a mutation declares the
// stores it wrote in its meta (`meta: { records: ['history', 'handles'] }`), and when it settles
// the MutationCache refreshes those views. Features never write these invalidations by hand; the
// cross-tab sync and a running batch feed the same refreshRecords.
import { MutationCache, QueryClient, type DefaultOptions } from '@tanstack/react-query'

/** The stores a write can touch; each is the root key of its query factory (['history'], …). */
export type RecordTopic =
  | 'history'
  | 'handles'
  | 'presets'
  | 'batch'
  | 'runs'
  | 'settings'
  | 'identities'
  | 'environments'
  | 'sim-rules'

declare module '@tanstack/react-query' {
  interface Register {
    mutationMeta: { records?: readonly RecordTopic[] }
  }
}

/**
 * Refreshes every view of the given stores (History, the Handles ledger, batch runs, runs of
 * presets, presets, the signed-in accounts).
 */
export async function refreshRecords(
  queryClient: QueryClient,
  topics: readonly RecordTopic[],
): Promise<void> {
  // Topics are the factories' roots (historyQueries.all() is ['history']…): lib never imports data.
  await Promise.all(topics.map((topic) => queryClient.invalidateQueries({ queryKey: [topic] })))
}

export function createQueryClient(defaultOptions: DefaultOptions = {}) {
  const queryClient: QueryClient = new QueryClient({
    mutationCache: new MutationCache({
      // Awaited before the mutation's own callbacks: a Send is done once History shows it.
      onSettled: (_data, _error, _variables, _result, mutation) => {
        const records = mutation.meta?.records
        return records ? refreshRecords(queryClient, records) : undefined
      },
    }),
    defaultOptions: {
      queries: { retry: 1, refetchOnWindowFocus: false, ...defaultOptions.queries },
      // Never retry a mutation by default: a replayed invite is a new invite [spec §4].
      mutations: { retry: false, ...defaultOptions.mutations },
    },
  })
  return queryClient
}
