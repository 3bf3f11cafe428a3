// `{{name}}` references in a request's text, resolved against an environment's variables
// (decision 131). Framework-free: the preview, Send, the CLI and runs resolve the same way.
//
// Syntax follows Postman's (postman-collection's Substitutor: `{{` any text without braces `}}`),
// with one difference: whitespace inside the braces is ignored, so `{{ scid }}` is `{{scid}}`. In
// Postman it would name a variable " scid " that nobody can define by accident; trimming is what a
// user who typed the spaces meant. `{{}}` or `{{  }}` names nothing and stays as typed. Postman has
// no escape for a literal `{{`, so neither do we. Substitution is one pass: a value that itself holds
// `{{x}}` goes in as typed (no recursion, so no cycles).

export type Variables = Readonly<Record<string, string>>

/** A reference that could not be resolved; `path` is the entity path (`sessionRef.scid`). */
export type VariableProblem = { path: string; name: string; message: string }

export type ResolvedRequest<T> = {
  request: T
  problems: VariableProblem[]
  /** Entity path -> the names it references, in order of first use; only paths with references. */
  sources: Record<string, string[]>
}

const REFERENCE = /\{\{\s*([^{}]*?)\s*\}\}/g

function namesIn(text: string): string[] {
  const names: string[] = []
  for (const match of text.matchAll(REFERENCE)) {
    const name = match[1] ?? ''
    if (name !== '' && !names.includes(name)) names.push(name)
  }
  return names
}

/** The variable names `text` references, each once, in order of first use. */
export function referencedVariables(text: string): string[] {
  return namesIn(text)
}

/** Whether `text` holds at least one `{{name}}` reference. */
export function hasVariableReference(text: string): boolean {
  return namesIn(text).length > 0
}

function defined(vars: Variables, name: string): boolean {
  return Object.prototype.hasOwnProperty.call(vars, name)
}

/** The text each problem of one reference gets: it names the variable, as typed by the user. */
export function variableProblemMessage(name: string, vars: Variables): string {
  return defined(vars, name)
    ? `Variable {{${name}}} is empty in the environment`
    : `Variable {{${name}}} is not defined in the environment`
}

/**
 * `text` with every reference replaced. An unknown variable stays as typed (`{{name}}`), an empty
 * one becomes '' : either is a problem for the caller to report.
 */
export function resolveText(
  text: string,
  vars: Variables,
): { text: string; names: string[]; missing: string[] } {
  const names: string[] = []
  const missing: string[] = []
  const out = text.replace(REFERENCE, (whole, raw: string) => {
    if (raw === '') return whole
    if (!names.includes(raw)) names.push(raw)
    const value = defined(vars, raw) ? vars[raw] : undefined
    if (value === undefined || value === '') {
      if (!missing.includes(raw)) missing.push(raw)
      return value ?? whole
    }
    return value
  })
  return { text: out, names, missing }
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (typeof value !== 'object' || value === null) return false
  const proto = Object.getPrototypeOf(value) as unknown
  return proto === Object.prototype || proto === null
}

/**
 * `request` with every string in it (at any depth: objects and arrays) resolved. Returns the same
 * object when nothing referenced a variable, so a memoized preview does not redraw.
 */
export function resolveRequest<T>(request: T, vars: Variables): ResolvedRequest<T> {
  const problems: VariableProblem[] = []
  const sources: Record<string, string[]> = {}

  const walk = (value: unknown, path: string): unknown => {
    if (typeof value === 'string') {
      const { text, names, missing } = resolveText(value, vars)
      if (names.length === 0) return value
      sources[path] = names
      for (const name of missing)
        problems.push({ path, name, message: variableProblemMessage(name, vars) })
      return text
    }
    if (Array.isArray(value)) {
      let changed = false
      const out = value.map((item, index) => {
        const next = walk(item, path === '' ? String(index) : `${path}.${index}`)
        if (next !== item) changed = true
        return next
      })
      return changed ? out : value
    }
    if (isPlainObject(value)) {
      let changed = false
      // fromEntries defines own properties: a `__proto__` key stays data, never a prototype.
      const out = Object.fromEntries(
        Object.entries(value).map(([key, item]) => {
          const next = walk(item, path === '' ? key : `${path}.${key}`)
          if (next !== item) changed = true
          return [key, next]
        }),
      )
      return changed ? out : value
    }
    return value
  }

  return { request: walk(request, '') as T, problems, sources }
}
