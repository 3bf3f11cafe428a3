// A pasted Multiplayer Activity call: a body alone (its members say the call; the title and the user
// are in a URL it does not have) or a curl command to an MPA URL (the method and path say the call,
// the title and the user). Both go through the mapper HAR import uses (mpa-from-wire.ts), so the
// paste box and an import read the same body the same way.
import { MPSD_BODY_MEMBERS, PLACEHOLDER_MARK } from './handle-body-fields'
import { mpaFromBody, mpaFromWire, mpaKindOfBody, type MpaParsed } from './mpa/mpa-from-wire'
import { MPA_PATH_PREFIX } from './mpa/mpa-limits'
import { isPlaceholderValue, readPastedJson } from './paste-read'
import type { PasteResult } from './paste-result'
import { requestFromFields, type RequestField, type RequestFields } from './request-fields'

const MARKED = new RegExp(`${PLACEHOLDER_MARK}([A-Za-z_][\\w.-]*)`, 'g')
const WHOLE_MARK = new RegExp(`^${PLACEHOLDER_MARK}[A-Za-z_][\\w.-]*$`)

/** A body with a member only MPSD bodies have is never read as MPA. */
function isMpaBody(value: Record<string, unknown>): boolean {
  return (
    !MPSD_BODY_MEMBERS.some((member) => Object.hasOwn(value, member)) &&
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

/** `\u2063placeholder:xuid` inside a longer value back to `{xuid}`, as it was pasted. */
function restoreMarks(text: string): string {
  return text.replace(MARKED, '{$1}')
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

/**
 * A pasted body (already read as JSON) as the MPA call its members say, or undefined when it is
 * not an MPA body (an MPSD member, or no member that says a call).
 */
export function pastedMpaBody(
  value: Record<string, unknown>,
  repaired: boolean,
): PasteResult | undefined {
  if (!isMpaBody(value)) return undefined
  const mpa = mpaFromBody(value)
  return mpa?.ok ? pastedMpa(mpa, repaired, 'body') : undefined
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

/**
 * A curl command to MPA: the method and path say the call, the title and the user. Undefined when
 * the URL's path is not MPA's.
 */
export function pastedMpaCall(
  method: string,
  urlPath: string,
  body: string | undefined,
): PasteResult | undefined {
  const path = mpaPathOf(urlPath)
  if (path === undefined) return undefined
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
