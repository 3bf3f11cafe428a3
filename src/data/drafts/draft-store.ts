// The composer's draft is saved to localStorage on every change (synchronous, so a reload or a crash
// right after typing still finds it). Opening a preset or a history entry makes a new draft and
// stashes the one the user had, so nothing they typed is lost.
//
// A draft holds the request entity of the chosen kind, and beside it what was typed for the other
// kinds (an invite's fields while Activity is chosen), so switching kind and reloading loses
// nothing (decision 004). Drafts of builds before the entity (the form's flat values) still open.
import { redactKnownSecrets } from '../settings/known-secrets'
import type { Expectation } from '../../mpsd/expectations'
import type { RequestEntity } from '../../mpsd/request-entity'
import {
  emptyRequest,
  fieldsOf,
  requestsFromFields,
  type RequestFields,
} from '../../mpsd/request-fields'
import { migrateRequest } from '../../mpsd/request-migrate'

/** What a draft holds: the chosen kind's request, and the other kinds' typed values. */
export type DraftRequests = { request: RequestEntity; others?: RequestEntity[] }

/** The preset a draft was loaded from: "Save preset" updates it (decision 132). */
export type DraftPreset = { id: string; name: string }

/**
 * `revision` changes whenever a draft is opened from elsewhere: the form remounts on it. `source`
 * ("preset “Weekly”") is said once, when it opens: it is never stored, so neither a reload nor
 * the next edit shows it again. `preset` is stored: the draft stays linked to its preset.
 */
export type StoredDraft = DraftRequests & {
  revision: number
  source?: string
  preset?: DraftPreset
}

function presetOf(input: unknown): DraftPreset | undefined {
  if (!isRecord(input) || typeof input.id !== 'string' || typeof input.name !== 'string')
    return undefined
  return { id: input.id, name: input.name }
}

const DRAFT_KEY = 'handles-workbench:draft'
const STASH_KEY = 'handles-workbench:draft-stash'
export const STASH_LIMIT = 10

function isRecord(input: unknown): input is Record<string, unknown> {
  return typeof input === 'object' && input !== null && !Array.isArray(input)
}

/** A stored draft (or stash item) of any version; something unreadable opens as an empty draft. */
export function parseDraft(input: unknown): DraftRequests {
  if (isRecord(input) && 'request' in input) {
    const request = migrateRequest(input.request)
    if (!request) return { request: emptyRequest() }
    const others = (Array.isArray(input.others) ? input.others : [])
      .map(migrateRequest)
      .filter((other): other is RequestEntity => other !== undefined && other.kind !== request.kind)
    return others.length > 0 ? { request, others } : { request }
  }
  // Before the entity: the form's flat values, every kind's fields at once. Read as an invite
  // (the kind holding every field), then split as the form would for the kind that was chosen.
  const chosen = migrateRequest(input)
  const all = migrateRequest(isRecord(input) ? { ...input, type: 'invite', kind: 'invite' } : input)
  if (!chosen || !all) return { request: emptyRequest() }
  return compact(requestsFromFields({ ...fieldsOf(all), kind: chosen.kind }))
}

function compact({ request, others }: DraftRequests): DraftRequests {
  return others && others.length > 0 ? { request, others } : { request }
}

/** The form's values for a draft: the other kinds' fields under the chosen one's. */
export function draftFields(draft: DraftRequests): RequestFields {
  return fieldsOf(...(draft.others ?? []), draft.request)
}

export function readDraft(): StoredDraft {
  try {
    const raw = localStorage.getItem(DRAFT_KEY)
    if (!raw) return { revision: 0, request: emptyRequest() }
    const data = JSON.parse(raw) as { revision?: unknown; values?: unknown; preset?: unknown }
    const preset = presetOf(data.preset)
    return {
      revision: typeof data.revision === 'number' ? data.revision : 0,
      ...parseDraft('values' in data ? data.values : data),
      ...(preset ? { preset } : {}),
    }
  } catch {
    return { revision: 0, request: emptyRequest() }
  }
}

const listeners = new Set<() => void>()

/** Called whenever the stored draft changes in this tab (the Expect section re-reads its rows). */
export function subscribeDraft(listener: () => void): () => void {
  listeners.add(listener)
  return () => listeners.delete(listener)
}

function write(draft: StoredDraft): void {
  const { revision, request, others, preset } = draft
  localStorage.setItem(
    DRAFT_KEY,
    JSON.stringify({ revision, ...compact({ request, others }), ...(preset ? { preset } : {}) }),
  )
  for (const listener of listeners) listener()
}

/**
 * Autosave: keeps the revision, so the form does not remount while the user types. The form holds
 * fields only: the draft's expectations (edited apart, saveDraftExpectations) are kept.
 */
export function saveDraft(requests: DraftRequests): void {
  const { revision, preset, request: stored } = readDraft()
  const request = stored.expect ? { ...requests.request, expect: stored.expect } : requests.request
  try {
    // A token pasted into a field by mistake stays in the form, never in localStorage.
    write({
      revision,
      ...redactKnownSecrets({ ...requests, request }),
      ...(preset ? { preset } : {}),
    })
  } catch {
    // Storage full or disabled: the form still holds the values; nothing else to do here.
  }
}

/** The Expect section's rows, kept with the draft (an empty list is dropped). */
export function saveDraftExpectations(expect: readonly Expectation[]): void {
  const draft = readDraft()
  const { expect: _old, ...request } = draft.request
  try {
    write({
      ...draft,
      request:
        expect.length > 0 ? { ...request, expect: redactKnownSecrets([...expect]) } : request,
    })
  } catch {
    // Storage full or disabled: the rows stay on screen for this visit.
  }
}

export function readStash(): DraftRequests[] {
  try {
    const raw = localStorage.getItem(STASH_KEY)
    const list = raw ? (JSON.parse(raw) as unknown) : []
    return Array.isArray(list) ? list.map(parseDraft) : []
  } catch {
    return []
  }
}

function isEmpty(draft: DraftRequests): boolean {
  return Object.entries(draftFields(draft)).every(([key, value]) => key === 'kind' || value === '')
}

function stash(list: readonly DraftRequests[]): void {
  localStorage.setItem(STASH_KEY, JSON.stringify(list.slice(0, STASH_LIMIT).map(compact)))
}

/**
 * Opens `request` as a new draft; the previous draft goes to the stash unless it was empty. The
 * composer sends with the Settings' contract version, so an opened request's own is dropped.
 */
export function openDraft(
  request: RequestEntity,
  source?: string,
  preset?: DraftPreset,
): StoredDraft {
  const current = readDraft()
  if (!isEmpty(current)) stash([current, ...readStash()])
  const { contractVersion: _contractVersion, ...opened } = request
  const next: StoredDraft = {
    revision: current.revision + 1,
    request: redactKnownSecrets(opened),
    ...(source ? { source } : {}),
    ...(preset ? { preset } : {}),
  }
  write(next)
  return next
}

/** Links the draft to a preset (saved or saved as new), or unlinks it; the form is not reopened. */
export function linkDraftPreset(preset: DraftPreset | undefined): StoredDraft {
  const { source: _source, preset: _preset, ...current } = readDraft()
  const next: StoredDraft = { ...current, ...(preset ? { preset } : {}) }
  try {
    write(next)
  } catch {
    // Storage full or disabled: the link holds for this visit only.
  }
  return next
}

/** Brings back the most recently stashed draft, stashing the current one in its place. */
export function restoreStashedDraft(): StoredDraft | undefined {
  const [latest, ...rest] = readStash()
  if (!latest) return undefined
  const current = readDraft()
  stash(isEmpty(current) ? rest : [current, ...rest])
  const next: StoredDraft = {
    revision: current.revision + 1,
    ...latest,
    source: 'restored draft',
  }
  write(next)
  return next
}
