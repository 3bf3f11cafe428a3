// The composer's expectations: the Expect section edits them, Send and "Save preset" take them.
// They live in the stored draft beside its fields (draft-store.ts), so a reload, opening a preset
// or a History entry, and "Restore previous draft" bring them back with the request.
import { useSyncExternalStore } from 'react'
import type { Expectation } from '../../mpsd/expectations'
import type { RequestEntity } from '../../mpsd/request-entity'
import { resolveRequest, type Variables } from '../../mpsd/variables'
import { readDraft, subscribeDraft } from './draft-store'

const NONE: readonly Expectation[] = []
let cached: { key: string; value: readonly Expectation[] } = { key: '[]', value: NONE }

/** The draft's rows; the same array until they change (a snapshot for useSyncExternalStore). */
export function readDraftExpectations(): readonly Expectation[] {
  const list = readDraft().request.expect ?? []
  const key = JSON.stringify(list)
  if (key !== cached.key) cached = { key, value: list }
  return cached.value
}

export function useDraftExpectations(): readonly Expectation[] {
  return useSyncExternalStore(subscribeDraft, readDraftExpectations)
}

/**
 * The composed request with the draft's expectations: what Send checks and History keeps. With
 * `variables`, their `{{names}}` are resolved as the request's are (an unknown one stays as typed,
 * and the check fails saying what it compared).
 */
export function withDraftExpectations(
  request: RequestEntity,
  variables?: Variables,
): RequestEntity {
  const expect = readDraftExpectations()
  if (expect.length === 0) return request
  const list = variables ? resolveRequest([...expect], variables).request : [...expect]
  return { ...request, expect: list }
}
