// Turns what a developer pastes (often a code block from the MPSD docs: comments, trailing commas,
// a missing quote, `{placeholder}` values) into a request. Everything that could not be mapped is
// listed with a reason; nothing is dropped silently.
import { jsonrepair } from 'jsonrepair'
import { parse } from 'lossless-json'
import { isCurlCommand, parseCurl } from './paste-curl'
import { isJsonObject, mapHandleBody, PLACEHOLDER_MARK, type BodyNote } from './handle-body-fields'
import type { RequestEntity } from './request-entity'
import {
  fieldsOf,
  REQUEST_FIELDS,
  requestFromFields,
  type RequestField,
  type RequestFields,
} from './request-fields'

export type PasteNote = BodyNote

export type PasteResult =
  | {
      ok: true
      /** The pasted request; a paste without a `type` is read as an invite. */
      request: RequestEntity
      /** What the text set, in the order it said it: only these replace what the form holds. */
      filled: Array<'kind' | RequestField>
      /** Where the text had `{placeholder}`s (`inviteAttributes.titleId`…). */
      placeholders: string[]
      /** The fields those placeholders were for: a paste keeps what the form holds in them. */
      placeholderFields: RequestField[]
      /**
       * 'sessionRef' when the text was a session reference alone (no type, only its fields): it
       * replaces the session reference, not the whole request.
       */
      scope: 'request' | 'sessionRef'
      /** Keys that were not mapped, each with why. */
      unmapped: PasteNote[]
      /** True when the text was not strict JSON and had to be repaired. */
      repaired: boolean
    }
  | { ok: false; error: string }

export type PastedRequest = Extract<PasteResult, { ok: true }>

/** The form values a paste sets: only the fields it said, with the text it gave. */
export function pastedFields(pasted: PastedRequest): Partial<RequestFields> {
  const all = fieldsOf(pasted.request)
  return Object.fromEntries(pasted.filled.map((key) => [key, all[key]]))
}

/** Pasting a whole file by mistake should not freeze the tab. */
export const PASTE_MAX_LENGTH = 1_000_000

const PLACEHOLDER = /(:\s*)(?:\{\s*([A-Za-z_][\w.-]*)\s*\}|<\s*([A-Za-z_][\w.-]*)\s*>)/g
/**
 * A whole quoted value standing for one to fill in: `"{scid}"` or `"<scid>"`. Never `"{{scid}}"`: that
 * is an environment variable reference, kept as pasted.
 */
const QUOTED_PLACEHOLDER = /^\s*(?:\{(?!\{)\s*[A-Za-z_][\w.-]*\s*\}|<\s*[A-Za-z_][\w.-]*\s*>)\s*$/

export function isPlaceholderValue(text: string): boolean {
  return QUOTED_PLACEHOLDER.test(text)
}
// The docs' invite sample has `"id: "47ca…"`: a key missing its closing quote.
const BROKEN_KEY = /(^[ \t]*|[{,]\s*)"([A-Za-z_]\w*): "/gm

/** Numbers are kept as their digits: XUIDs are 64-bit and a double would change them. */
const parseKeepingDigits = (text: string): unknown => parse(text, null, (digits) => digits)

export function parsePastedJson(text: string): PasteResult {
  if (text.trim() === '') return { ok: false, error: 'Nothing to paste: the box is empty.' }
  if (text.length > PASTE_MAX_LENGTH) {
    return {
      ok: false,
      error: `That is ${text.length} characters; paste at most ${PASTE_MAX_LENGTH}.`,
    }
  }
  let value: unknown
  let repaired = false
  try {
    // Strict JSON first, untouched: the docs rewrites below are regexes that cannot tell a value's
    // text from the structure, so they would turn a value like "hi: {name}" into a broken placeholder.
    value = parseKeepingDigits(text)
  } catch {
    const prepared = text
      .replace(
        PLACEHOLDER,
        (_m, colon: string, braced?: string, angled?: string) =>
          `${colon}"${PLACEHOLDER_MARK}${braced ?? angled ?? ''}"`,
      )
      .replace(BROKEN_KEY, (_m, lead: string, key: string) => `${lead}"${key}": "`)
    try {
      value = parseKeepingDigits(prepared)
    } catch {
      try {
        value = parseKeepingDigits(jsonrepair(prepared))
      } catch (error) {
        const detail = error instanceof Error ? error.message : String(error)
        return { ok: false, error: `This is not JSON the Workbench can read: ${detail}` }
      }
    }
    repaired = true
  }
  if (!isJsonObject(value)) {
    return { ok: false, error: 'Paste a JSON object: a handle body or a session reference.' }
  }

  const { kind, fields, placeholders, unmapped, paths } = mapHandleBody(value)
  const placeholderFields: RequestField[] = []
  for (const field of Object.keys(fields) as RequestField[]) {
    const path = paths[field] ?? field
    if (isPlaceholderValue(fields[field] ?? '')) {
      fields[field] = ''
      placeholders.push(path)
    }
    if (placeholders.includes(path)) placeholderFields.push(field)
  }
  const filled = [...(kind ? (['kind'] as const) : []), ...(Object.keys(fields) as RequestField[])]
  if (filled.length === 0) {
    return {
      ok: false,
      error:
        'Nothing in this JSON maps to the form: expected sessionRef, invitedXuid or inviteAttributes.',
    }
  }
  return {
    ok: true,
    request: requestFromFields({ ...fields, kind: kind ?? 'invite' }),
    filled,
    placeholders,
    placeholderFields,
    scope:
      !kind && filled.every((key) => key !== 'kind' && REQUEST_FIELDS[key].block === 'sessionRef')
        ? 'sessionRef'
        : 'request',
    unmapped,
    repaired,
  }
}

/** What the paste box takes: a body (JSON, repaired if need be) or a curl command that sends one. */
export function parsePastedText(text: string): PasteResult {
  if (text.length > PASTE_MAX_LENGTH || !isCurlCommand(text)) return parsePastedJson(text)
  const read = parseCurl(text)
  if (!read.ok) return read
  const { method, url, headers, body, ignored } = read.command
  if (body === undefined)
    return {
      ok: false,
      error: `This curl command (${method} ${url}) sends no body to fill the form with.`,
    }
  const result = parsePastedJson(body)
  if (!result.ok) return { ok: false, error: `The curl command's body: ${result.error}` }
  const notes: PasteNote[] = []
  const path = pathOf(url)
  if (method !== 'POST' || path !== '/handles')
    notes.push({
      path: `${method} ${path}`,
      reason: 'the form composes POST /handles; this method and path are not kept',
    })
  for (const [name, value] of headers) {
    const lower = name.toLowerCase()
    if (lower === 'content-type' && /^application\/json/i.test(value)) continue
    notes.push({
      path: `header ${name}`,
      reason:
        lower === 'authorization'
          ? 'not kept: who sends is chosen in Act as, and a token is never stored'
          : lower === 'x-xbl-contract-version'
            ? 'the contract version sent is the one in Settings'
            : 'the Workbench sends its own headers',
    })
  }
  return { ...result, unmapped: [...notes, ...ignored, ...result.unmapped] }
}

function pathOf(url: string): string {
  try {
    return new URL(url, 'http://relative.invalid').pathname
  } catch {
    return url
  }
}
