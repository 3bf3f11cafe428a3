// "Send": a React Query mutation over sendAndRecord, which records every call in History. Its meta
// says what it wrote; the query client's after-write policy refreshes History and the Handles ledger.
import { useMutation, useQueryClient, type QueryClient } from '@tanstack/react-query'
import { recordingSendFor } from './recording-send'

export const SEND_MUTATION_KEY = ['send'] as const
/**
 * Compose's own sends, under SEND_MUTATION_KEY: the Response panel shows only these, so a Replay
 * made in History or a lookup in Inbox never shows up as the answer to the draft.
 */
export const COMPOSE_SEND_KEY = [...SEND_MUTATION_KEY, 'compose'] as const

export function useSendRequest(mutationKey: readonly string[] = SEND_MUTATION_KEY) {
  const queryClient = useQueryClient()
  return useMutation({
    mutationKey,
    mutationFn: recordingSendFor(queryClient),
    meta: { records: ['history', 'handles'] },
  })
}

/** Forgets Compose's answers: another draft was opened, and the answer was not to it. */
export function forgetComposeSends(queryClient: QueryClient): void {
  const cache = queryClient.getMutationCache()
  for (const mutation of cache.findAll({ mutationKey: COMPOSE_SEND_KEY })) cache.remove(mutation)
}
