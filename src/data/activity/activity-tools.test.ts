import { describe, expect, it } from 'vitest'
import type { HistoryEntry } from '../history/history-entry'
import type { SendInput } from '../send/send-and-record'
import { clearActivity, findActivities } from './activity-tools'

const SCID = 'bd6c41c3-01c3-468a-a3b5-3e0fe8133862'

function entry(input: SendInput, status: number, body: string): HistoryEntry {
  return {
    id: `id-${input.request.method}`,
    startedAt: 0,
    kind: input.kind,
    upstream: 'simulator',
    request: {
      method: input.request.method,
      path: input.request.path,
      headers: [],
      ...(input.request.body ? { body: input.request.body } : {}),
    },
    response: { status, statusText: '', headers: [], body, sizeBytes: body.length },
    durationMs: 1,
    statusClass: status < 300 ? '2xx' : '4xx',
  }
}

const activity = {
  id: 'a1',
  type: 'activity',
  version: 1,
  ownerXuid: '1',
  titleId: '9',
  sessionRef: { scid: SCID, templateName: 't', name: 'n' },
  relatedInfo: { closed: false },
  customProperties: { map: 'x' },
}

describe('activity tools', () => {
  it('Find activities posts XSAPI’s query and shows relatedInfo and customProperties', async () => {
    const sent: SendInput[] = []
    const result = await findActivities(
      { scid: SCID, owners: { xuids: ['1', '2'] } },
      async (input) => {
        sent.push(input)
        return entry(input, 200, JSON.stringify({ results: [activity] }))
      },
    )
    expect(sent[0]?.request.path).toBe('/handles/query?include=relatedInfo,customProperties')
    expect(JSON.parse(sent[0]?.request.body ?? '')).toEqual({
      type: 'activity',
      scid: SCID,
      owners: { xuids: ['1', '2'] },
    })
    expect(result).toMatchObject({
      ok: true,
      value: [{ id: 'a1', relatedInfo: { closed: false }, customProperties: { map: 'x' } }],
    })
  })

  it('validates before sending: both or neither owner selector is refused', async () => {
    let calls = 0
    const result = await findActivities(
      { scid: 'nope', owners: { xuids: [] } },
      async (input) => (calls++, entry(input, 200, '{}')),
    )
    expect(result.ok).toBe(false)
    expect(calls).toBe(0)
  })

  it('Clear activity queries the caller’s activity, then deletes it', async () => {
    const sent: SendInput[] = []
    const result = await clearActivity({ scid: SCID, callerXuid: '1' }, async (input) => {
      sent.push(input)
      return input.request.method === 'DELETE'
        ? entry(input, 204, '')
        : entry(input, 200, JSON.stringify({ results: [activity] }))
    })
    expect(sent.map((s) => `${s.request.method} ${s.request.path}`)).toEqual([
      'POST /handles/query?include=relatedInfo,customProperties',
      'DELETE /handles/a1',
    ])
    expect(result).toMatchObject({ ok: true, value: { deletedId: 'a1' } })
  })

  it('Clear activity deletes nothing when there is no activity (as XSAPI errors)', async () => {
    const result = await clearActivity({ scid: SCID, callerXuid: '1' }, async (input) =>
      entry(input, 200, '{"results":[]}'),
    )
    expect(result).toMatchObject({ ok: false, error: expect.stringMatching(/nothing to clear/) })
  })

  it('reports an MPSD error as text', async () => {
    const result = await findActivities(
      { scid: SCID, owners: { people: { moniker: 'friends', monikerXuid: '1' } } },
      async (input) => entry(input, 400, 'bad moniker\nmore'),
    )
    expect(result).toMatchObject({ ok: false, error: 'HTTP 400: bad moniker' })
  })
})
