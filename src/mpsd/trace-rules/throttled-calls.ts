// Throttled calls [trace-rules.md §2.5]: every answer with status exactly 429. Deviation from LTA, on
// purpose (decision 070): LTA's loop compares call positions with the *count* of 429s, so it can
// list one call several times and miss a later run; this reports what its comments intend, one
// finding per run of consecutive 429s to an endpoint, listing each throttled call once. A run of two
// or more means the caller did not back off after the first.
import type { RuleHit, TraceCall } from './trace-call'

const THROTTLED = 429

/** "Allowed: 30 over 15 seconds." from MPSD's 429 body, when it has one [§2.5, §3]. */
function allowedNote(call: TraceCall): string {
  try {
    const body: unknown = JSON.parse(call.responseBody ?? '')
    if (body && typeof body === 'object' && 'maxRequests' in body && 'periodInSeconds' in body)
      return ` Allowed: ${String(body.maxRequests)} over ${String(body.periodInSeconds)} seconds.`
  } catch {
    // No JSON body (HAR files often leave bodies out): the finding stands without the note.
  }
  return ''
}

/** `calls`: one endpoint's calls, sorted by start time. */
export function throttledCalls(calls: readonly TraceCall[]): RuleHit[] {
  const hits: RuleHit[] = []
  let run: TraceCall[] = []
  const close = () => {
    const first = run[0]
    if (!first) return
    hits.push({
      rule: 'throttled-calls',
      level: 'warning',
      message:
        run.length === 1
          ? `A call was throttled (429).${allowedNote(first)}`
          : `${run.length} calls in a row were throttled (429): the caller did not back off after the first.${allowedNote(first)}`,
      calls: run,
    })
    run = []
  }
  for (const call of calls) {
    if (call.status === THROTTLED) run.push(call)
    else close()
  }
  close()
  return hits
}
