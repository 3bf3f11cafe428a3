// Bursts [trace-rules.md §2.2]: more than 3 calls to one endpoint within 2 s, found with LTA's
// sliding window. Assumption (decision 070): the threshold is the fixed 3 the issue names. LTA
// itself raises it to B = ⌈1000/avgGap⌉ + ⌈2000/√varGap⌉ computed over the whole trace (with the
// variance taken around the average *elapsed* time, as coded, and undefined when either is 0), so a
// short, fast trace hides its own bursts there; the fixed threshold reports them.
import { excessWindows } from './excess-windows'
import { BURST, type WindowLimit } from './trace-limits'
import type { RuleHit, TraceCall } from './trace-call'

/** `calls`: one endpoint's calls, sorted by start time. */
export function burst(calls: readonly TraceCall[], limit: WindowLimit = BURST): RuleHit[] {
  return excessWindows(
    calls.map((call) => call.startedAt),
    limit,
  ).map(([start, end]) => ({
    rule: 'burst',
    level: 'warning',
    message: `A burst of ${end - start} calls within ${limit.windowMs / 1000} s (more than ${limit.limit}).`,
    calls: calls.slice(start, end),
  }))
}
