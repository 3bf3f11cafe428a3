import { describe, expect, it } from 'vitest'
import { buildHar, distinctCalls, findingsOf, SESSION_URL } from '../../testing/trace-har'
import { analyzeTrace } from './analyze-trace'
import { harCalls } from './har-calls'

describe('analyzeTrace', () => {
  // Two users, 20 calls each within 15 s: 40 from the console (over its 30), 20 per user (under).
  const twoUsers = buildHar(
    distinctCalls(40, 300).map((call, i) => ({ ...call, userhash: i % 2 ? '1111' : '2222' })),
  )

  it('groups by console as LTA does: two users’ calls count together', () => {
    const found = findingsOf(twoUsers, 'call-frequency')
    expect(found).toHaveLength(1)
    expect(found[0]?.group).toEqual({
      by: 'console',
      name: 'this console',
      endpoint: 'sessiondirectory.xboxlive.com',
    })
  })

  it('groups per user (the userhash) on request, and says so in each finding', () => {
    expect(findingsOf(twoUsers, 'call-frequency', { grouping: 'user' })).toEqual([])
    const bursts = findingsOf(twoUsers, 'burst', { grouping: 'user' })
    expect(new Set(bursts.map((f) => f.group.name))).toEqual(new Set(['1111', '2222']))
    expect(bursts.every((f) => f.group.by === 'user')).toBe(true)
    // User 2222 made the even-numbered calls.
    expect(bursts.find((f) => f.group.name === '2222')?.indexes.every((i) => i % 2 === 0)).toBe(
      true,
    )
  })

  it('puts calls without a userhash under one unknown user, and notes why', () => {
    const read = harCalls(JSON.stringify(buildHar(distinctCalls(4, 100))))
    if (!read.ok) throw new Error(read.error)
    const report = analyzeTrace(read.calls, { grouping: 'user' })
    expect(report.findings.map((f) => f.group.name)).toEqual(['unknown user'])
    expect(report.notes[0]).toContain('No call carries a userhash')
  })

  it('sorts each endpoint’s calls by time, keeping each call’s index in the file', () => {
    // Written newest first: index 3 is the earliest call.
    const har = buildHar([{ at: 3000 }, { at: 2000 }, { at: 1000 }, { at: 0 }])
    expect(findingsOf(har, 'repeated-calls').map((f) => f.indexes)).toEqual([[3, 2, 1, 0]])
  })

  it('finds nothing in a calm trace: one call a minute, each different', () => {
    const read = harCalls(JSON.stringify(buildHar(distinctCalls(20, 60_000))))
    if (!read.ok) throw new Error(read.error)
    expect(analyzeTrace(read.calls)).toEqual({
      grouping: 'console',
      callCount: 20,
      findings: [],
      notes: [],
    })
  })

  it('runs every rule on each endpoint separately', () => {
    const other = SESSION_URL.replace('sessiondirectory.xboxlive.com', 'mpsd.example.com')
    const har = buildHar([{ at: 0 }, { at: 100, url: other }, { at: 200 }, { at: 300, url: other }])
    expect(findingsOf(har, 'repeated-calls').map((f) => [f.group.endpoint, f.indexes])).toEqual([
      ['sessiondirectory.xboxlive.com', [0, 2]],
      ['mpsd.example.com', [1, 3]],
    ])
  })
})
