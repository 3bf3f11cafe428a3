// The single source of truth for MPSD handle bodies: the forms, the preview, the proxy client, the
// simulator and every importer parse with these. Messages are written for the person at the form.
import { z } from 'zod'
import {
  CONTEXT_MAX_ENCODED_LENGTH,
  CONTEXT_STRING_PREFIX,
  HANDLE_VERSION,
  MIN_CONTRACT_VERSION,
  NAME_MAX_LENGTH,
  QUERY_MAX_XUIDS,
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
const text = () => z.string().trim()

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

export const contractVersionSchema = z.coerce
  .number({ message: 'Contract version must be a number' })
  .int('Contract version must be a whole number')
  .min(MIN_CONTRACT_VERSION, `Contract version must be ${MIN_CONTRACT_VERSION} or later`)

export const sessionRefSchema = z.object({
  scid: scidSchema,
  templateName: templateNameSchema,
  name: sessionNameSchema,
})
export type SessionRef = z.infer<typeof sessionRefSchema>

export const activityBodySchema = z.object({
  type: z.literal('activity'),
  // The docs let MPSD fill in a GUID when the name is omitted [§2.1].
  sessionRef: sessionRefSchema.extend({ name: sessionNameSchema.optional() }),
  version: z.literal(HANDLE_VERSION),
})
export type ActivityBody = z.infer<typeof activityBodySchema>

export const inviteAttributesSchema = z.object({
  titleId: titleIdSchema,
  contextString: contextStringSchema.optional(),
  context: contextSchema.optional(),
  senderString: senderStringSchema.optional(),
})
export type InviteAttributes = z.infer<typeof inviteAttributesSchema>

export const inviteBodySchema = z.object({
  type: z.literal('invite'),
  sessionRef: sessionRefSchema,
  version: z.literal(HANDLE_VERSION),
  invitedXuid: xuidSchema,
  inviteAttributes: inviteAttributesSchema,
})
export type InviteBody = z.infer<typeof inviteBodySchema>

export const handleBodySchema = z.discriminatedUnion('type', [activityBodySchema, inviteBodySchema])
export type HandleBody = z.infer<typeof handleBodySchema>

export const ownersSchema = z
  .object({
    xuids: z
      .array(xuidSchema)
      .min(1, 'List at least one XUID')
      .max(QUERY_MAX_XUIDS, `At most ${QUERY_MAX_XUIDS} XUIDs per query`)
      .optional(),
    people: z
      .object({ moniker: text().min(1, 'Moniker is required'), monikerXuid: xuidSchema })
      .optional(),
  })
  // MPSD answers 400 when both are present; XSAPI asserts exactly one [§2.5].
  .refine((o) => (o.xuids === undefined) !== (o.people === undefined), {
    message: 'Give exactly one of owners.xuids or owners.people',
  })

export const handlesQueryBodySchema = z.object({
  type: z.literal('activity'),
  scid: scidSchema,
  owners: ownersSchema,
})
export type HandlesQueryBody = z.infer<typeof handlesQueryBodySchema>

// Responses are parsed leniently: every XSAPI response fixture (mock SCIDs, empty ids) must be
// accepted, and unknown fields are kept because MPSD adds fields over time.
const looseSessionRefSchema = z.looseObject({
  scid: z.string(),
  templateName: z.string(),
  name: z.string(),
})

export const inviteHandleSchema = z.looseObject({
  id: z.string(),
  type: z.literal('invite'),
  version: z.number(),
  sessionRef: looseSessionRefSchema,
  invitedXuid: z.string(),
  senderXuid: z.string(),
  expiration: z.string(),
  inviteAttributes: z.looseObject({ titleId: z.string() }),
})
export type InviteHandle = z.infer<typeof inviteHandleSchema>

export const activityHandleSchema = z.looseObject({
  id: z.string(),
  type: z.literal('activity'),
  version: z.number(),
  sessionRef: looseSessionRefSchema,
  titleId: z.string(),
  ownerXuid: z.string(),
  relatedInfo: z.looseObject({}).optional(),
  customProperties: z.looseObject({}).optional(),
})
export type ActivityHandle = z.infer<typeof activityHandleSchema>

export const handlesQueryResponseSchema = z.looseObject({
  results: z.array(z.looseObject({ id: z.string(), type: z.string() })),
})
export type HandlesQueryResponse = z.infer<typeof handlesQueryResponseSchema>
