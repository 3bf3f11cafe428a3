// Expectations ("Expect"): what a request's answer must be for a check to pass. A request or
// preset holds them (the request entity's optional `expect`); they are evaluated after every Send,
// Replay, run and CLI `run`, by this one function, so the dashboard and CI cannot disagree. A
// request without any expects a 2xx answer.
//
// Values are kept as typed (a draft may be unfinished): `expectationIssues` checks them, and an
// expectation that cannot be evaluated fails with its reason rather than passing. No zod here: the
// entity's schema (request-entity.ts) holds the shape, this module the meaning; the kinds and the
// stored shape's reader are in expectation-kinds.ts (drafts read them at first load, without this).
import { EXPECTATION_TEXT_MAX, type Expectation, type ExpectationKind } from './expectation-kinds'

export type { Expectation, ExpectationKind } from './expectation-kinds'

export type ExpectationResult = { label: string; passed: boolean; message: string }

/** What an expectation is checked against: the answer as History keeps it. */
export type ExpectationAnswer = {
  /** 0 when there was no answer (proxy unreachable). */
  status: number
  headers: ReadonlyArray<readonly [string, string]>
  bodyText: string
  durationMs: number
  /** When the answer arrived: invite expiry is measured from it. */
  now: number
}

type KindInfo = {
  title: string
  /** The label of the target field, when the kind has one. */
  target?: string
  /** The label of the value field, when the kind has one. */
  value?: string
}

/** Each kind's name in the form's choice and the labels of its fields. */
export const EXPECTATION_KIND_INFO: Record<ExpectationKind, KindInfo> = {
  statusIs: { title: 'Status is', value: 'Status' },
  statusIn: { title: 'Status is one of', value: 'Statuses' },
  headerPresent: { title: 'Header is present', target: 'Header' },
  headerMatches: { title: 'Header matches', target: 'Header', value: 'Pattern' },
  jsonExists: { title: 'JSON path exists', target: 'JSON path' },
  jsonEquals: { title: 'JSON path equals', target: 'JSON path', value: 'Value' },
  jsonMatches: { title: 'JSON path matches', target: 'JSON path', value: 'Pattern' },
  expiresAfter: { title: 'Invite expires no sooner than', value: 'Minutes' },
  fasterThan: { title: 'Answer takes less than', value: 'Milliseconds' },
}

/** What a request with no expectations expects. */
export const DEFAULT_EXPECTATION_LABEL = 'Status is 2xx'

export type ExpectationIssue = { field: 'target' | 'value'; message: string }

const HEADER_NAME = /^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/

function statusList(value: string): number[] | undefined {
  const parts = value
    .split(/[\s,]+/)
    .map((part) => part.trim())
    .filter(Boolean)
  if (parts.length === 0) return undefined
  const statuses = parts.map((part) => (/^[1-5]\d\d$/.test(part) ? Number(part) : Number.NaN))
  return statuses.some(Number.isNaN) ? undefined : statuses
}

function patternOf(value: string): RegExp | string {
  try {
    return new RegExp(value)
  } catch (error) {
    return `Not a valid pattern: ${error instanceof Error ? error.message : String(error)}`
  }
}

export type JsonPathSegment = string | number

/**
 * A small JSONPath subset: `$`, then `.name`, `['name']` / `["name"]` and `[0]`, e.g.
 * `$.inviteAttributes.titleId` or `$.results[0].id`. Returns the segments or a message.
 */
export function parseJsonPath(path: string): JsonPathSegment[] | string {
  const text = path.trim()
  if (!text.startsWith('$')) return 'A JSON path starts with $, e.g. $.id'
  const segments: JsonPathSegment[] = []
  let rest = text.slice(1)
  while (rest !== '') {
    const dot = /^\.([A-Za-z_$][\w$-]*)/.exec(rest)
    const index = /^\[(\d{1,9})\]/.exec(rest)
    const quoted = /^\[(?:'([^']*)'|"([^"]*)")\]/.exec(rest)
    if (dot?.[1] !== undefined) {
      segments.push(dot[1])
      rest = rest.slice(dot[0].length)
    } else if (index?.[1] !== undefined) {
      segments.push(Number(index[1]))
      rest = rest.slice(index[0].length)
    } else if (quoted) {
      segments.push(quoted[1] ?? quoted[2] ?? '')
      rest = rest.slice(quoted[0].length)
    } else {
      return `Cannot read the JSON path at “${rest.slice(0, 20)}”: use .name, ['name'] or [0]`
    }
  }
  return segments
}

/** The issues of one expectation, at its fields; an empty list when it can be evaluated. */
export function expectationIssues(expectation: Expectation): ExpectationIssue[] {
  const { kind } = expectation
  const target = expectation.target.trim()
  const value = expectation.value.trim()
  const info = EXPECTATION_KIND_INFO[kind]
  const issues: ExpectationIssue[] = []
  if (
    expectation.target.length > EXPECTATION_TEXT_MAX ||
    expectation.value.length > EXPECTATION_TEXT_MAX
  )
    issues.push({
      field: expectation.target.length > EXPECTATION_TEXT_MAX ? 'target' : 'value',
      message: `At most ${EXPECTATION_TEXT_MAX} characters`,
    })
  if (info.target) {
    if (target === '') issues.push({ field: 'target', message: `${info.target} is required` })
    else if (info.target === 'Header' && !HEADER_NAME.test(target))
      issues.push({ field: 'target', message: 'Not a header name (letters, digits and - only)' })
    else if (info.target === 'JSON path') {
      const parsed = parseJsonPath(target)
      if (typeof parsed === 'string') issues.push({ field: 'target', message: parsed })
    }
  }
  switch (kind) {
    case 'statusIs':
      if (!/^[1-5]\d\d$/.test(value))
        issues.push({ field: 'value', message: 'A status from 100 to 599, e.g. 201' })
      break
    case 'statusIn':
      if (!statusList(value))
        issues.push({
          field: 'value',
          message: 'Statuses from 100 to 599, separated by commas, e.g. 200, 201',
        })
      break
    case 'headerMatches':
    case 'jsonMatches': {
      const pattern = value === '' ? 'A pattern is required' : patternOf(expectation.value)
      if (typeof pattern === 'string') issues.push({ field: 'value', message: pattern })
      break
    }
    case 'expiresAfter':
      if (!/^\d{1,7}$/.test(value))
        issues.push({ field: 'value', message: 'A whole number of minutes, e.g. 60' })
      break
    case 'fasterThan':
      if (!/^\d{1,7}$/.test(value) || Number(value) === 0)
        issues.push({ field: 'value', message: 'A whole number of milliseconds above 0, e.g. 500' })
      break
    default:
      break
  }
  return issues
}

/** How an expectation reads in a result list: "Status is 201", "$.id exists". */
export function describeExpectation(expectation: Expectation): string {
  const target = expectation.target.trim()
  const value = expectation.value.trim()
  switch (expectation.kind) {
    case 'statusIs':
      return `Status is ${value}`
    case 'statusIn':
      return `Status is one of ${value}`
    case 'headerPresent':
      return `Header ${target} is present`
    case 'headerMatches':
      return `Header ${target} matches /${expectation.value}/`
    case 'jsonExists':
      return `${target} exists`
    case 'jsonEquals':
      return `${target} equals ${value}`
    case 'jsonMatches':
      return `${target} matches /${expectation.value}/`
    case 'expiresAfter':
      return `Invite expires no sooner than ${value} min`
    case 'fasterThan':
      return `Answer takes less than ${value} ms`
  }
}

function headerValue(answer: ExpectationAnswer, name: string): string | undefined {
  const lower = name.toLowerCase()
  const values = answer.headers.filter(([n]) => n.toLowerCase() === lower).map(([, v]) => v)
  return values.length === 0 ? undefined : values.join(', ')
}

const NO_JSON = Symbol('no json')
const MISSING = Symbol('missing')

function bodyJson(answer: ExpectationAnswer): unknown {
  try {
    return JSON.parse(answer.bodyText) as unknown
  } catch {
    return NO_JSON
  }
}

function at(root: unknown, segments: readonly JsonPathSegment[]): unknown {
  let node = root
  for (const segment of segments) {
    if (typeof segment === 'number') {
      if (!Array.isArray(node) || segment >= node.length) return MISSING
      node = node[segment]
    } else {
      if (typeof node !== 'object' || node === null || Array.isArray(node)) return MISSING
      if (!Object.prototype.hasOwnProperty.call(node, segment)) return MISSING
      node = (node as Record<string, unknown>)[segment]
    }
  }
  return node
}

function show(value: unknown): string {
  const text = typeof value === 'string' ? JSON.stringify(value) : JSON.stringify(value)
  return text === undefined ? String(value) : text.length > 80 ? `${text.slice(0, 77)}…` : text
}

function sameJson(a: unknown, b: unknown): boolean {
  return JSON.stringify(a) === JSON.stringify(b)
}

/** A typed value equals a node when it is the node's JSON, or the node is a string (or number) spelled so. */
function equalsTyped(node: unknown, typed: string): boolean {
  try {
    if (sameJson(node, JSON.parse(typed))) return true
  } catch {
    // Not JSON: compared as the text it is, below.
  }
  return (typeof node === 'string' || typeof node === 'number') && String(node) === typed
}

/** The answer's expiry: an invite handle's `expiration` (MPSD), or `expirationTime` (LaunchInfo). */
function expiryOf(json: unknown): number | undefined {
  if (typeof json !== 'object' || json === null) return undefined
  const record = json as Record<string, unknown>
  const value = record.expiration ?? record.expirationTime
  if (typeof value !== 'string') return undefined
  const time = Date.parse(value)
  return Number.isNaN(time) ? undefined : time
}

function evaluateOne(expectation: Expectation, answer: ExpectationAnswer): ExpectationResult {
  const label = describeExpectation(expectation)
  const fail = (message: string): ExpectationResult => ({ label, passed: false, message })
  const pass = (message: string): ExpectationResult => ({ label, passed: true, message })
  const issues = expectationIssues(expectation)
  if (issues.length > 0) return fail(`Cannot be checked: ${issues[0]?.message}`)
  const target = expectation.target.trim()
  const value = expectation.value.trim()
  const status = answer.status === 0 ? 'no answer' : `status ${answer.status}`
  switch (expectation.kind) {
    case 'statusIs':
      return answer.status === Number(value) ? pass(`Got ${status}`) : fail(`Got ${status}`)
    case 'statusIn':
      return (statusList(value) ?? []).includes(answer.status)
        ? pass(`Got ${status}`)
        : fail(`Got ${status}`)
    case 'headerPresent': {
      const found = headerValue(answer, target)
      return found === undefined ? fail(`No ${target} header`) : pass(`${target}: ${found}`)
    }
    case 'headerMatches': {
      const found = headerValue(answer, target)
      if (found === undefined) return fail(`No ${target} header`)
      return new RegExp(expectation.value).test(found)
        ? pass(`${target}: ${found}`)
        : fail(`${target} is ${show(found)}`)
    }
    case 'jsonExists':
    case 'jsonEquals':
    case 'jsonMatches': {
      const json = bodyJson(answer)
      if (json === NO_JSON) return fail('The answer is not JSON')
      const node = at(json, parseJsonPath(target) as JsonPathSegment[])
      if (node === MISSING) return fail(`${target} is not in the answer`)
      if (expectation.kind === 'jsonExists') return pass(`${target} is ${show(node)}`)
      if (expectation.kind === 'jsonEquals')
        return equalsTyped(node, value)
          ? pass(`${target} is ${show(node)}`)
          : fail(`${target} is ${show(node)}`)
      const text = typeof node === 'string' ? node : JSON.stringify(node)
      return new RegExp(expectation.value).test(text)
        ? pass(`${target} is ${show(node)}`)
        : fail(`${target} is ${show(node)}`)
    }
    case 'expiresAfter': {
      const expires = expiryOf(bodyJson(answer))
      if (expires === undefined) return fail('The answer has no expiration')
      const minutes = (expires - answer.now) / 60_000
      const left = `Expires in ${Math.floor(minutes)} min`
      return minutes >= Number(value) ? pass(left) : fail(left)
    }
    case 'fasterThan': {
      const took = `Took ${Math.round(answer.durationMs)} ms`
      return answer.durationMs < Number(value) ? pass(took) : fail(took)
    }
  }
}

/** Every expectation's result, in order; none given: one result for "Status is 2xx". */
export function evaluateExpectations(
  expectations: readonly Expectation[] | undefined,
  answer: ExpectationAnswer,
): ExpectationResult[] {
  if (!expectations || expectations.length === 0) {
    const ok = answer.status >= 200 && answer.status < 300
    const got = answer.status === 0 ? 'No answer' : `Got status ${answer.status}`
    return [{ label: DEFAULT_EXPECTATION_LABEL, passed: ok, message: got }]
  }
  return expectations.map((expectation) => evaluateOne(expectation, answer))
}

export function allPassed(results: readonly ExpectationResult[]): boolean {
  return results.every((result) => result.passed)
}

/** A new row of the given kind, with the value most checks start from. */
export function newExpectation(kind: ExpectationKind = 'statusIs'): Expectation {
  const starts: Partial<Record<ExpectationKind, Partial<Expectation>>> = {
    statusIs: { value: '201' },
    statusIn: { value: '200, 201' },
    headerPresent: { target: 'Content-Type' },
    jsonExists: { target: '$.id' },
    expiresAfter: { value: '60' },
    fasterThan: { value: '1000' },
  }
  return { kind, target: '', value: '', ...starts[kind] }
}
