import { describe, expect, it } from 'vitest'
import { buildHar, findingsOf, SESSION_URL, THROTTLE_BODY } from '../../testing/trace-har'

describe('repeated-calls', () => {
  it('reports identical calls within 5 s, grouped from the first unreported one (trace B)', () => {
    const har = buildHar([
      { at: 0 },
      { at: 1200, status: 429, responseBody: THROTTLE_BODY },
      { at: 2000, method: 'PUT', body: '{"properties":{}}' },
      { at: 4999 },
      { at: 8000 },
      { at: 9000, method: 'DELETE', status: 204 },
    ])
    expect(findingsOf(har, 'repeated-calls')).toEqual([
      {
        level: 'warning',
        message: 'The same call (same URI and body) was made 3 times within 5 s.',
        group: { by: 'console', name: 'this console', endpoint: 'sessiondirectory.xboxlive.com' },
        indexes: [0, 1, 3],
      },
      expect.objectContaining({ indexes: [4, 5] }),
    ])
  })

  it('finds nothing at exactly 5 s apart, for different bodies, or for calls at the same ms', () => {
    expect(
      findingsOf(buildHar([{ at: 0 }, { at: 5000 }, { at: 10_000 }]), 'repeated-calls'),
    ).toEqual([])
    expect(
      findingsOf(
        buildHar([
          { at: 0, method: 'POST', body: '{"a":1}' },
          { at: 100, method: 'POST', body: '{"a":2}' },
        ]),
        'repeated-calls',
      ),
    ).toEqual([])
    expect(findingsOf(buildHar([{ at: 0 }, { at: 0 }]), 'repeated-calls')).toEqual([])
  })

  it('compares the URI verbatim, query string included', () => {
    const har = buildHar([
      { at: 0, url: `${SESSION_URL}?a=1&b=2` },
      { at: 100, url: `${SESSION_URL}?b=2&a=1` },
    ])
    expect(findingsOf(har, 'repeated-calls')).toEqual([])
  })
})
