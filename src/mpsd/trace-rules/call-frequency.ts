// Call frequency [trace-rules.md §2.1]: LTA's CallFrequency rule with the sessiondirectory limits,
// burst 30 per 15 s and sustained 300 per 300 s, and an error at 3,000 per 300 s, the certification
// limit. All paths count together: LTA's second sessiondirectory block (search handles) has a
// subpath with a query string, which its path-only matching never matches, so it is not applied.
import { excessWindows } from './excess-windows'
import {
  CALL_FREQUENCY_BURST,
  CALL_FREQUENCY_SUSTAINED,
  CERTIFICATION_FACTOR,
  type WindowLimit,
} from './trace-limits'
import type { RuleHit, TraceCall } from './trace-call'

const seconds = (ms: number) => `${ms / 1000} s`
const count = (n: number) => n.toLocaleString('en-US')

/** `calls`: one endpoint's calls, sorted by start time. */
export function callFrequency(
  calls: readonly TraceCall[],
  sustained: WindowLimit = CALL_FREQUENCY_SUSTAINED,
  burst: WindowLimit = CALL_FREQUENCY_BURST,
): RuleHit[] {
  const times = calls.map((call) => call.startedAt)
  const hits: RuleHit[] = []
  const certification = sustained.limit * CERTIFICATION_FACTOR
  for (const [start, end] of excessWindows(times, sustained)) {
    const n = end - start
    hits.push(
      n >= certification
        ? {
            rule: 'call-frequency',
            level: 'error',
            message: `${count(n)} calls within ${seconds(sustained.windowMs)}: at or above the certification limit of ${count(certification)} per ${seconds(sustained.windowMs)}; a title calling this often fails certification.`,
            calls: calls.slice(start, end),
          }
        : {
            rule: 'call-frequency',
            level: 'warning',
            message: `${count(n)} calls within ${seconds(sustained.windowMs)}: above the sustained limit of ${count(sustained.limit)} per ${seconds(sustained.windowMs)}.`,
            calls: calls.slice(start, end),
          },
    )
  }
  for (const [start, end] of excessWindows(times, burst)) {
    hits.push({
      rule: 'call-frequency',
      level: 'warning',
      message: `${count(end - start)} calls within ${seconds(burst.windowMs)}: above the burst limit of ${count(burst.limit)} per ${seconds(burst.windowMs)}.`,
      calls: calls.slice(start, end),
    })
  }
  return hits
}
