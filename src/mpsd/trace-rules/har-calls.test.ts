import { describe, expect, it } from 'vitest'
import { buildHar, harEntry, SESSION_URL, T0 } from '../../testing/trace-har'
import { harCalls } from './har-calls'

describe('harCalls', () => {
  it('says what is wrong with a file that is not JSON or not a HAR', () => {
    expect(harCalls('{"log": ')).toEqual({
      ok: false,
      error: expect.stringMatching(/^not JSON \(/),
    })
    expect(harCalls('{"entries": []}')).toEqual({
      ok: false,
      error: 'not a HAR file: it has no log.entries list',
    })
    expect(harCalls('[]')).toMatchObject({ ok: false })
  })

  it('reads a call’s fields, and the userhash but never the token', () => {
    const read = harCalls(
      JSON.stringify(
        buildHar([
          { at: 5, method: 'post', body: '{"a":1}', status: 201, userhash: '2814679796296491' },
        ]),
      ),
      { console: 'trace.har' },
    )
    expect(read).toEqual({
      ok: true,
      entryCount: 1,
      skipped: [],
      calls: [
        {
          index: 0,
          startedAt: T0 + 5,
          method: 'POST',
          url: SESSION_URL,
          endpoint: 'sessiondirectory.xboxlive.com',
          body: '{"a":1}',
          status: 201,
          userhash: '2814679796296491',
          console: 'trace.har',
        },
      ],
    })
    expect(JSON.stringify(read)).not.toContain('secret-token')
  })

  it('skips what the rules must not see, each with why, and keeps the others’ indexes', () => {
    const base = harEntry({ at: 0 })
    const har = buildHar(
      [{ at: 0 }],
      [
        { ...base, request: { ...base.request, method: 'OPTIONS' } },
        { ...base, _fromCache: 'memory' },
        { ...base, request: { ...base.request, url: 'http://127.0.0.1:5173/assets/index.js' } },
        { ...base, request: { ...base.request, url: 'wss://rta.xboxlive.com/connect' } },
        { ...base, startedDateTime: 'yesterday' },
        { ...base, request: { ...base.request, method: 'CONNECT' } },
        harEntry({ at: 1000 }),
      ],
    )
    const read = harCalls(JSON.stringify(har))
    if (!read.ok) throw new Error(read.error)
    expect(read.calls.map((c) => c.index)).toEqual([0, 7])
    expect(read.skipped.map((s) => [s.index, s.reason])).toEqual([
      [1, 'preflight'],
      [2, 'cache'],
      [3, 'not-mpsd'],
      [4, 'websocket'],
      [5, 'invalid'],
      [6, 'connect'],
    ])
    expect(read.skipped[2]?.detail).toBe(
      'GET 127.0.0.1:5173/assets/index.js is not a session directory call',
    )
    expect(read.skipped[4]?.detail).toBe('startedDateTime: not a date')
    // With allEndpoints the page's own script counts too.
    const all = harCalls(JSON.stringify(har), { allEndpoints: true })
    expect(all.ok && all.calls.map((c) => c.index)).toEqual([0, 3, 7])
  })

  it('reads the Workbench’s own calls: its export, and a devtools capture of its proxy', () => {
    const exported = {
      ...harEntry({ at: 0, url: 'http://127.0.0.1:5173/sim/handles', method: 'POST', body: '{}' }),
      _workbench: { upstream: 'simulator', kind: 'activity' },
    }
    exported.request.headers = [
      { name: 'Authorization', value: 'XBL3.0 x=<userhash>;<token> (redacted)' },
    ]
    const captured = harEntry({ at: 10, url: 'http://127.0.0.1:5173/proxy/handles/query?x=1' })
    captured.request.headers = [
      { name: 'X-Workbench-Upstream', value: 'https://sessiondirectory.xboxlive.com' },
      { name: 'Authorization', value: 'XBL3.0 x=123456;real-token-value' },
    ]
    const read = harCalls(JSON.stringify(buildHar([], [exported, captured])))
    if (!read.ok) throw new Error(read.error)
    expect(read.calls.map((c) => [c.endpoint, c.userhash])).toEqual([
      ['simulator', undefined],
      ['sessiondirectory.xboxlive.com', '123456'],
    ])
    expect(JSON.stringify(read)).not.toContain('real-token-value')
  })

  it('decodes a base64 429 body for its note', () => {
    const entry = harEntry({ at: 0, status: 429 })
    entry.response.content = {
      ...entry.response.content,
      text: btoa('{"maxRequests":30,"periodInSeconds":15}'),
      encoding: 'base64',
    } as typeof entry.response.content
    const read = harCalls(JSON.stringify(buildHar([], [entry])))
    expect(read.ok && read.calls[0]?.responseBody).toBe('{"maxRequests":30,"periodInSeconds":15}')
  })
})
