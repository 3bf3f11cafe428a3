// The form's schema, derived from the request entity: the form holds one text per field of
// REQUEST_FIELDS, and its issues are the ones requestIssues finds on the request those values
// describe, so the rules and messages are the ones the simulator and importers use and are written
// down once (decision 004).
import { z } from 'zod'
import { REQUEST_KINDS } from '../../mpsd/request-kinds'
import {
  REQUEST_FIELD_NAMES,
  requestFromFields,
  type RequestFields,
} from '../../mpsd/request-fields'
import { requestIssues, type RequestIssue } from '../../mpsd/request-validate'
import { toWire } from '../../mpsd/to-wire'
import type { WireRequest } from '../../mpsd/request-builder'
import type { ComposeField } from './compose-fields'
import { lastSequence } from '../../data/mpa/mpa-sequence-store'

export type ComposeFormValues = RequestFields

export const composeFormSchema = z
  .object({
    kind: z.enum(REQUEST_KINDS),
    ...(Object.fromEntries(REQUEST_FIELD_NAMES.map((name) => [name, z.string()])) as Record<
      ComposeField,
      z.ZodString
    >),
  })
  .superRefine((values, ctx) => {
    for (const issue of requestIssues(requestFromFields(values))) {
      ctx.addIssue({ code: 'custom', path: [issue.field], message: issue.message })
    }
  })

export type ComposeIssue = RequestIssue

/** Every rule that fails now, for all fields, touched or not: shown beside the preview. */
export function composeIssues(values: ComposeFormValues): ComposeIssue[] {
  return requestIssues(requestFromFields(values))
}

export function toWireRequest(values: ComposeFormValues, contractVersion: number): WireRequest {
  // MPA's "auto" sequence number stays above the last one sent for the user (decision 110).
  return toWire(requestFromFields(values), { contractVersion, lastSequence })
}
