// One call as the Workbench sent it and as it came back. Stored in IndexedDB and validated on read.
// The Authorization value never enters a record: request headers are stored already redacted.
import { z } from 'zod'
import { requestEntitySchema } from '../../mpsd/request-entity'
import { upgradeRequest } from '../../mpsd/request-migrate'
import { SENDER_KINDS } from '../../mpsd/acting-identity'

// The composed kinds (request-kinds.ts) plus the calls the panels make (query, get, delete).
export const requestKindSchema = z.enum([
  'activity',
  'invite',
  'query',
  'get',
  'delete',
  'session',
  'transfer',
  'search',
  'searchQuery',
  // Multiplayer Activity calls, one kind each as composed (decision 110).
  'mpaSetActivity',
  'mpaDeleteActivity',
  'mpaQueryActivities',
  'mpaSendInvites',
  'mpaRecentPlayers',
])
export type RequestKind = z.infer<typeof requestKindSchema>

export const statusClassSchema = z.enum(['1xx', '2xx', '3xx', '4xx', '5xx', 'proxy'])
export type StatusClass = z.infer<typeof statusClassSchema>

const headerPairs = z.array(z.tuple([z.string(), z.string()]))

export const historyEntrySchema = z.object({
  id: z.string(),
  startedAt: z.number(),
  kind: requestKindSchema,
  /** 'simulator', the Xbox Live origin, or a custom origin. */
  upstream: z.string(),
  request: z.object({
    method: z.enum(['GET', 'POST', 'PUT', 'DELETE']),
    path: z.string(),
    headers: headerPairs,
    body: z.string().optional(),
  }),
  response: z
    .object({
      status: z.number(),
      statusText: z.string(),
      headers: headerPairs,
      body: z.string(),
      /** Bodies over 1 MiB are stored cut to 1 MiB; the original size is in sizeBytes. */
      bodyTruncated: z.boolean().optional(),
      sizeBytes: z.number(),
    })
    .optional(),
  proxyError: z.object({ code: z.string(), message: z.string() }).optional(),
  /** A network failure before any answer (proxy unreachable). */
  networkError: z.string().optional(),
  durationMs: z.number(),
  upstreamMs: z.number().optional(),
  statusClass: statusClassSchema,
  scid: z.string().optional(),
  xuid: z.string().optional(),
  sessionName: z.string().optional(),
  batchId: z.string().optional(),
  /**
   * The request as composed, beside the bytes above (decision 004): "Open in composer" opens it.
   * Records of earlier builds and imported HAR entries have none (the composer reads their bytes
   * back with fromWire). One that cannot be read is dropped, not the record with it.
   */
  composed: z
    .preprocess(upgradeRequest, requestEntitySchema)
    .optional()
    .catch(() => undefined),
  /** The invite handle this call created, filed in the Handles ledger. */
  handleId: z.string().optional(),
  /** Who sent it (decision 022): a player's or account's gamertag and XUID, never a token. */
  sender: z
    .object({
      kind: z.enum(SENDER_KINDS),
      gamertag: z.string().optional(),
      xuid: z.string().optional(),
    })
    .optional(),
  /** The request's expectations as checked against this answer (expectations.ts). */
  expectations: z
    .array(z.object({ label: z.string(), passed: z.boolean(), message: z.string() }))
    .optional()
    .catch(() => undefined),
  /** Set when the entry came from an imported HAR file. */
  imported: z.boolean().optional(),
  /** Only on an entry handed back to the UI when IndexedDB refused it; never stored. */
  storageError: z.string().optional(),
})
export type HistoryEntry = z.infer<typeof historyEntrySchema>

export function statusClassOf(status: number | undefined, proxyError: boolean): StatusClass {
  if (proxyError || status === undefined || status === 0) return 'proxy'
  if (status < 200) return '1xx'
  if (status < 300) return '2xx'
  if (status < 400) return '3xx'
  if (status < 500) return '4xx'
  return '5xx'
}

/**
 * History ids sort by time: the start time in base 36, then a random part. IndexedDB keeps keys in
 * order, so "newest first" is the key order reversed, and every index (kind, SCID…) lists its
 * matches in time order too, with no sort over 100,000 records.
 */
export function historyIdFor(startedAt: number, random: string = crypto.randomUUID()): string {
  return `${Math.max(0, Math.floor(startedAt)).toString(36).padStart(10, '0')}-${random}`
}

/** The smallest id an entry started at `time` can have: a key-range bound for age pruning. */
export function historyIdBound(time: number): string {
  return Math.max(0, Math.floor(time)).toString(36).padStart(10, '0')
}
