// The form's own shape (flat strings, one per field) beside the form, checked with the domain's
// field schemas so the rules and messages are the ones the simulator and importers use.
import { z } from 'zod'
import {
  contextSchema,
  contextStringSchema,
  scidSchema,
  senderStringSchema,
  sessionNameSchema,
  templateNameSchema,
  titleIdSchema,
  xuidSchema,
} from '../../mpsd/schemas'
import {
  buildActivityBody,
  buildInviteBody,
  postHandleRequest,
  type WireRequest,
} from '../../mpsd/request-builder'
import { FIELD_LABELS, type ComposeField } from './compose-fields'

const optional = (schema: z.ZodType<string>) => (value: string) =>
  value.trim() === '' ? undefined : schema.safeParse(value)

const str = z.string()

export const composeFormSchema = z
  .object({
    type: z.enum(['activity', 'invite']),
    scid: str,
    templateName: str,
    sessionName: str,
    invitedXuid: str,
    titleId: str,
    context: str,
    contextString: str,
    senderString: str,
  })
  .superRefine((values, ctx) => {
    const check = (field: ComposeField, result: ReturnType<ReturnType<typeof optional>>) => {
      if (result && !result.success) {
        ctx.addIssue({
          code: 'custom',
          path: [field],
          message: result.error.issues[0]?.message ?? 'Invalid',
        })
      }
    }
    const required = (schema: z.ZodType<string>) => (value: string) => schema.safeParse(value)
    check('scid', required(scidSchema)(values.scid))
    check('templateName', required(templateNameSchema)(values.templateName))
    if (values.type === 'activity') {
      // MPSD fills in a GUID when an activity has no session name [spec §2.1].
      check('sessionName', optional(sessionNameSchema)(values.sessionName))
      return
    }
    check('sessionName', required(sessionNameSchema)(values.sessionName))
    check('invitedXuid', required(xuidSchema)(values.invitedXuid))
    check('titleId', required(titleIdSchema)(values.titleId))
    check('context', values.context === '' ? undefined : contextSchema.safeParse(values.context))
    check('contextString', optional(contextStringSchema)(values.contextString))
    check('senderString', optional(senderStringSchema)(values.senderString))
  })
export type ComposeFormValues = z.infer<typeof composeFormSchema>

export type ComposeIssue = { field: ComposeField; label: string; message: string }

/** Every rule that fails now, for all fields, touched or not: shown beside the preview. */
export function composeIssues(values: ComposeFormValues): ComposeIssue[] {
  const result = composeFormSchema.safeParse(values)
  if (result.success) return []
  return result.error.issues.map((issue) => {
    const field = issue.path[0] as ComposeField
    return { field, label: FIELD_LABELS[field] ?? String(field), message: issue.message }
  })
}

/** The pure mapping from form values to the body on the wire. */
export function toHandleBody(values: ComposeFormValues) {
  const sessionRef = {
    scid: values.scid,
    templateName: values.templateName,
    name: values.sessionName,
  }
  return values.type === 'activity'
    ? buildActivityBody({ sessionRef })
    : buildInviteBody({
        sessionRef,
        invitedXuid: values.invitedXuid,
        titleId: values.titleId,
        context: values.context,
        contextString: values.contextString,
        senderString: values.senderString,
      })
}

export function toWireRequest(values: ComposeFormValues, contractVersion: number): WireRequest {
  return postHandleRequest(toHandleBody(values), contractVersion)
}
