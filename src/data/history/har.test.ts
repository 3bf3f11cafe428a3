import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { historyIdFor, type HistoryEntry } from './history-entry'
import { fromHar, toHar } from './har'

const SECRET = 'XBL3.0 x=123;super-secret-token'
const startedAt = Date.UTC(2026, 10, 20, 12)

const invite: HistoryEntry = {
  id: historyIdFor(startedAt),
  startedAt,
  kind: 'invite',
  upstream: 'simulator',
  request: {
    method: 'POST',
    path: '/handles',
    headers: [
      ['x-xbl-contract-version', '107'],
      ['Authorization', 'XBL3.0 x=<userhash>;<token> (redacted)'],
    ],
    body: '{"type":"invite","invitedXuid":"18446744073709551615"}',
  },
  response: {
    status: 201,
    statusText: 'Created',
    headers: [
      ['content-type', 'application/json'],
      ['set-cookie', 'a=b'],
    ],
    body: '{"id":"x","invitedXuid":"18446744073709551615"}',
    sizeBytes: 48,
  },
  durationMs: 20,
  upstreamMs: 3.5,
  statusClass: '2xx',
  scid: 'bd6c41c3-01c3-468a-a3b5-3e0fe8133862',
  xuid: '18446744073709551615',
  sessionName: 'session-1',
}

const options = { simulatorBase: 'http://127.0.0.1:5173/sim', version: '1' }

describe('toHar', () => {
  it('writes HAR 1.2 with absolute URLs, bodies and timings', () => {
    const har = toHar(
      [
        invite,
        {
          ...invite,
          upstream: 'https://sessiondirectory.xboxlive.com',
          id: historyIdFor(startedAt + 1),
        },
      ],
      options,
    )
    expect(har.log.version).toBe('1.2')
    expect(har.log.entries[0]?.request.url).toBe('http://127.0.0.1:5173/sim/handles')
    expect(har.log.entries[1]?.request.url).toBe('https://sessiondirectory.xboxlive.com/handles')
    expect(har.log.entries[0]?.request.postData?.text).toBe(invite.request.body)
    expect(har.log.entries[0]?.response.content.text).toBe(invite.response?.body)
    expect(har.log.entries[0]?.startedDateTime).toBe('2026-11-20T12:00:00.000Z')
    expect(har.log.entries[0]?.timings.wait).toBe(3.5)
  })

  it('never writes an Authorization value, even from a record that somehow held one', () => {
    const leaky: HistoryEntry = {
      ...invite,
      request: { ...invite.request, headers: [['authorization', SECRET]] },
    }
    const text = JSON.stringify(toHar([leaky], options))
    expect(text).not.toContain('super-secret-token')
    expect(text).toContain('(redacted)')
    expect(text).not.toContain('a=b')
  })
})

describe('fromHar', () => {
  it('reads back what toHar wrote, field for field', () => {
    const result = fromHar(JSON.stringify(toHar([invite], options)))
    expect(result.ok).toBe(true)
    if (!result.ok) return
    expect(result.skipped).toEqual([])
    const [back] = result.entries
    expect(back).toMatchObject({
      id: invite.id,
      kind: 'invite',
      upstream: 'simulator',
      startedAt,
      scid: invite.scid,
      xuid: invite.xuid,
      imported: true,
      request: { method: 'POST', path: '/handles', body: invite.request.body },
      response: { status: 201, body: invite.response?.body },
    })
  })

  it('imports a devtools HAR: infers the kind, maps the proxy path, and drops the real token and cookies', () => {
    const har = {
      log: {
        entries: [
          {
            startedDateTime: '2026-11-20T12:00:00.000Z',
            time: 30,
            request: {
              method: 'POST',
              url: 'http://127.0.0.1:5173/proxy/handles',
              headers: [
                { name: 'Authorization', value: SECRET },
                { name: 'Cookie', value: 'session=abc' },
              ],
              postData: { text: '{"type":"activity"}' },
            },
            response: { status: 204, statusText: 'No Content', headers: [], content: { size: 0 } },
          },
          {
            startedDateTime: '2026-11-20T12:00:01.000Z',
            time: 5,
            request: {
              method: 'DELETE',
              url: 'https://sessiondirectory.xboxlive.com/handles/abc',
              headers: [],
            },
            response: { status: 404, statusText: 'Not Found', headers: [], content: { size: 0 } },
          },
        ],
      },
    }
    const result = fromHar(JSON.stringify(har))
    expect(result.ok).toBe(true)
    if (!result.ok) return
    expect(result.entries.map((e) => [e.kind, e.upstream, e.request.path, e.statusClass])).toEqual([
      ['activity', 'simulator', '/handles', '2xx'],
      ['delete', 'https://sessiondirectory.xboxlive.com', '/handles/abc', '4xx'],
    ])
    const text = JSON.stringify(result.entries)
    expect(text).not.toContain('super-secret-token')
    expect(text).not.toContain('session=abc')
  })

  it('skips what it cannot use, saying which entry and why', () => {
    const har = {
      log: {
        entries: [
          { nonsense: true },
          {
            startedDateTime: 'yesterday-ish',
            time: 1,
            request: { method: 'GET', url: 'https://x.test/handles/1', headers: [] },
            response: { status: 200, statusText: '', headers: [], content: { size: 0 } },
          },
          {
            startedDateTime: '2026-11-20T12:00:00.000Z',
            time: 1,
            request: { method: 'PUT', url: 'https://x.test/handles', headers: [] },
            response: { status: 200, statusText: '', headers: [], content: { size: 0 } },
          },
          {
            startedDateTime: '2026-11-20T12:00:00.000Z',
            time: 1,
            request: { method: 'GET', url: 'https://x.test/app.js', headers: [] },
            response: { status: 200, statusText: '', headers: [], content: { size: 0 } },
          },
        ],
      },
    }
    const result = fromHar(JSON.stringify(har))
    expect(result.ok && result.skipped.map((s) => s.index)).toEqual([0, 1, 2, 3])
    if (!result.ok) return
    expect(result.skipped[1]?.reason).toContain('startedDateTime')
    expect(result.skipped[2]?.reason).toContain('PUT')
    expect(result.skipped[3]?.reason).toContain('not a handles call')
  })

  it('ignores an upstream that is neither the simulator nor an origin (the URL decides), and still exports a bad record', () => {
    const har = toHar([invite], options) as unknown as {
      log: { entries: Array<{ _workbench: { upstream: string } }> }
    }
    const entry = har.log.entries[0]
    if (entry) entry._workbench.upstream = 'not a url'
    const result = fromHar(JSON.stringify(har))
    expect(result.ok && result.entries[0]?.upstream).toBe('simulator')
    expect(
      toHar([{ ...invite, upstream: 'not a url' }], options).log.entries[0]?.request.url,
    ).toMatch(/^urn:handles-workbench:/)
  })

  it('says plainly when the file is not JSON or not a HAR', () => {
    expect(fromHar('{"log": ')).toMatchObject({
      ok: false,
      error: expect.stringContaining('Not JSON') as unknown,
    })
    expect(fromHar('{"entries": []}')).toEqual({
      ok: false,
      error: 'Not a HAR file: it has no log.entries list.',
    })
  })

  it('never throws, whatever the file holds', () => {
    fc.assert(
      fc.property(
        fc.oneof(
          fc.string(),
          fc.json(),
          fc.jsonValue().map((v) => JSON.stringify({ log: { entries: [v, v] } })),
        ),
        (text) => {
          const result = fromHar(text)
          if (result.ok)
            expect(result.entries.length + result.skipped.length).toBeGreaterThanOrEqual(0)
          else expect(result.error.length).toBeGreaterThan(0)
        },
      ),
      { numRuns: 300 },
    )
  })
})
