// The composer's rules (zod) and request builder, loaded after the first render, and the one place
// that runs them for the form's values: field messages, the preview's issue list and Send share
// one result per set of values.
import type { FieldErrors, Resolver } from 'react-hook-form'
import type {
  ComposeFormValues,
  ComposeIssue,
  ComposeScope,
  composeIssues,
  resolveDraft,
  toWireRequest,
} from './compose-form-schema'
import type { encodedLength } from '../../mpsd/schemas'

export type Checks = {
  composeIssues: typeof composeIssues
  toWireRequest: typeof toWireRequest
  resolveDraft: typeof resolveDraft
  encodedLength: typeof encodedLength
}

// Loaded right after the first render, not before it: these modules build zod schemas as they
// load, which took about a fifth of the floor app's whole startup time (`npm run bench`), and the
// first render shows only the fields.
let checks: Checks | undefined
let checksLoading: Promise<Checks> | undefined

export function loadChecks(): Promise<Checks> {
  checksLoading ??= Promise.all([
    import('./compose-form-schema'),
    import('../../mpsd/schemas'),
  ]).then(([form, schemas]) => {
    checks = {
      composeIssues: form.composeIssues,
      toWireRequest: form.toWireRequest,
      resolveDraft: form.resolveDraft,
      encodedLength: schemas.encodedLength,
    }
    return checks
  })
  return checksLoading
}

/** The checks if they have loaded. */
export function loadedChecks(): Checks | undefined {
  return checks
}

export type IssuesOf = (
  loaded: Checks,
  values: ComposeFormValues,
  scope: ComposeScope,
) => ComposeIssue[]

function sameValues(a: ComposeFormValues, b: ComposeFormValues): boolean {
  return (Object.keys(a) as Array<keyof ComposeFormValues>).every((key) => a[key] === b[key])
}

/**
 * composeIssues, remembering its last answer: the form's resolver (the messages at the fields) and
 * the preview (its issue list and Send) ask about the same values on every keystroke, and this way
 * the schema runs once for both, so they also cannot disagree.
 */
export function lastIssuesOf(): IssuesOf {
  let last: { values: ComposeFormValues; scope: ComposeScope; issues: ComposeIssue[] } | undefined
  return (loaded, values, scope) => {
    if (!last || last.scope !== scope || !sameValues(last.values, values))
      last = { values: { ...values }, scope, issues: loaded.composeIssues(values, scope) }
    return last.issues
  }
}

/** The scope the resolver reads when it runs: it outlives renders, the environment may change. */
export type ScopeBox = { get: () => ComposeScope; set: (scope: ComposeScope) => void }

export function scopeBoxOf(initial: ComposeScope): ScopeBox {
  let current = initial
  return {
    get: () => current,
    set: (scope) => {
      current = scope
    },
  }
}

/**
 * react-hook-form's resolver from the same issues, so a field's message is the preview's. `scope`
 * is read at each validation: the environment can change while the form stays mounted.
 */
export function resolverOf(
  issuesOf: IssuesOf,
  scope: () => ComposeScope,
): Resolver<ComposeFormValues> {
  return async (values) => {
    const issues = issuesOf(checks ?? (await loadChecks()), values, scope())
    if (issues.length === 0) return { values, errors: {} }
    const errors: FieldErrors<ComposeFormValues> = {}
    // The first rule that fails is the field's message, as zodResolver reports it.
    for (const issue of issues) errors[issue.field] ??= { type: 'custom', message: issue.message }
    return { values: {}, errors }
  }
}
