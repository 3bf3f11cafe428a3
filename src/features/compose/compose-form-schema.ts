// The form's schema, derived from the request entity: the form holds one text per field of
// REQUEST_FIELDS, and its issues are the ones requestIssues finds on the request those values
// describe, so the rules and messages are the ones the simulator and importers use and are written
// down once (decision 004).
import { z } from 'zod'
import { REQUEST_KINDS } from '../../mpsd/request-kinds'
import {
  fieldPath,
  REQUEST_FIELD_NAMES,
  REQUEST_FIELDS,
  requestFromFields,
  type RequestField,
  type RequestFields,
} from '../../mpsd/request-fields'
import type { RequestEntity } from '../../mpsd/request-entity'
import { requestIssues, type RequestIssue } from '../../mpsd/request-validate'
import { toWire } from '../../mpsd/to-wire'
import type { WireRequest } from '../../mpsd/request-builder'
import { resolveRequest, type Variables } from '../../mpsd/variables'
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
    for (const issue of composeIssues(values)) {
      ctx.addIssue({ code: 'custom', path: [issue.field], message: issue.message })
    }
  })

export type ComposeIssue = RequestIssue

/** What `{{variables}}` resolve against (decision 131); no environment = no variables. */
export type ComposeScope = { variables: Variables; environmentName: string | undefined }
export const NO_SCOPE: ComposeScope = { variables: {}, environmentName: undefined }

const FIELD_OF_PATH = new Map<string, RequestField>(
  REQUEST_FIELD_NAMES.map((name) => [fieldPath(name), name]),
)

export type ResolvedDraft = {
  /** The request with every `{{name}}` replaced: what the preview shows and Send sends. */
  request: RequestEntity
  /** Unknown or empty variables, one per field (its first). */
  problems: ComposeIssue[]
  /** Field -> the variable names its value came from. */
  sources: Partial<Record<RequestField, string[]>>
}

function problemMessage(name: string, scope: ComposeScope, empty: boolean): string {
  if (scope.environmentName === undefined)
    return `{{${name}}} needs an environment: none is chosen (Environment, in the top bar)`
  return empty
    ? `{{${name}}} is empty in environment "${scope.environmentName}"`
    : `{{${name}}} is not defined in environment "${scope.environmentName}"`
}

export function resolveDraft(values: ComposeFormValues, scope: ComposeScope): ResolvedDraft {
  const resolved = resolveRequest(requestFromFields(values), scope.variables)
  const problems: ComposeIssue[] = []
  for (const problem of resolved.problems) {
    const field = FIELD_OF_PATH.get(problem.path)
    if (!field || problems.some((p) => p.field === field)) continue
    const empty = Object.prototype.hasOwnProperty.call(scope.variables, problem.name)
    problems.push({
      field,
      label: REQUEST_FIELDS[field].label,
      message: problemMessage(problem.name, scope, empty),
    })
  }
  const sources: ResolvedDraft['sources'] = {}
  for (const [path, names] of Object.entries(resolved.sources)) {
    const field = FIELD_OF_PATH.get(path)
    if (field) sources[field] = names
  }
  return { request: resolved.request, problems, sources }
}

/**
 * Every rule that fails now, for all fields, touched or not: shown beside the preview. The MPSD
 * rules run on the resolved request (`{{scid}}` is checked as the GUID it stands for); a field
 * whose variable cannot be resolved has that as its issue instead.
 */
export function composeIssues(
  values: ComposeFormValues,
  scope: ComposeScope = NO_SCOPE,
): ComposeIssue[] {
  const { request, problems } = resolveDraft(values, scope)
  const unresolved = new Set(problems.map((p) => p.field))
  const issues = [...problems, ...requestIssues(request).filter((i) => !unresolved.has(i.field))]
  return issues.sort(
    (a, b) => REQUEST_FIELD_NAMES.indexOf(a.field) - REQUEST_FIELD_NAMES.indexOf(b.field),
  )
}

export function toWireRequest(
  values: ComposeFormValues,
  contractVersion: number,
  scope: ComposeScope = NO_SCOPE,
): WireRequest {
  // MPA's "auto" sequence number stays above the last one sent for the user (decision 110).
  return toWire(resolveDraft(values, scope).request, { contractVersion, lastSequence })
}
