import { describe, expect, it } from 'vitest'
import { buildHar, findingsOf, THROTTLE_BODY } from '../../testing/trace-har'

describe('throttled-calls', () => {
  it('reports a 429 with the limit MPSD’s body names', () => {
    const har = buildHar([{ at: 0 }, { at: 1200, status: 429, responseBody: THROTTLE_BODY }])
    expect(findingsOf(har, 'throttled-calls')).toEqual([
      {
        level: 'warning',
        message: 'A call was throttled (429). Allowed: 10 over 15 seconds.',
        group: { by: 'console', name: 'this console', endpoint: 'sessiondirectory.xboxlive.com' },
        indexes: [1],
      },
    ])
  })

  it('reports a run of 429s in a row once, listing each call once, and a later one on its own', () => {
    const statuses = [429, 429, 429, 200, 429]
    const har = buildHar(statuses.map((status, i) => ({ at: i * 10_000, status })))
    expect(findingsOf(har, 'throttled-calls')).toEqual([
      expect.objectContaining({
        message:
          '3 calls in a row were throttled (429): the caller did not back off after the first.',
        indexes: [0, 1, 2],
      }),
      expect.objectContaining({ message: 'A call was throttled (429).', indexes: [4] }),
    ])
  })

  it('finds nothing without a 429 (a 503 is not throttling)', () => {
    const har = buildHar([
      { at: 0, status: 200 },
      { at: 10_000, status: 503 },
    ])
    expect(findingsOf(har, 'throttled-calls')).toEqual([])
  })
})
