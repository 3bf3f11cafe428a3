// The choices History can be filtered by, for every view that filters it (History, Analysis).
import { KIND_SERVICE } from '../../mpsd/request-kinds'
import { requestKindSchema, type RequestKind, type StatusClass } from './history-entry'

export type Service = 'mpsd' | 'mpa'

/** A composed kind's service; the calls only History knows (query, get, delete) are MPSD's. */
export function serviceOfKind(kind: RequestKind): Service {
  return (KIND_SERVICE as Partial<Record<string, Service>>)[kind] ?? 'mpsd'
}

export const SERVICE_OPTIONS: ReadonlyArray<readonly [Service, string]> = [
  ['mpsd', 'MPSD handles'],
  ['mpa', 'Multiplayer Activity'],
]

export const KIND_OPTIONS: ReadonlyArray<readonly [RequestKind, string]> =
  requestKindSchema.options.map((kind) => [kind, kind] as const)

export const STATUS_OPTIONS: ReadonlyArray<readonly [StatusClass, string]> = [
  ['2xx', '2xx'],
  ['4xx', '4xx'],
  ['5xx', '5xx'],
  ['proxy', 'Proxy error'],
]

/** Text filters wait for a pause in typing: each change re-reads the matching History records. */
export const FILTER_TEXT_DELAY_MS = 250

/** The Expectations filter: calls whose answer broke one of their expectations. */
export const EXPECT_OPTIONS: ReadonlyArray<readonly ['failed', string]> = [['failed', 'Failed']]
