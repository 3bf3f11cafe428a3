import { describe, expect, it } from 'vitest'
import { buildHar, distinctCalls, findingsOf } from '../../testing/trace-har'

describe('burst', () => {
  it('reports 4 calls to one endpoint within 2 s, listing them', () => {
    const calls = [...distinctCalls(3, 5000), ...distinctCalls(4, 600, 20_000)]
    const har = buildHar(calls.map((c, i) => ({ ...c, url: `${c.url}-${i}` })))
    expect(findingsOf(har, 'burst')).toEqual([
      {
        level: 'warning',
        message: 'A burst of 4 calls within 2 s (more than 3).',
        group: { by: 'console', name: 'this console', endpoint: 'sessiondirectory.xboxlive.com' },
        indexes: [3, 4, 5, 6],
      },
    ])
  })

  it('counts a call exactly 2 s after the first', () => {
    const calls = distinctCalls(4, 500)
    calls[3] = { ...calls[3], at: 2000 }
    expect(findingsOf(buildHar(calls), 'burst').map((f) => f.indexes)).toEqual([[0, 1, 2, 3]])
  })

  it('finds nothing for 3 calls within 2 s, or 4 calls spread over more than 2 s', () => {
    expect(findingsOf(buildHar(distinctCalls(3, 100)), 'burst')).toEqual([])
    const spread = distinctCalls(4, 500)
    spread[3] = { ...spread[3], at: 2001 }
    expect(findingsOf(buildHar(spread), 'burst')).toEqual([])
  })

  it('counts each endpoint on its own', () => {
    const calls = distinctCalls(4, 100).map((c, i) =>
      i % 2
        ? { ...c, url: (c.url ?? '').replace('sessiondirectory.xboxlive.com', 'mpsd.example.com') }
        : c,
    )
    expect(findingsOf(buildHar(calls), 'burst')).toEqual([])
  })
})
