// Repeated calls [trace-rules.md §2.3]: the same URI and body again less than 5 s after a call. As in
// LTA, only a call not yet reported starts a group, and the group holds every later identical call
// less than 5 s after that first one (strictly later: two calls at the same ms are not repeats). So
// for calls at 0 s, 4 s and 7 s only the first two are reported.
import { positionsByIdentity } from './call-identity'
import { REPEAT_INTERVAL_MS } from './trace-limits'
import type { RuleHit, TraceCall } from './trace-call'

/** `calls`: one endpoint's calls, sorted by start time. */
export function repeatedCalls(
  calls: readonly TraceCall[],
  intervalMs: number = REPEAT_INTERVAL_MS,
): RuleHit[] {
  const hits: RuleHit[] = []
  const reported = new Set<number>()
  const positionsOf = new Map<number, number[]>()
  for (const positions of positionsByIdentity(calls).values())
    for (const position of positions) positionsOf.set(position, positions)
  calls.forEach((call, position) => {
    if (reported.has(position)) return
    const same = positionsOf.get(position) ?? []
    const group = [position]
    for (const other of same) {
      if (other <= position) continue
      const later = calls[other]
      if (!later) continue
      const gap = later.startedAt - call.startedAt
      if (Math.floor(gap) >= intervalMs) break
      if (gap > 0) group.push(other)
    }
    if (group.length < 2) return
    for (const member of group) reported.add(member)
    hits.push({
      rule: 'repeated-calls',
      level: 'warning',
      message: `The same call (same URI and body) was made ${group.length} times within ${intervalMs / 1000} s.`,
      calls: group.map((member) => calls[member] as TraceCall),
    })
  })
  return hits
}
