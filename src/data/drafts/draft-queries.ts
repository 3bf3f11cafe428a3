import { queryOptions, useMutation, useQueryClient, type QueryClient } from '@tanstack/react-query'
import { useCallback, useEffect } from 'react'
import { useLocation } from 'wouter'
import type { RequestEntity } from '../../mpsd/request-entity'
import { requestsFromFields, type RequestFields } from '../../mpsd/request-fields'
import { forgetComposeSends } from '../send/use-send-request'
import {
  linkDraftPreset,
  openDraft,
  type DraftPreset,
  readDraft,
  restoreStashedDraft,
  saveDraft,
} from './draft-store'

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
 * How long autosave waits after a change before writing. Writing on every keystroke (redaction, JSON
 * and a synchronous localStorage write) held every key's frame back; a write at most this often
 * costs nothing a user notices, and a reload, a tab switch or leaving Compose writes at once.
 */
export const AUTOSAVE_DELAY_MS = 300

let pending: { values: RequestFields; queryClient: QueryClient } | undefined
let timer: ReturnType<typeof setTimeout> | undefined

/**
 * Writes the latest unsaved values now: localStorage first (it survives a reload or a crash), then
 * the cached draft, so coming back to Compose from another view shows what was typed.
 */
export function flushDraftAutosave(): void {
  if (timer !== undefined) clearTimeout(timer)
  timer = undefined
  const next = pending
  pending = undefined
  if (!next) return
  const { request, others } = requestsFromFields(next.values)
  saveDraft({ request, others })
  // An edit ends the "Opened from …" notice: it was about the draft as opened.
  next.queryClient.setQueryData(draftQueries.current().queryKey, (old) => {
    if (!old) return old
    const { source: _source, ...kept } = old
    return { ...kept, request, others }
  })
}

/** The write itself waits for an idle moment, so it never sits between a keystroke and its frame. */
function flushWhenIdle(): void {
  if (typeof requestIdleCallback === 'function')
    requestIdleCallback(flushDraftAutosave, { timeout: AUTOSAVE_DELAY_MS })
  else flushDraftAutosave()
}

function flushWhenHidden(): void {
  if (document.visibilityState === 'hidden') flushDraftAutosave()
}

/**
 * Autosave for the composer: the returned function takes the form's latest values and writes them
 * in the first idle moment after AUTOSAVE_DELAY_MS (and at most that much later again). Unsaved
 * values are written at once when the page is hidden or unloaded (pagehide fires on reload and
 * close, visibilitychange when the tab goes to the background, the last moment a mobile browser
 * guarantees) and when the composer unmounts (another view opens).
 */
export function useAutosaveDraft() {
  const queryClient = useQueryClient()
  useEffect(() => {
    window.addEventListener('pagehide', flushDraftAutosave)
    document.addEventListener('visibilitychange', flushWhenHidden)
    return () => {
      window.removeEventListener('pagehide', flushDraftAutosave)
      document.removeEventListener('visibilitychange', flushWhenHidden)
      flushDraftAutosave()
    }
  }, [])
  return useCallback(
    (values: RequestFields) => {
      pending = { values, queryClient }
      timer ??= setTimeout(flushWhenIdle, AUTOSAVE_DELAY_MS)
    },
    [queryClient],
  )
}

/** "Open in composer": loads a request as a new draft and goes to Compose. */
export function useOpenInComposer() {
  const queryClient = useQueryClient()
  const [, navigate] = useLocation()
  return useMutation({
    mutationFn: async ({
      request,
      source,
      preset,
    }: {
      request: RequestEntity
      source?: string
      /** The preset it comes from: "Save preset" then updates that preset. */
      preset?: DraftPreset
    }) => {
      // The draft being typed is stashed by openDraft: it must be in storage, whole, first.
      flushDraftAutosave()
      return openDraft(request, source, preset)
    },
    onSuccess: (stored) => {
      // The answer on screen was to the draft just put aside: it must not read as this one's.
      forgetComposeSends(queryClient)
      queryClient.setQueryData(draftQueries.current().queryKey, stored)
      navigate('/')
    },
  })
}

export function useRestoreStashedDraft() {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: async () => {
      flushDraftAutosave()
      return restoreStashedDraft() ?? null
    },
    onSuccess: (stored) => {
      if (!stored) return
      forgetComposeSends(queryClient)
      queryClient.setQueryData(draftQueries.current().queryKey, stored)
    },
  })
}

/** Links the draft to the preset it was saved as; the form keeps what it holds. */
export function useLinkDraftPreset() {
  const queryClient = useQueryClient()
  return useCallback(
    (preset: DraftPreset | undefined) => {
      flushDraftAutosave()
      const next = linkDraftPreset(preset)
      queryClient.setQueryData(draftQueries.current().queryKey, (old) =>
        old ? { ...old, preset: next.preset } : old,
      )
    },
    [queryClient],
  )
}
