// "Find activities" and "Clear activity", as XSAPI does them [spec §2.5, §2.8, §8]: a query
// (`POST /handles/query?include=relatedInfo,customProperties`) by XUIDs or by a social group, and
// ClearActivity = query the caller's own activity for the SCID, then DELETE /handles/{id}. Every
// call goes through the send given (the app's recording send), so each is in History.
import { z } from 'zod'
import { deleteHandleRequest, queryHandlesRequest } from '../../mpsd/request-builder'
import { handlesQueryBodySchema, type HandlesQueryBody } from '../../mpsd/schemas'
import type { HistoryEntry } from '../history/history-entry'
import type { SendInput } from '../send/send-and-record'

export type Owners = { xuids: string[] } | { people: { moniker: string; monikerXuid: string } }

/** An activity as shown: lenient, since MPSD adds fields and the fixtures use mock values. */
export const foundActivitySchema = z.looseObject({
  id: z.string(),
  type: z.string(),
  ownerXuid: z.string().optional(),
  titleId: z.string().optional(),
  sessionRef: z
    .looseObject({ scid: z.string(), templateName: z.string(), name: z.string() })
    .partial()
    .optional(),
  relatedInfo: z.record(z.string(), z.unknown()).optional(),
  customProperties: z.unknown().optional(),
})
export type FoundActivity = z.infer<typeof foundActivitySchema>

export type Send = (input: SendInput) => Promise<HistoryEntry>

export type ToolResult<T> =
  | { ok: true; value: T; entries: HistoryEntry[] }
  | { ok: false; error: string; entries: HistoryEntry[] }

/** Validates before anything is sent: the same schema the simulator checks with. */
export function activityQueryBody(
  scid: string,
  owners: Owners,
): { ok: true; body: HandlesQueryBody } | { ok: false; error: string } {
  const parsed = handlesQueryBodySchema.safeParse({ type: 'activity', scid, owners })
  if (parsed.success) return { ok: true, body: parsed.data }
  return { ok: false, error: parsed.error.issues.map((i) => i.message).join('; ') }
}

/** Why an exchange is not a usable answer, or undefined when it is a 2xx. */
export function failureOf(entry: HistoryEntry): string | undefined {
  if (entry.networkError) return entry.networkError
  if (entry.proxyError) return `Proxy: ${entry.proxyError.message}`
  const r = entry.response
  if (!r) return 'No answer'
  if (r.status >= 200 && r.status < 300) return undefined
  const text = r.body.trim().split(/\r?\n/)[0] ?? ''
  return `HTTP ${r.status}${r.statusText ? ` ${r.statusText}` : ''}${text ? `: ${text.slice(0, 300)}` : ''}`
}

export function parseActivities(
  body: string,
): { ok: true; activities: FoundActivity[] } | { ok: false; error: string } {
  let data: unknown
  try {
    data = JSON.parse(body)
  } catch {
    return { ok: false, error: 'The answer is not JSON.' }
  }
  const results = (data as { results?: unknown } | null)?.results
  if (!Array.isArray(results)) return { ok: false, error: 'The answer has no results array.' }
  // XSAPI skips items that are not activities; keep every one that parses, so nothing is hidden.
  const activities = results.flatMap((item) => {
    const parsed = foundActivitySchema.safeParse(item)
    return parsed.success ? [parsed.data] : []
  })
  return { ok: true, activities }
}

export async function findActivities(
  input: { scid: string; owners: Owners; contractVersion?: number },
  send: Send,
): Promise<ToolResult<FoundActivity[]>> {
  const built = activityQueryBody(input.scid, input.owners)
  if (!built.ok) return { ok: false, error: built.error, entries: [] }
  const entry = await send({
    request: queryHandlesRequest(built.body, input.contractVersion),
    kind: 'query',
    meta: {
      scid: built.body.scid,
      ...('xuids' in input.owners && input.owners.xuids.length === 1
        ? { xuid: input.owners.xuids[0] }
        : {}),
    },
  })
  const failure = failureOf(entry)
  if (failure) return { ok: false, error: failure, entries: [entry] }
  const parsed = parseActivities(entry.response?.body ?? '')
  return parsed.ok
    ? { ok: true, value: parsed.activities, entries: [entry] }
    : { ok: false, error: parsed.error, entries: [entry] }
}

/**
 * XSAPI's ClearActivity: the query must find exactly one activity (XSAPI errors on none or
 * several, since MPSD keeps one per user per SCID); then that one is deleted.
 */
export async function clearActivity(
  input: { scid: string; callerXuid: string; contractVersion?: number },
  send: Send,
): Promise<ToolResult<{ deletedId: string }>> {
  const found = await findActivities(
    {
      scid: input.scid,
      owners: { xuids: [input.callerXuid] },
      ...(input.contractVersion ? { contractVersion: input.contractVersion } : {}),
    },
    send,
  )
  if (!found.ok) return found
  const own = found.value.filter((a) => a.type === 'activity')
  if (own.length !== 1) {
    return {
      ok: false,
      entries: found.entries,
      error:
        own.length === 0
          ? `No activity found for XUID ${input.callerXuid} in this SCID: nothing to clear.`
          : `${own.length} activities found for XUID ${input.callerXuid}; XSAPI expects one and stops here. Nothing was deleted.`,
    }
  }
  const id = own[0]?.id ?? ''
  const entry = await send({
    request: deleteHandleRequest(id, input.contractVersion),
    kind: 'delete',
    meta: { scid: input.scid, xuid: input.callerXuid },
  })
  const entries = [...found.entries, entry]
  const failure = failureOf(entry)
  return failure
    ? { ok: false, error: `DELETE /handles/${id}: ${failure}`, entries }
    : { ok: true, value: { deletedId: id }, entries }
}
