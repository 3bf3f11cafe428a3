import { describe, expect, it } from 'vitest'
import { requestFromFields } from '../../mpsd/request-fields'
import type { MpaSendInvitesRequest } from '../../mpsd/request-entity'
import type { HistoryEntry } from '../history/history-entry'
import type { SendInput } from '../send/send-and-record'
import { chunkInvitees, runMpaInviteBatch } from './mpa-invite-batch'

const template = requestFromFields({
  kind: 'mpaSendInvites',
  mpaTitleId: '1234',
  connectionString: 'cs',
}) as MpaSendInvitesRequest

/** A fake clock: sleeping moves time forward at once. */
function fakeClock() {
  let t = 0
  return { now: () => t, sleep: (ms: number) => ((t += ms), Promise.resolve()) }
}

function answer(status: number, headers: Array<[string, string]> = []): HistoryEntry {
  return {
    id: String(Math.random()),
    startedAt: 0,
    kind: 'mpaSendInvites',
    upstream: 'simulator',
    request: { method: 'POST', path: '/', headers: [] },
    response: { status, statusText: '', headers, body: '', sizeBytes: 0 },
    durationMs: 1,
    statusClass: status === 204 ? '2xx' : '4xx',
  }
}

const xuids = Array.from({ length: 130 }, (_, i) => String(2533274790000100 + i))

describe('MPA batch invites', () => {
  it('chunks by 16, the most one call may carry', () => {
    expect(chunkInvitees(xuids).map((c) => c.length)).toEqual([16, 16, 16, 16, 16, 16, 16, 16, 2])
  })

  it('sends each chunk once, paced at 7 calls per 15 s (MPA’s invite burst)', async () => {
    const clock = fakeClock()
    const sent: Array<{ at: number; body: string | undefined }> = []
    const chunks = await runMpaInviteBatch(template, xuids, {
      clock,
      send: (input: SendInput) => {
        sent.push({ at: clock.now(), body: input.request.body })
        return Promise.resolve(answer(204))
      },
    })
    expect(chunks.every((c) => c.status === 'sent')).toBe(true)
    expect(sent).toHaveLength(9)
    expect(JSON.parse(sent[0]?.body ?? '').invitedUsers).toEqual(xuids.slice(0, 16))
    // The eighth call waits until the first has left the 15 s window.
    expect(sent[6]?.at).toBe(0)
    expect(sent[7]?.at).toBeGreaterThanOrEqual(15_000)
  })

  it('after a 429 waits Retry-After and sends the same chunk again; other failures are final', async () => {
    const clock = fakeClock()
    const statuses = [429, 204, 400]
    const sent: number[] = []
    const chunks = await runMpaInviteBatch(template, xuids.slice(0, 20), {
      clock,
      send: () => {
        sent.push(clock.now())
        const status = statuses.shift() ?? 204
        return Promise.resolve(answer(status, status === 429 ? [['Retry-After', '12']] : []))
      },
    })
    expect(sent[1]).toBeGreaterThanOrEqual(12_000)
    expect(chunks.map((c) => c.status)).toEqual(['sent', 'failed'])
  })
})
