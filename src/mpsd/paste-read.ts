// Reads what a developer pastes (often a code block from the MPSD or MPA docs: comments, trailing
// commas, a missing quote, `{placeholder}` values) as JSON: strict first, then with the docs' habits
// repaired. A `{placeholder}` becomes a marked string (PLACEHOLDER_MARK) the body mappers recognise.
import { jsonrepair } from 'jsonrepair'
import { parse } from 'lossless-json'
import { PLACEHOLDER_MARK } from './handle-body-fields'

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
export function readPastedJson(text: string): ReadJson {
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
