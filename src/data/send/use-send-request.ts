// "Send": a React Query mutation over sendAndRecord, which records every call in History. Its meta
// says what it wrote; the query client's after-write policy refreshes History and the Handles ledger.
import { useMutation } from '@tanstack/react-query'
import type { SendInput } from './send-and-record'

export const SEND_MUTATION_KEY = ['send'] as const

export function useSendRequest() {
  return useMutation({
    mutationKey: SEND_MUTATION_KEY,
    // The send path (proxy client, History store, IndexedDB) loads with the first Send.
    mutationFn: async (input: SendInput) =>
      (await import('./send-and-record')).sendAndRecord(input),
    meta: { records: ['history', 'handles'] },
  })
}
