// History entries as trace calls, so the trace rules read History as they read a HAR file: the same
// URL as the HAR export writes, the endpoint the call went to, and this browser as the console.
import { endpointOfUpstream, userhashOf, type TraceCall } from '../../mpsd/trace-rules/trace-call'
import { entryUrl } from '../history/har'
import type { HistoryEntry } from '../history/history-entry'

export const THIS_BROWSER = 'this browser'

/** `entries` oldest first; each call's index is its position there, its ref the entry's id. */
export function historyCalls(entries: readonly HistoryEntry[], simulatorBase: string): TraceCall[] {
  return entries.map((entry, index) => {
    const authorization = entry.request.headers.find(
      ([name]) => name.toLowerCase() === 'authorization',
    )?.[1]
    // Sends as a simulated player or signed-in account keep their userhash in the redacted header;
    // a pasted or server token's is the <userhash> placeholder, which is no user (undefined).
    const userhash = userhashOf(authorization)
    return {
      index,
      startedAt: entry.startedAt,
      method: entry.request.method,
      url: entryUrl(entry, simulatorBase),
      endpoint: endpointOfUpstream(entry.upstream),
      body: entry.request.body ?? '',
      status: entry.response?.status ?? 0,
      ...(entry.response?.status === 429 ? { responseBody: entry.response.body } : {}),
      ...(userhash ? { userhash } : {}),
      console: THIS_BROWSER,
      ref: entry.id,
    }
  })
}
