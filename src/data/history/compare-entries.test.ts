import { describe, expect, it } from 'vitest'
import { compareEntries } from './compare-entries'
import type { HistoryEntry } from './history-entry'

function answer(body: object, headers: Array<[string, string]> = [], status = 201): HistoryEntry {
  return {
    id: 'x',
    startedAt: 0,
    kind: 'invite',
    upstream: 'simulator',
    request: { method: 'POST', path: '/handles', headers: [] },
    response: { status, statusText: '', headers, body: JSON.stringify(body), sizeBytes: 1 },
    durationMs: 1,
    statusClass: '2xx',
  }
}

describe('compareEntries', () => {
  it('marks ids, expirations, dates and timings as volatile', () => {
    const left = answer({ id: 'a', expiration: '2026-11-27T00:00:00Z', titleId: '1' }, [
      ['Date', 'Mon'],
      ['Server-Timing', 'upstream;dur=1'],
    ])
    const right = answer({ id: 'b', expiration: '2026-11-28T00:00:00Z', titleId: '1' }, [
      ['Date', 'Tue'],
      ['Server-Timing', 'upstream;dur=2'],
    ])
    const differences = compareEntries(left, right)
    expect(differences.map((d) => d.path).sort()).toEqual([
      'response.body.expiration',
      'response.body.id',
      'response.headers.date',
      'response.headers.server-timing',
    ])
    expect(differences.every((d) => d.volatile)).toBe(true)
  })

  it('reports real changes in status, headers and body as not volatile', () => {
    const left = answer({ inviteAttributes: { titleId: '1' } }, [
      ['Content-Type', 'application/json'],
    ])
    const right = answer(
      { inviteAttributes: { titleId: '2' }, extra: true },
      [['content-type', 'text/plain']],
      400,
    )
    const differences = compareEntries(left, right)
    expect(
      differences.filter((d) => !d.volatile).map((d) => [d.path, d.change, d.left, d.right]),
    ).toEqual([
      ['response.status', 'changed', '201', '400'],
      ['response.headers.content-type', 'changed', 'application/json', 'text/plain'],
      // Text stays text: quoted, as the answer had it.
      ['response.body.inviteAttributes.titleId', 'changed', '"1"', '"2"'],
      ['response.body.extra', 'added', undefined, 'true'],
    ])
  })

  it('tells 64-bit XUIDs apart that a float would round together', () => {
    const left: HistoryEntry = {
      ...answer({}),
      response: {
        status: 200,
        statusText: '',
        headers: [],
        body: '{"xuid":18446744073709551614}',
        sizeBytes: 1,
      },
    }
    const right: HistoryEntry = {
      ...answer({}),
      response: {
        status: 200,
        statusText: '',
        headers: [],
        body: '{"xuid":18446744073709551615}',
        sizeBytes: 1,
      },
    }
    expect(compareEntries(left, right)).toEqual([
      {
        path: 'response.body.xuid',
        change: 'changed',
        left: '18446744073709551614',
        right: '18446744073709551615',
        volatile: false,
      },
    ])
  })

  it('compares the request bodies too, and keeps every value’s type', () => {
    const sent = (body: string): HistoryEntry => ({
      ...answer({}),
      request: { method: 'POST', path: '/handles', headers: [], body },
    })
    const left = sent('{"type":"invite","version":1,"sessionRef":{"name":"a"},"n":[1,"1"]}')
    const right = sent('{"type":"invite","version":"1","sessionRef":{"name":"b"},"o":{"v":2}}')
    expect(compareEntries(left, right).map((d) => [d.path, d.left, d.right])).toEqual([
      ['request.body.version', '1', '"1"'],
      ['request.body.sessionRef.name', '"a"', '"b"'],
      ['request.body.n', '[1,"1"]', undefined],
      ['request.body.o', undefined, '{"v":2}'],
    ])
  })

  it('finds nothing between identical answers', () => {
    expect(compareEntries(answer({ a: 1 }), answer({ a: 1 }))).toEqual([])
  })
})
