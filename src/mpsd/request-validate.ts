// The MPSD rules for a composed request, field by field, with the messages of schemas.ts (the same
// the simulator and the importers use). Separate from the entity, which keeps whatever was typed:
// a draft may be invalid, and the issues are shown beside it rather than refusing it.
import type { z } from 'zod'
import type { RequestEntity } from './request-entity'
import type { RequestKind } from './request-kinds'
import { fieldsOf, REQUEST_FIELDS, type RequestField } from './request-fields'
import {
  contextSchema,
  contextStringSchema,
  scidSchema,
  senderStringSchema,
  sessionNameSchema,
  templateNameSchema,
  titleIdSchema,
  xuidSchema,
} from './field-rules'

/**
 * `blank`: optional, skipped when only spaces (toWire leaves it out). `empty`: optional, skipped
 * only when empty, for Context, which is sent verbatim (decision 001).
 */
type Rule = { field: RequestField; schema: z.ZodType<string>; optional?: 'blank' | 'empty' }

const scid: Rule = { field: 'scid', schema: scidSchema }
const templateName: Rule = { field: 'templateName', schema: templateNameSchema }

const RULES: Record<RequestKind, readonly Rule[]> = {
  activity: [
    scid,
    templateName,
    // MPSD fills in a GUID when an activity has no session name [spec §2.1].
    { field: 'sessionName', schema: sessionNameSchema, optional: 'blank' },
  ],
  invite: [
    scid,
    templateName,
    { field: 'sessionName', schema: sessionNameSchema },
    { field: 'invitedXuid', schema: xuidSchema },
    { field: 'titleId', schema: titleIdSchema },
    { field: 'context', schema: contextSchema, optional: 'empty' },
    { field: 'contextString', schema: contextStringSchema, optional: 'blank' },
    { field: 'senderString', schema: senderStringSchema, optional: 'blank' },
  ],
}

/** A rule that fails: the field (its entity path is `fieldPath(field)`), its label and why. */
export type RequestIssue = { field: RequestField; label: string; message: string }

/** Every rule that fails, in the form's field order; empty when the request can be sent. */
export function requestIssues(request: RequestEntity): RequestIssue[] {
  const fields = fieldsOf(request)
  const issues: RequestIssue[] = []
  for (const { field, schema, optional } of RULES[request.kind]) {
    const value = fields[field]
    if (optional === 'blank' && value.trim() === '') continue
    if (optional === 'empty' && value === '') continue
    const result = schema.safeParse(value)
    if (!result.success) {
      issues.push({
        field,
        label: REQUEST_FIELDS[field].label,
        message: result.error.issues[0]?.message ?? 'Invalid',
      })
    }
  }
  return issues
}
