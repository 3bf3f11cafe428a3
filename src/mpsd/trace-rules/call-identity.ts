// "The same call" for repeated calls and polling [trace-rules.md §2.3]: the identical URI string and
// the identical request body. Method, headers, status and user are not compared (so a GET and a
// DELETE of one URI, both without a body, are the same call, as in LTA).
import type { TraceCall } from './trace-call'

export function callIdentity(call: TraceCall): string {
  return JSON.stringify([call.url, call.body])
}

/** Positions in `calls` of each identity's calls, in list order. */
export function positionsByIdentity(calls: readonly TraceCall[]): Map<string, number[]> {
  const groups = new Map<string, number[]>()
  calls.forEach((call, position) => {
    const key = callIdentity(call)
    const positions = groups.get(key)
    if (positions) positions.push(position)
    else groups.set(key, [position])
  })
  return groups
}
