// "Send": a React Query mutation over sendAndRecord, which records every call in History. Its meta
// says what it wrote; the query client's after-write policy refreshes History and the Handles ledger.
import { useMutation, useQueryClient } from '@tanstack/react-query'
import { recordingSendFor } from './recording-send'

export const SEND_MUTATION_KEY = ['send'] as const

export function useSendRequest() {
  const queryClient = useQueryClient()
  return useMutation({
    mutationKey: SEND_MUTATION_KEY,
    mutationFn: recordingSendFor(queryClient),
    meta: { records: ['history', 'handles'] },
  })
}
