// "Send": a React Query mutation over sendAndRecord, which records every call in History. It owns
// its invalidation: History and the Handles ledger refresh after every send.
import { useMutation, useQueryClient } from '@tanstack/react-query'
import { historyQueries } from '../history/history-queries'
import { handlesQueries } from '../handles/handles-queries'
import type { SendInput } from './send-and-record'

export const SEND_MUTATION_KEY = ['send'] as const

export function useSendRequest() {
  const queryClient = useQueryClient()
  return useMutation({
    mutationKey: SEND_MUTATION_KEY,
    // The send path (proxy client, History store, IndexedDB) loads with the first Send.
    mutationFn: async (input: SendInput) =>
      (await import('./send-and-record')).sendAndRecord(input),
    onSettled: () =>
      Promise.all([
        queryClient.invalidateQueries({ queryKey: historyQueries.all() }),
        queryClient.invalidateQueries({ queryKey: handlesQueries.all() }),
      ]),
  })
}
