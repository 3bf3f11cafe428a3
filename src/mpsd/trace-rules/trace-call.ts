// What the trace rules read: one recorded HTTP call, from a HAR file or from History, and what they
// report. The shape follows the Xbox Live Trace Analyzer's call record (../shared/trace-rules.md §1,
// §5), cut to the fields its rules read.
import { SIMULATOR_UPSTREAM } from '../proxy-protocol'

export type TraceCall = {
  /** Where the call is in its source: the 0-based index in the HAR's log.entries, or in History's list. */
  index: number
  /** Request start, ms since the epoch (UTC). */
  startedAt: number
  method: string
  /** The full URI as recorded. Compared verbatim: same URI means the same string [§2.3]. */
  url: string
  /** The host the call went to; every rule runs on the calls of one endpoint at a time [§1]. */
  endpoint: string
  /** The request body, '' when there is none (all calls without a body share one identity) [§5]. */
  body: string
  /** HTTP status; 0 when no answer came back [§5]. */
  status: number
  /** Read only for a 429's "Allowed: …" note [§2.5]. */
  responseBody?: string
  /** From `Authorization: XBL3.0 x=<userhash>;<token>`; never the token. */
  userhash?: string
  /** The console (device) that made the call; a HAR file or this browser is one console [§5]. */
  console?: string
  /** The History entry id, for a link that opens it. */
  ref?: string
}

export const TRACE_RULES = [
  'call-frequency',
  'burst',
  'repeated-calls',
  'throttled-calls',
  'polling',
] as const
export type TraceRule = (typeof TRACE_RULES)[number]

/** LTA groups by console; the Workbench can also group per user, as MPSD's own limits count [§3]. */
export type Grouping = 'console' | 'user'

/** LTA's levels: a warning, or an error for the certification limit [§2.1]. */
export type FindingLevel = 'warning' | 'error'

/** What one rule found in one endpoint's calls. */
export type RuleHit = {
  rule: TraceRule
  level: FindingLevel
  message: string
  calls: readonly TraceCall[]
}

export type TraceGroup = {
  by: Grouping
  /** The console's or the user's name ('unknown user' when a call carries no userhash). */
  name: string
  endpoint: string
}

export type TraceFinding = RuleHit & { group: TraceGroup }

// The placeholder the Workbench writes in History and exports (`<userhash>`) is not a user.
const AUTHORIZATION_PATTERN = /^XBL3\.0 x=([^;\s<>]+);/

/** The userhash of an Authorization value; the token after ';' is never read or kept. */
export function userhashOf(authorization: string | undefined): string | undefined {
  return authorization?.trim().match(AUTHORIZATION_PATTERN)?.[1]
}

/** The endpoint of a Workbench upstream: 'simulator', or the origin's host. */
export function endpointOfUpstream(upstream: string): string {
  if (upstream === SIMULATOR_UPSTREAM) return upstream
  try {
    return new URL(upstream).host
  } catch {
    return upstream
  }
}
