// Runs every trace rule over a list of calls [trace-rules.md §1]: calls are split by console (as the
// Xbox Live Trace Analyzer does) or by user (the userhash, as MPSD counts its limits [§3]), then by
// endpoint, sorted by start time (stable), and each rule runs on one such list at a time.
import { burst } from './burst'
import { callFrequency } from './call-frequency'
import { polling } from './polling'
import { repeatedCalls } from './repeated-calls'
import { throttledCalls } from './throttled-calls'
import type { Grouping, RuleHit, TraceCall, TraceFinding, TraceGroup } from './trace-call'

export const DEFAULT_CONSOLE = 'this console'
export const UNKNOWN_USER = 'unknown user'

export type TraceReport = {
  grouping: Grouping
  /** How many calls were analysed. */
  callCount: number
  findings: TraceFinding[]
  /** What the reader should know about the analysis itself (a cap reached, users unknown). */
  notes: string[]
}

function groupName(call: TraceCall, grouping: Grouping): string {
  return grouping === 'user' ? (call.userhash ?? UNKNOWN_USER) : (call.console ?? DEFAULT_CONSOLE)
}

/** The calls of each (console or user, endpoint), in first-seen order, each list sorted by time. */
function groupCalls(
  calls: readonly TraceCall[],
  grouping: Grouping,
): Array<{ group: TraceGroup; calls: TraceCall[] }> {
  const groups = new Map<string, { group: TraceGroup; calls: TraceCall[] }>()
  for (const call of calls) {
    const name = groupName(call, grouping)
    const key = JSON.stringify([name, call.endpoint])
    const found = groups.get(key)
    if (found) found.calls.push(call)
    else groups.set(key, { group: { by: grouping, name, endpoint: call.endpoint }, calls: [call] })
  }
  // A HAR file need not be in time order [§5]; Array#sort is stable, so ties keep file order.
  for (const entry of groups.values()) entry.calls.sort((a, b) => a.startedAt - b.startedAt)
  return [...groups.values()]
}

export function analyzeTrace(
  calls: readonly TraceCall[],
  { grouping = 'console' }: { grouping?: Grouping } = {},
): TraceReport {
  const notes: string[] = []
  const findings: TraceFinding[] = []
  for (const { group, calls: list } of groupCalls(calls, grouping)) {
    const hits: RuleHit[] = [
      ...callFrequency(list),
      ...burst(list),
      ...repeatedCalls(list),
      ...throttledCalls(list),
      ...polling(list, (note) => notes.push(note)),
    ]
    for (const hit of hits) findings.push({ ...hit, group })
  }
  if (grouping === 'user' && calls.length > 0 && calls.every((call) => !call.userhash))
    notes.push(
      `No call carries a userhash (History and exported HAR files keep the Authorization header redacted), so all calls are grouped under "${UNKNOWN_USER}".`,
    )
  return { grouping, callCount: calls.length, findings, notes }
}
