import { queryOptions, useMutation, useQueryClient } from '@tanstack/react-query'
import { useCallback } from 'react'
import { useLocation } from 'wouter'
import type { RequestEntity } from '../../mpsd/request-entity'
import { requestsFromFields, type RequestFields } from '../../mpsd/request-fields'
import { openDraft, readDraft, restoreStashedDraft, saveDraft } from './draft-store'

export const draftQueries = {
  all: () => ['drafts'] as const,
  // Read once per revision; autosave writes localStorage directly so typing never refetches.
  current: () =>
    queryOptions({
      queryKey: [...draftQueries.all(), 'current'] as const,
      queryFn: readDraft,
      // localStorage is synchronous: with initialData the composer never suspends, so it paints
      // on the first render (a suspended boundary is revealed no sooner than React's 300 ms throttle).
      initialData: readDraft,
      staleTime: Infinity,
      networkMode: 'always',
    }),
}

/**
 * Autosave: localStorage first (synchronous, survives a crash), then the cached draft, so coming back
 * to Compose from another view shows what was typed, not the draft as it was when first read.
 */
export function useAutosaveDraft() {
  const queryClient = useQueryClient()
  return useCallback(
    (values: RequestFields) => {
      const { request, others } = requestsFromFields(values)
      saveDraft({ request, others })
      queryClient.setQueryData(draftQueries.current().queryKey, (old) =>
        old ? { ...old, request, others } : old,
      )
    },
    [queryClient],
  )
}

/** "Open in composer": loads a request as a new draft and goes to Compose. */
export function useOpenInComposer() {
  const queryClient = useQueryClient()
  const [, navigate] = useLocation()
  return useMutation({
    mutationFn: async ({ request, source }: { request: RequestEntity; source?: string }) =>
      openDraft(request, source),
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
