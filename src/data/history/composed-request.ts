// The request a History entry opens as in the composer: the one stored beside the bytes when it was
// sent (decision 004). Records of builds before that, and entries imported from a HAR file, kept
// only the bytes: those are read back with fromWire, the one way from the wire to a request.
import { fromWire, type FromWireResult } from '../../mpsd/from-wire'
import { isRequestKind } from '../../mpsd/request-kinds'
import type { HistoryEntry } from './history-entry'

export function composedRequestOf(entry: HistoryEntry): FromWireResult {
  if (entry.composed) return { ok: true, request: entry.composed, unmapped: [] }
  // Every composed kind (MPSD's and Multiplayer Activity's); query, get, delete are tool calls.
  if (!isRequestKind(entry.kind))
    return { ok: false, error: `A ${entry.kind} call is not composed in the composer.` }
  return fromWire(entry.request)
}
