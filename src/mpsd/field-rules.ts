// The MPSD rules for single fields, with messages written for the person at the form. The composer
// checks with these alone (request-validate.ts), so its first load does not carry the body and
// response schemas of schemas.ts, which are built from them.
import { z } from 'zod'
import {
  CONTEXT_MAX_ENCODED_LENGTH,
  CONTEXT_STRING_PREFIX,
  NAME_MAX_LENGTH,
  UINT32_MAX,
  UINT64_MAX,
} from './limits'

// Hand-written rather than z.guid(): the message must name the field, and XSAPI treats the SCID as
// case-sensitive, so upper- and lower-case hex are both kept exactly as typed [§5].
const GUID_PATTERN = /^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$/

export function isGuid(value: string): boolean {
  return GUID_PATTERN.test(value)
}

/** encodeURIComponent throws on lone surrogates; such a context can never be sent. */
export function encodedLength(value: string): number | undefined {
  try {
    return encodeURIComponent(value).length
  } catch {
    return undefined
  }
}

function decimalWithin(value: string, max: bigint): boolean {
  return /^(0|[1-9]\d*)$/.test(value) && value.length <= 20 && BigInt(value) <= max
}

// Pasted values often carry spaces or a newline: trim, never reject for that.
export const text = () => z.string().trim()

export const scidSchema = text()
  .min(1, 'SCID is required')
  .refine(isGuid, 'SCID must be a GUID, like bd6c41c3-01c3-468a-a3b5-3e0fe8133862')

export const templateNameSchema = text()
  .min(1, 'Template name is required')
  .max(NAME_MAX_LENGTH, `Template name must be at most ${NAME_MAX_LENGTH} characters`)

export const sessionNameSchema = text()
  .min(1, 'Session name is required')
  .max(NAME_MAX_LENGTH, `Session name must be at most ${NAME_MAX_LENGTH} characters`)

export const xuidSchema = text()
  .min(1, 'XUID is required')
  .refine(
    (v) => decimalWithin(v, UINT64_MAX) && v !== '0',
    'XUID must be a decimal number from 1 to 18446744073709551615, without signs or leading zeros',
  )

export const titleIdSchema = text()
  .min(1, 'Title ID is required')
  .refine(
    (v) => decimalWithin(v, UINT32_MAX),
    'Title ID must be a decimal number from 0 to 4294967295',
  )

export const contextSchema = z.string().superRefine((value, ctx) => {
  const length = encodedLength(value)
  if (length === undefined) {
    ctx.addIssue({
      code: 'custom',
      message: 'Context has a broken character and cannot be URI-encoded',
    })
  } else if (length > CONTEXT_MAX_ENCODED_LENGTH) {
    ctx.addIssue({
      code: 'custom',
      message: `Context is ${length} characters once URI-encoded; the limit is ${CONTEXT_MAX_ENCODED_LENGTH}`,
    })
  }
})

export const contextStringSchema = text().refine(
  (v) => v.startsWith(CONTEXT_STRING_PREFIX),
  `Context string must start with ${CONTEXT_STRING_PREFIX} (an ID from the service config)`,
)

export const senderStringSchema = text()

function jsonValueOf(text: string): { ok: true; value: unknown } | { ok: false } {
  try {
    return { ok: true, value: JSON.parse(text) as unknown }
  } catch {
    return { ok: false }
  }
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

/** A JSON object typed in a text area (a session's constants, a search handle's attributes). */
export function jsonObjectSchema(label: string, each?: { type: 'number' | 'string' }) {
  return z.string().superRefine((value, ctx) => {
    const parsed = jsonValueOf(value)
    if (!parsed.ok) {
      ctx.addIssue({ code: 'custom', message: `${label} is not valid JSON` })
    } else if (!isPlainObject(parsed.value)) {
      ctx.addIssue({ code: 'custom', message: `${label} must be a JSON object, like {"key": 1}` })
    } else if (each) {
      const wrong = Object.entries(parsed.value).find(([, v]) => typeof v !== each.type)
      if (wrong)
        ctx.addIssue({
          code: 'custom',
          message: `${label}: "${wrong[0]}" must be a ${each.type}`,
        })
    }
  })
}

/** One of the values a choice offers, for a value that came from a file or a link. */
export function oneOfSchema(label: string, values: Record<string, string>) {
  return z
    .string()
    .refine(
      (v) => Object.hasOwn(values, v),
      `${label} must be one of ${Object.values(values).join(', ')}`,
    )
}

/** XSAPI writes `<attribute> asc|desc` [sessions §4]. */
export const orderBySchema = text().refine(
  (v) => /^\S+ (asc|desc)$/i.test(v),
  'Order by must be an attribute and a direction, like "Timestamp asc"',
)

/** Search tags, comma-separated: a letter first, no spaces, under 100 characters [handles §6]. */
export const searchTagsSchema = text().refine(
  (v) => v.split(',').every((tag) => /^[A-Za-z][^\s,]{0,98}$/.test(tag.trim())),
  'Tags start with a letter, have no spaces and are under 100 characters; separate them with commas',
)
