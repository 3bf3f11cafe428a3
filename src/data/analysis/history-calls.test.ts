import { describe, expect, it } from 'vitest'
import { analyzeTrace } from '../../mpsd/trace-rules/analyze-trace'
import { harCalls } from '../../mpsd/trace-rules/har-calls'
import { REDACTED_AUTHORIZATION } from '../../mpsd/request-builder'
import { toHar } from '../history/har'
import { historyIdFor, type HistoryEntry } from '../history/history-entry'
import { inRange } from './analysis-queries'
import { historyCalls } from './history-calls'

const T0 = Date.parse('2026-01-01T12:00:00.000Z')
const SIM = 'http://127.0.0.1:5173/sim'

function entry(at: number, upstream = 'simulator', status = 204): HistoryEntry {
  const startedAt = T0 + at
  return {
    id: historyIdFor(startedAt),
    startedAt,
    kind: 'activity',
    upstream,
    request: {
      method: 'POST',
      path: '/handles',
      headers: [
        ['Content-Type', 'application/json'],
        ['Authorization', REDACTED_AUTHORIZATION],
      ],
      body: '{"type":"activity"}',
    },
    response: { status, statusText: '', headers: [], body: '', sizeBytes: 0 },
    durationMs: 5,
    statusClass: status === 204 ? '2xx' : '4xx',
  }
}

describe('historyCalls', () => {
  it('finds identical History calls sent quickly, each linked to its entry', () => {
    const entries = [0, 200, 400, 600].map((at) => entry(at))
    const report = analyzeTrace(historyCalls(entries, SIM))
    expect(report.findings.map((f) => [f.rule, f.group.name, f.group.endpoint])).toEqual([
      ['burst', 'this browser', 'simulator'],
      ['repeated-calls', 'this browser', 'simulator'],
    ])
    expect(report.findings[1]?.calls.map((c) => c.ref)).toEqual(entries.map((e) => e.id))
  })

  it('reads History as the rules read its HAR export: same URLs, endpoints and findings', () => {
    const entries = [entry(0), entry(100, 'https://sessiondirectory.xboxlive.com', 429), entry(150)]
    const fromHistory = historyCalls(entries, SIM)
    const exported = harCalls(JSON.stringify(toHar(entries, { simulatorBase: SIM, version: '1' })))
    if (!exported.ok) throw new Error(exported.error)
    const shape = (calls: typeof fromHistory) =>
      calls.map(({ index, url, endpoint, status, body, userhash }) => ({
        index,
        url,
        endpoint,
        status,
        body,
        userhash,
      }))
    expect(shape(exported.calls)).toEqual(shape(fromHistory))
    expect(fromHistory.map((c) => c.endpoint)).toEqual([
      'simulator',
      'sessiondirectory.xboxlive.com',
      'simulator',
    ])
    // The redacted placeholder is not a user.
    expect(fromHistory.every((c) => c.userhash === undefined)).toBe(true)
  })
})

describe('inRange', () => {
  const id = historyIdFor(T0)
  it('keeps an entry started inside the range, either end included', () => {
    expect(inRange(id, {})).toBe(true)
    expect(inRange(id, { from: T0, to: T0 })).toBe(true)
    expect(inRange(id, { from: T0 - 1000 })).toBe(true)
    expect(inRange(id, { to: T0 + 999.5 })).toBe(true)
  })
  it('drops an entry a millisecond outside it', () => {
    expect(inRange(id, { from: T0 + 1 })).toBe(false)
    expect(inRange(id, { to: T0 - 1 })).toBe(false)
  })
})
