// The single source of truth for MPSD handle bodies: the forms, the preview, the proxy client, the
// simulator and every importer parse with these. Messages are written for the person at the form.
// The field rules they are built from live in field-rules.ts (the composer loads only those) and
// are re-exported here for the readers of whole bodies.
import { z } from 'zod'
import {
  CONTRACT_VERSION_MAX,
  HANDLE_VERSION,
  MIN_CONTRACT_VERSION,
  QUERY_MAX_XUIDS,
} from './limits'
import {
  contextSchema,
  contextStringSchema,
  scidSchema,
  senderStringSchema,
  sessionNameSchema,
  templateNameSchema,
  text,
  titleIdSchema,
  xuidSchema,
} from './field-rules'

export {
  contextSchema,
  contextStringSchema,
  encodedLength,
  isGuid,
  scidSchema,
  senderStringSchema,
  sessionNameSchema,
  templateNameSchema,
  titleIdSchema,
  xuidSchema,
} from './field-rules'

/** Settings' contract version (a setting, not a request field). */
export const contractVersionSchema = z.coerce
  .number({ message: 'Contract version must be a number' })
  .int('Contract version must be a whole number')
  .min(MIN_CONTRACT_VERSION, `Contract version must be ${MIN_CONTRACT_VERSION} or later`)
  .max(CONTRACT_VERSION_MAX, `Contract version must be at most ${CONTRACT_VERSION_MAX}`)

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
