import { queryOptions, useMutation, useQueryClient } from '@tanstack/react-query'
import { useLocation } from 'wouter'
import { openDraft, readDraft, restoreStashedDraft, type ComposeDraft } from './draft-store'

export const draftQueries = {
  all: () => ['drafts'] as const,
  // Read once per revision; autosave writes localStorage directly so typing never refetches.
  current: () =>
    queryOptions({
      queryKey: [...draftQueries.all(), 'current'] as const,
      queryFn: readDraft,
      staleTime: Infinity,
      networkMode: 'always',
    }),
}

/** "Open in composer": loads values as a new draft and goes to Compose. */
export function useOpenInComposer() {
  const queryClient = useQueryClient()
  const [, navigate] = useLocation()
  return useMutation({
    mutationFn: async ({ values, source }: { values: ComposeDraft; source?: string }) =>
      openDraft(values, source),
    onSuccess: (stored) => {
      queryClient.setQueryData(draftQueries.current().queryKey, stored)
      navigate('/')
    },
  })
}

export function useRestoreStashedDraft() {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: async () => restoreStashedDraft() ?? null,
    onSuccess: (stored) => {
      if (stored) queryClient.setQueryData(draftQueries.current().queryKey, stored)
    },
  })
}
