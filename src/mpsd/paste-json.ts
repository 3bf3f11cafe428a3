// Turns what a developer pastes (often a code block from the MPSD or MPA docs: comments, trailing
// commas, a missing quote, `{placeholder}` values) into a request. Everything that could not be
// mapped is listed with a reason; nothing is dropped silently.
import { jsonrepair } from 'jsonrepair'
import { parse } from 'lossless-json'
import { isCurlCommand, parseCurl } from './paste-curl'
import { isJsonObject, mapHandleBody, PLACEHOLDER_MARK, type BodyNote } from './handle-body-fields'
import { mpaFromBody, mpaFromWire, mpaKindOfBody, type MpaParsed } from './mpa/mpa-from-wire'
import { MPA_PATH_PREFIX } from './mpa/mpa-limits'
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
       * Fields the text could not give: a Multiplayer Activity body pasted without its URL says
       * nothing of the title or the user (they are in the path), so the form keeps its values.
       */
      unsaid: RequestField[]
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

type ReadJson = { ok: true; value: unknown; repaired: boolean } | { ok: false; error: string }

/** The text as JSON: strict first, then with the docs' habits repaired. */
function readPastedJson(text: string): ReadJson {
  if (text.trim() === '') return { ok: false, error: 'Nothing to paste: the box is empty.' }
  if (text.length > PASTE_MAX_LENGTH) {
    return {
      ok: false,
      error: `That is ${text.length} characters; paste at most ${PASTE_MAX_LENGTH}.`,
    }
  }
  try {
    // Strict JSON first, untouched: the docs rewrites below are regexes that cannot tell a value's
    // text from the structure, so they would turn a value like "hi: {name}" into a broken placeholder.
    return { ok: true, value: parseKeepingDigits(text), repaired: false }
  } catch {
    const prepared = text
      .replace(
        PLACEHOLDER,
        (_m, colon: string, braced?: string, angled?: string) =>
          `${colon}"${PLACEHOLDER_MARK}${braced ?? angled ?? ''}"`,
      )
      .replace(BROKEN_KEY, (_m, lead: string, key: string) => `${lead}"${key}": "`)
    try {
      return { ok: true, value: parseKeepingDigits(prepared), repaired: true }
    } catch {
      try {
        return { ok: true, value: parseKeepingDigits(jsonrepair(prepared)), repaired: true }
      } catch (error) {
        const detail = error instanceof Error ? error.message : String(error)
        return { ok: false, error: `This is not JSON the Workbench can read: ${detail}` }
      }
    }
  }
}

const MARKED = new RegExp(`${PLACEHOLDER_MARK}([A-Za-z_][\\w.-]*)`, 'g')
const WHOLE_MARK = new RegExp(`^${PLACEHOLDER_MARK}[A-Za-z_][\\w.-]*$`)

/** Members only an MPSD body (or a session reference) has: a body with one is never read as MPA. */
const MPSD_MEMBERS = [
  'type',
  'sessionRef',
  'scid',
  'templateName',
  'name',
  'invitedXuid',
  'inviteAttributes',
  'originSessionRef',
  'searchAttributes',
]

function isMpaBody(value: Record<string, unknown>): boolean {
  return (
    !MPSD_MEMBERS.some((member) => Object.hasOwn(value, member)) &&
    mpaKindOfBody(value) !== undefined
  )
}

/** A value that was a whole `{placeholder}`, quoted by the paste or by the docs. */
function isWholePlaceholder(text: string): boolean {
  return WHOLE_MARK.test(text) || isPlaceholderValue(text)
}

function isPlaceholderText(text: string): boolean {
  if (isWholePlaceholder(text)) return true
  // A list (one XUID per line) of nothing but placeholders: `["{xuid1}", "{xuid2}"]`.
  const lines = text.split('\n').filter((line) => line.trim() !== '')
  return lines.length > 1 && lines.every(isWholePlaceholder)
}

/** A Multiplayer Activity call, from a body alone or a curl command's method, URL and body. */
function pastedMpa(
  parsed: Extract<MpaParsed, { ok: true }>,
  repaired: boolean,
  from: 'body' | 'url',
): PasteResult {
  const kind = parsed.request.kind
  const fields: Partial<RequestFields> = {}
  const placeholders: string[] = []
  const placeholderFields: RequestField[] = []
  for (const [field, text] of Object.entries(parsed.fields) as Array<[RequestField, string]>) {
    if (isPlaceholderText(text)) {
      fields[field] = ''
      placeholders.push(parsed.paths[field] ?? field)
      placeholderFields.push(field)
    } else fields[field] = text.includes(PLACEHOLDER_MARK) ? restoreMarks(text) : text
  }
  // The user too for calls without one (invites): switching back to Set activity finds it.
  const unsaid: RequestField[] = from === 'body' ? ['mpaTitleId', 'mpaXuid'] : []
  return {
    ok: true,
    request: requestFromFields({ ...fields, kind }),
    filled: ['kind', ...(Object.keys(fields) as RequestField[])],
    placeholders,
    placeholderFields,
    unsaid,
    scope: 'request',
    unmapped: parsed.unmapped,
    repaired,
  }
}

/** `\u2063placeholder:xuid` inside a longer value back to `{xuid}`, as it was pasted. */
function restoreMarks(text: string): string {
  return text.replace(MARKED, '{$1}')
}

export function parsePastedJson(text: string): PasteResult {
  const read = readPastedJson(text)
  if (!read.ok) return read
  const { value, repaired } = read
  if (!isJsonObject(value)) {
    return {
      ok: false,
      error:
        'Paste a JSON object: a handle body, a session reference or a Multiplayer Activity body.',
    }
  }
  if (isMpaBody(value)) {
    const mpa = mpaFromBody(value)
    if (mpa?.ok) return pastedMpa(mpa, repaired, 'body')
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
        'Nothing in this JSON maps to the form: expected sessionRef, invitedXuid or inviteAttributes (MPSD), or connectionString, invitedUsers, users or recentPlayers (Multiplayer Activity).',
    }
  }
  return {
    ok: true,
    request: requestFromFields({ ...fields, kind: kind ?? 'invite' }),
    filled,
    placeholders,
    placeholderFields,
    unsaid: [],
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
  const path = pathOf(url)
  const mpaPath = mpaPathOf(path)
  if (mpaPath !== undefined) {
    const result = pastedMpaCall(method, mpaPath, body)
    if (!result.ok) return result
    return {
      ...result,
      unmapped: [...headerNotes(headers, 'mpa'), ...ignored, ...result.unmapped],
    }
  }
  if (body === undefined)
    return {
      ok: false,
      error: `This curl command (${method} ${url}) sends no body to fill the form with.`,
    }
  const result = parsePastedJson(body)
  if (!result.ok) return { ok: false, error: `The curl command's body: ${result.error}` }
  const notes: PasteNote[] = []
  if (method !== 'POST' || path !== '/handles')
    notes.push({
      path: `${method} ${path}`,
      reason: 'the form composes POST /handles; this method and path are not kept',
    })
  return {
    ...result,
    unmapped: [...notes, ...headerNotes(headers, 'mpsd'), ...ignored, ...result.unmapped],
  }
}

/**
 * The Multiplayer Activity part of a URL's path (`/titles/…`), after at most one segment before
 * it: the simulator's `/sim` ("Copy as curl" against the simulator), a `$MPA_BASE_URL` the
 * exports write. Deeper paths are MPSD's (a session template may be called "titles").
 */
function mpaPathOf(path: string): string | undefined {
  const match = new RegExp(`^(?:/[^/]+)?(${MPA_PATH_PREFIX}.*?)/*$`).exec(path)
  return match?.[1]
}

/** A curl command to MPA: the method and path say the call, the title and the user. */
function pastedMpaCall(method: string, path: string, body: string | undefined): PasteResult {
  let value: unknown
  let repaired = false
  if (body !== undefined && body.trim() !== '') {
    const read = readPastedJson(body)
    if (!read.ok) return { ok: false, error: `The curl command's body: ${read.error}` }
    ;({ value, repaired } = read)
  }
  const parsed = mpaFromWire(method, path, value)
  if (!parsed)
    return {
      ok: false,
      error: `${method} ${path} is not a Multiplayer Activity call the composer makes (set, delete or query activities, send invites, update recent players).`,
    }
  if (!parsed.ok) return { ok: false, error: `The curl command's body: ${parsed.error}` }
  return pastedMpa(parsed, repaired, 'url')
}

function headerNotes(
  headers: ReadonlyArray<[string, string]>,
  service: 'mpsd' | 'mpa',
): PasteNote[] {
  const notes: PasteNote[] = []
  for (const [name, value] of headers) {
    const lower = name.toLowerCase()
    if (lower === 'content-type' && /^application\/json/i.test(value)) continue
    notes.push({
      path: `header ${name}`,
      reason:
        lower === 'authorization'
          ? 'not kept: who sends is chosen in Act as, and a token is never stored'
          : lower === 'x-xbl-contract-version'
            ? service === 'mpa'
              ? 'Multiplayer Activity calls always go with contract version 1'
              : 'the contract version sent is the one in Settings'
            : 'the Workbench sends its own headers',
    })
  }
  return notes
}

function pathOf(url: string): string {
  try {
    return new URL(url, 'http://relative.invalid').pathname
  } catch {
    return url
  }
}
