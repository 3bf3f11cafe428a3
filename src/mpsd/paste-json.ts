// Turns what a developer pastes (often a code block from the MPSD docs: comments, trailing commas,
// a missing quote, `{placeholder}` values) into form fields. Everything that could not be mapped is
// listed with a reason; nothing is dropped silently.
import { jsonrepair } from 'jsonrepair'
import { isLosslessNumber, parse } from 'lossless-json'

export type PastedFields = {
  type?: 'activity' | 'invite'
  scid?: string
  templateName?: string
  sessionName?: string
  invitedXuid?: string
  titleId?: string
  context?: string
  contextString?: string
  senderString?: string
}

export type PasteNote = { path: string; reason: string }

export type PasteResult =
  | {
      ok: true
      fields: PastedFields
      /** Fields that were `{placeholder}`s in the text: left empty for the user to fill. */
      placeholders: string[]
      /** Keys that were not mapped, each with why. */
      unmapped: PasteNote[]
      /** True when the text was not strict JSON and had to be repaired. */
      repaired: boolean
    }
  | { ok: false; error: string }

/** Pasting a whole file by mistake should not freeze the tab. */
export const PASTE_MAX_LENGTH = 1_000_000

const PLACEHOLDER = /(:\s*)\{\s*([A-Za-z_][\w.-]*)\s*\}/g
// The docs' invite sample has `"id: "47ca…"`: a key missing its closing quote.
const BROKEN_KEY = /(^[ \t]*|[{,]\s*)"([A-Za-z_]\w*): "/gm

function asText(value: unknown): string | undefined {
  if (typeof value === 'string') return value
  if (isLosslessNumber(value)) return value.value
  if (typeof value === 'number' || typeof value === 'bigint') return String(value)
  if (typeof value === 'boolean') return String(value)
  if (value === null) return ''
  return undefined
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return (
    typeof value === 'object' && value !== null && !Array.isArray(value) && !isLosslessNumber(value)
  )
}

export function parsePastedJson(text: string): PasteResult {
  if (text.trim() === '') return { ok: false, error: 'Nothing to paste: the box is empty.' }
  if (text.length > PASTE_MAX_LENGTH) {
    return {
      ok: false,
      error: `That is ${text.length} characters; paste at most ${PASTE_MAX_LENGTH}.`,
    }
  }
  const placeholders: string[] = []
  let value: unknown
  let repaired = false
  try {
    // Strict JSON first, untouched: the docs rewrites below are regexes that cannot tell a value's
    // text from the structure, so they would turn a value like "hi: {name}" into a broken placeholder.
    value = parse(text)
  } catch {
    const prepared = text
      .replace(
        PLACEHOLDER,
        (_m, colon: string, name: string) => `${colon}"\u2063placeholder:${name}"`,
      )
      .replace(BROKEN_KEY, (_m, lead: string, key: string) => `${lead}"${key}": "`)
    try {
      value = parse(prepared)
    } catch {
      try {
        value = parse(jsonrepair(prepared))
      } catch (error) {
        const detail = error instanceof Error ? error.message : String(error)
        return { ok: false, error: `This is not JSON the Workbench can read: ${detail}` }
      }
    }
    repaired = true
  }
  if (!isRecord(value)) {
    return { ok: false, error: 'Paste a JSON object: a handle body or a session reference.' }
  }

  const fields: PastedFields = {}
  const unmapped: PasteNote[] = []

  const take = (raw: unknown, path: string, set: (text: string) => void) => {
    const text = asText(raw)
    if (text === undefined) {
      unmapped.push({ path, reason: 'expected a text value, found an object or a list' })
      return
    }
    if (text.startsWith('\u2063placeholder:')) {
      placeholders.push(path)
      set('')
      return
    }
    set(text)
  }

  const mapSessionRef = (ref: Record<string, unknown>, prefix: string) => {
    for (const [key, raw] of Object.entries(ref)) {
      const path = prefix ? `${prefix}.${key}` : key
      if (key === 'scid') take(raw, path, (t) => (fields.scid = t))
      else if (key === 'templateName') take(raw, path, (t) => (fields.templateName = t))
      else if (key === 'name') take(raw, path, (t) => (fields.sessionName = t))
      else unmapped.push({ path, reason: 'not part of a session reference' })
    }
  }

  const looksLikeSessionRef = !('type' in value) && ('scid' in value || 'templateName' in value)
  if (looksLikeSessionRef) {
    mapSessionRef(value, '')
  } else {
    for (const [key, raw] of Object.entries(value)) {
      if (key === 'type') {
        const type = asText(raw)
        if (type === 'activity' || type === 'invite') fields.type = type
        else
          unmapped.push({
            path: 'type',
            reason: `"${type ?? '?'}" handles are not composed here (only activity and invite)`,
          })
      } else if (key === 'sessionRef' && isRecord(raw)) {
        mapSessionRef(raw, 'sessionRef')
      } else if (key === 'version') {
        const version = asText(raw)
        if (version !== '1')
          unmapped.push({
            path: 'version',
            reason: `handle version ${version ?? '?'} is not 1; the Workbench always sends 1`,
          })
      } else if (key === 'id') {
        unmapped.push({ path: 'id', reason: 'MPSD assigns handle ids; a request never sends one' })
      } else if (key === 'invitedXuid') {
        take(raw, 'invitedXuid', (t) => (fields.invitedXuid = t))
      } else if (key === 'inviteAttributes' && isRecord(raw)) {
        for (const [attr, attrRaw] of Object.entries(raw)) {
          const path = `inviteAttributes.${attr}`
          if (attr === 'titleId') take(attrRaw, path, (t) => (fields.titleId = t))
          else if (attr === 'context') take(attrRaw, path, (t) => (fields.context = t))
          else if (attr === 'contextString') take(attrRaw, path, (t) => (fields.contextString = t))
          else if (attr === 'senderString') take(attrRaw, path, (t) => (fields.senderString = t))
          else unmapped.push({ path, reason: 'not an invite attribute MPSD knows' })
        }
      } else {
        unmapped.push({ path: key, reason: 'not a field of an activity or invite body' })
      }
    }
  }
  if (Object.keys(fields).length === 0) {
    return {
      ok: false,
      error:
        'Nothing in this JSON maps to the form: expected sessionRef, invitedXuid or inviteAttributes.',
    }
  }
  return { ok: true, fields, placeholders, unmapped, repaired }
}
