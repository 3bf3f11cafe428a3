// The composer's draft is saved to localStorage on every change (synchronous, so a reload or a crash
// right after typing still finds it). Opening a preset or a history entry makes a new draft and
// stashes the one the user had, so nothing they typed is lost.
import { z } from 'zod'
import { redactKnownSecrets } from '../settings/known-secrets'

function buildDraftSchema() {
  return z.object({
    type: z.enum(['activity', 'invite']).catch('invite'),
    scid: z.string().catch(''),
    templateName: z.string().catch(''),
    sessionName: z.string().catch(''),
    invitedXuid: z.string().catch(''),
    titleId: z.string().catch(''),
    context: z.string().catch(''),
    contextString: z.string().catch(''),
    senderString: z.string().catch(''),
  })
}
export type ComposeDraft = z.infer<ReturnType<typeof buildDraftSchema>>

// Built on first use, not when the page loads: zod schemas are slow to build, and a first visit
// (nothing stored) opens the composer without needing it.
let composeDraftSchema: ReturnType<typeof buildDraftSchema> | undefined

export const EMPTY_DRAFT: ComposeDraft = {
  type: 'invite',
  scid: '',
  templateName: '',
  sessionName: '',
  invitedXuid: '',
  titleId: '',
  context: '',
  contextString: '',
  senderString: '',
}

/** `revision` changes whenever a draft is opened from elsewhere: the form remounts on it. */
export type StoredDraft = { revision: number; values: ComposeDraft; source?: string }

const DRAFT_KEY = 'handles-workbench:draft'
const STASH_KEY = 'handles-workbench:draft-stash'
export const STASH_LIMIT = 10

export function parseDraft(input: unknown): ComposeDraft {
  const parsed = (composeDraftSchema ??= buildDraftSchema()).safeParse(input)
  return parsed.success ? parsed.data : EMPTY_DRAFT
}

export function readDraft(): StoredDraft {
  try {
    const raw = localStorage.getItem(DRAFT_KEY)
    if (!raw) return { revision: 0, values: EMPTY_DRAFT }
    const data = JSON.parse(raw) as { revision?: unknown; values?: unknown; source?: unknown }
    return {
      revision: typeof data.revision === 'number' ? data.revision : 0,
      values: parseDraft(data.values),
      ...(typeof data.source === 'string' ? { source: data.source } : {}),
    }
  } catch {
    return { revision: 0, values: EMPTY_DRAFT }
  }
}

/** Autosave: keeps the revision, so the form does not remount while the user types. */
export function saveDraftValues(values: ComposeDraft): void {
  const current = readDraft()
  try {
    // A token pasted into a field by mistake stays in the form, never in localStorage.
    localStorage.setItem(
      DRAFT_KEY,
      JSON.stringify({ ...current, values: redactKnownSecrets(parseDraft(values)) }),
    )
  } catch {
    // Storage full or disabled: the form still holds the values; nothing else to do here.
  }
}

export function readStash(): ComposeDraft[] {
  try {
    const raw = localStorage.getItem(STASH_KEY)
    const list = raw ? (JSON.parse(raw) as unknown) : []
    return Array.isArray(list) ? list.map(parseDraft) : []
  } catch {
    return []
  }
}

function isEmpty(values: ComposeDraft): boolean {
  return Object.entries(values).every(([key, value]) => key === 'type' || value === '')
}

/** Opens `values` as a new draft; the previous draft goes to the stash unless it was empty. */
export function openDraft(values: ComposeDraft, source?: string): StoredDraft {
  const current = readDraft()
  if (!isEmpty(current.values)) {
    const stash = [current.values, ...readStash()].slice(0, STASH_LIMIT)
    localStorage.setItem(STASH_KEY, JSON.stringify(stash))
  }
  const next: StoredDraft = {
    revision: current.revision + 1,
    values: redactKnownSecrets(parseDraft(values)),
    ...(source ? { source } : {}),
  }
  localStorage.setItem(DRAFT_KEY, JSON.stringify(next))
  return next
}

/** Brings back the most recently stashed draft, stashing the current one in its place. */
export function restoreStashedDraft(): StoredDraft | undefined {
  const [latest, ...rest] = readStash()
  if (!latest) return undefined
  const current = readDraft()
  localStorage.setItem(
    STASH_KEY,
    JSON.stringify(
      isEmpty(current.values) ? rest : [current.values, ...rest].slice(0, STASH_LIMIT),
    ),
  )
  const next: StoredDraft = {
    revision: current.revision + 1,
    values: latest,
    source: 'restored draft',
  }
  localStorage.setItem(DRAFT_KEY, JSON.stringify(next))
  return next
}
