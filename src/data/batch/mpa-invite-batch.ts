// Batch invites through Multiplayer Activity (decision 110): MPA takes up to 16 invitees per call
// [mpa.md §2.5], so a list goes out in chunks of 16, one call each, paced by MPA's invite budget
// per user and title (7 per 15 s, 50 per 300 s [§3]) with the same token bucket as MPSD batches.
// A 429 means the chunk was not sent: it waits Retry-After and goes again (at most a few times);
// anything else is final, since a resent invite is a second invite.
import { INVITE_MAX_USERS, MPA_BUDGETS } from '../../mpsd/mpa/mpa-limits'
import type { MpaSendInvitesRequest } from '../../mpsd/request-entity'
import { toWire } from '../../mpsd/to-wire'
import type { HistoryEntry } from '../history/history-entry'
import type { SendInput } from '../send/send-and-record'
import {
  DEFAULT_RETRY_AFTER_MS,
  MAX_THROTTLES_PER_XUID,
  parseRetryAfter,
  realClock,
  type Clock,
} from './batch-runner'
import { createTokenBucket } from '../../mpsd/token-bucket'

export const MPA_INVITE_BUDGETS = [MPA_BUDGETS.invites.burst, MPA_BUDGETS.invites.sustain]

export function chunkInvitees(xuids: readonly string[], size = INVITE_MAX_USERS): string[][] {
  const chunks: string[][] = []
  for (let i = 0; i < xuids.length; i += size) chunks.push(xuids.slice(i, i + size))
  return chunks
}

export type MpaChunkResult = {
  xuids: string[]
  status: 'pending' | 'sent' | 'failed' | 'cancelled'
  detail?: string
  historyId?: string
}

export type MpaBatchOptions = {
  send: (input: SendInput) => Promise<HistoryEntry>
  clock?: Clock
  signal?: AbortSignal
  onUpdate?: (chunks: MpaChunkResult[]) => void
}

function outcomeOf(entry: HistoryEntry): { ok: boolean; throttled: boolean; detail: string } {
  if (entry.networkError) return { ok: false, throttled: false, detail: entry.networkError }
  if (entry.proxyError)
    return { ok: false, throttled: false, detail: `Proxy: ${entry.proxyError.message}` }
  const status = entry.response?.status ?? 0
  if (status >= 200 && status < 300) return { ok: true, throttled: false, detail: String(status) }
  return {
    ok: false,
    throttled: status === 429,
    detail: `HTTP ${status}${entry.response?.body ? `: ${entry.response.body.slice(0, 200)}` : ''}`,
  }
}

/** Sends the template's invite to every XUID, 16 per call, paced; resolves with each chunk's end. */
export async function runMpaInviteBatch(
  template: MpaSendInvitesRequest,
  xuids: readonly string[],
  options: MpaBatchOptions,
): Promise<MpaChunkResult[]> {
  const clock = options.clock ?? realClock
  const signal = options.signal ?? new AbortController().signal
  const bucket = createTokenBucket({ budgets: MPA_INVITE_BUDGETS, now: clock.now })
  const chunks: MpaChunkResult[] = chunkInvitees(xuids).map((c) => ({
    xuids: c,
    status: 'pending',
  }))
  const update = (index: number, result: MpaChunkResult) => {
    chunks[index] = result
    options.onUpdate?.([...chunks])
  }
  options.onUpdate?.([...chunks])
  for (const [index, chunk] of chunks.entries()) {
    let throttles = 0
    for (;;) {
      try {
        await clock.sleep(bucket.waitMs(), signal)
      } catch {
        for (let i = index; i < chunks.length; i++)
          update(i, { ...(chunks[i] as MpaChunkResult), status: 'cancelled', detail: 'Not sent' })
        return chunks
      }
      const request: MpaSendInvitesRequest = {
        ...template,
        mpaInvite: { invitedUsers: chunk.xuids.join('\n') },
      }
      const entry = await options.send({
        request: toWire(request, { contractVersion: 0 }),
        composed: request,
        kind: 'mpaSendInvites',
      })
      bucket.take(clock.now())
      const outcome = outcomeOf(entry)
      if (outcome.throttled && ++throttles < MAX_THROTTLES_PER_XUID) {
        const retryAfter = entry.response?.headers.find(([n]) => n.toLowerCase() === 'retry-after')
        bucket.blockUntil(
          clock.now() + (parseRetryAfter(retryAfter?.[1], clock.now()) ?? DEFAULT_RETRY_AFTER_MS),
        )
        continue
      }
      update(index, {
        xuids: chunk.xuids,
        status: outcome.ok ? 'sent' : 'failed',
        detail: outcome.detail,
        ...(entry.storageError ? {} : { historyId: entry.id }),
      })
      break
    }
  }
  return chunks
}
