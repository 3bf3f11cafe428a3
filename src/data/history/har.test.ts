import { readFileSync } from 'node:fs'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { z } from 'zod'
import { historyIdFor, type HistoryEntry } from './history-entry'
import { fromHar, toHar } from './har'

/** A HAR Playwright recorded from Chromium driving the Workbench UI (see fixtures/SOURCE.txt). */
const RECORDED_HAR = readFileSync(
  new URL('../../testing/fixtures/playwright-chromium-workbench.har', import.meta.url),
  'utf8',
)
const RECORDED_TOKEN = 'fixture-token-not-real'

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
  it('exports an MPA call to multiplayeractivity.xboxlive.com and reads it back under "Xbox Live"', () => {
    const put: HistoryEntry = {
      ...invite,
      kind: 'mpaSetActivity',
      upstream: 'https://sessiondirectory.xboxlive.com',
      request: {
        method: 'PUT',
        path: '/titles/1234/users/42/activities',
        headers: [['x-xbl-contract-version', '1']],
        body: '{"sequenceNumber":18446744073709551615,"connectionString":"cs","joinRestriction":"Public"}',
      },
      response: { status: 204, statusText: 'No Content', headers: [], body: '', sizeBytes: 0 },
      statusClass: '2xx',
    }
    const har = toHar([put], options)
    expect(har.log.entries[0]?.request.url).toBe(
      'https://multiplayeractivity.xboxlive.com/titles/1234/users/42/activities',
    )
    const { _workbench: _wb, ...plain } = har.log.entries[0] as unknown as Record<string, unknown>
    const back = fromHar(JSON.stringify({ log: { ...har.log, entries: [plain] } }))
    expect(back).toMatchObject({
      entries: [
        {
          kind: 'mpaSetActivity',
          upstream: 'https://sessiondirectory.xboxlive.com',
          request: { method: 'PUT', body: put.request.body },
        },
      ],
    })
  })

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
    // The waterfall of a HAR viewer and its Time column agree: the call took 20 ms.
    expect(har.log.entries[0]?.time).toBe(20)
    expect(har.log.entries[0]?.timings).toMatchObject({ send: 0, wait: 20, receive: 0 })
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

  it('infers the kinds of decision 101: a session PUT, a by-handle join, transfer, search and its query', () => {
    const entry = (method: string, path: string, body?: string) => ({
      startedDateTime: '2026-11-20T12:00:00.000Z',
      time: 10,
      request: {
        method,
        url: `http://127.0.0.1:5173/proxy${path}`,
        headers: [],
        ...(body ? { postData: { text: body } } : {}),
      },
      response: { status: 200, statusText: 'OK', headers: [], content: { size: 0 } },
    })
    const session =
      '/serviceconfigs/bd6c41c3-01c3-468a-a3b5-3e0fe8133862/sessionTemplates/t/sessions/s'
    const result = fromHar(
      JSON.stringify({
        log: {
          entries: [
            entry('PUT', session, '{"members":{"me":null}}'),
            entry('GET', session),
            entry('PUT', '/handles/abc/session', '{}'),
            entry('POST', '/handles', '{"type":"transfer"}'),
            entry('POST', '/handles', '{"type":"search"}'),
            entry('POST', '/handles/query?include=relatedInfo', '{"type":"search","scid":"X"}'),
          ],
        },
      }),
    )
    expect(result.ok && result.entries.map((e) => [e.kind, e.request.method])).toEqual([
      ['session', 'PUT'],
      ['get', 'GET'],
      ['session', 'PUT'],
      ['transfer', 'POST'],
      ['search', 'POST'],
      ['searchQuery', 'POST'],
    ])
    expect(result.ok && result.entries.at(-1)?.scid).toBe('x')
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
          if (!result.ok) {
            expect(result.error.length).toBeGreaterThan(0)
            return
          }
          // Every entry of the file is either imported or listed as skipped: none vanishes.
          const { log } = JSON.parse(text) as { log: { entries: unknown[] } }
          expect(result.entries.length + result.skipped.length).toBe(log.entries.length)
        },
      ),
      { numRuns: 300 },
    )
  })
})

// HAR 1.2 (http://www.softwareishard.com/blog/har-12-spec/), its required fields and their types;
// custom fields must start with an underscore. `time` is the sum of the timings that are not -1
// (ssl is part of connect); send, wait and receive may not be -1.
const nameValue = z.strictObject({ name: z.string(), value: z.string() })
const harSpecTimings = z.strictObject({
  blocked: z.number().min(-1).optional(),
  dns: z.number().min(-1).optional(),
  connect: z.number().min(-1).optional(),
  ssl: z.number().min(-1).optional(),
  send: z.number().min(0),
  wait: z.number().min(0),
  receive: z.number().min(0),
  comment: z.string().optional(),
})
const harSpecResponse = z
  .object({
    status: z.number().int(),
    statusText: z.string(),
    httpVersion: z.string(),
    cookies: z.array(z.unknown()),
    headers: z.array(nameValue),
    content: z.strictObject({
      size: z.number().int(),
      mimeType: z.string(),
      text: z.string().optional(),
      encoding: z.string().optional(),
    }),
    redirectURL: z.string(),
    headersSize: z.number().int(),
    bodySize: z.number().int(),
  })
  .catchall(z.unknown())
const harSpecEntry = z
  .object({
    startedDateTime: z.string().regex(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?(Z|[+-]\d\d:\d\d)$/),
    time: z.number().min(0),
    request: z
      .object({
        method: z.string(),
        url: z.string().refine((u) => URL.canParse(u)),
        httpVersion: z.string(),
        cookies: z.array(z.unknown()),
        headers: z.array(nameValue),
        queryString: z.array(nameValue),
        postData: z.strictObject({ mimeType: z.string(), text: z.string() }).optional(),
        headersSize: z.number().int(),
        bodySize: z.number().int(),
      })
      .strict(),
    response: harSpecResponse,
    cache: z.strictObject({}),
    timings: harSpecTimings,
  })
  .catchall(z.unknown())
const harSpecLog = z.strictObject({
  log: z.strictObject({
    version: z.literal('1.2'),
    creator: z.strictObject({ name: z.string(), version: z.string() }),
    pages: z.array(z.unknown()).optional(),
    entries: z.array(harSpecEntry),
  }),
})

function expectHar12(har: unknown) {
  const parsed = harSpecLog.parse(har)
  for (const entry of parsed.log.entries) {
    const extras = [
      ...Object.keys(entry).filter((k) => !(k in harSpecEntry.shape)),
      ...Object.keys(entry.response).filter((k) => !(k in harSpecResponse.shape)),
    ]
    for (const key of extras) expect(key).toMatch(/^_/)
    const t = entry.timings
    const sum = [t.blocked, t.dns, t.connect, t.send, t.wait, t.receive].reduce<number>(
      (total, part) => total + (part === undefined || part === -1 ? 0 : part),
      0,
    )
    expect(entry.time).toBeCloseTo(sum, 9)
  }
}

describe('toHar against HAR 1.2', () => {
  const failed: HistoryEntry = {
    ...invite,
    id: historyIdFor(startedAt + 2),
    kind: 'activity',
    response: undefined,
    networkError: 'Proxy unreachable at http://127.0.0.1:1/proxy',
    durationMs: 7.25,
    upstreamMs: undefined,
    statusClass: 'proxy',
  }
  const refused: HistoryEntry = {
    ...invite,
    id: historyIdFor(startedAt + 3),
    upstream: 'https://sessiondirectory.xboxlive.com',
    request: { ...invite.request, method: 'GET', path: '/handles/a?x=1', body: undefined },
    response: { ...invite.response!, status: 403, sizeBytes: 12.6 },
    proxyError: { code: 'upstream_not_allowed', message: 'no' },
    durationMs: 33.4,
    upstreamMs: 6.33,
    statusClass: 'proxy',
  }

  it('has every required field, integer sizes, and a time equal to the sum of its timings', () => {
    const har = toHar([invite, failed, refused], options)
    expectHar12(har)
    const [, noAnswer, withUpstream] = har.log.entries
    // The figures from the report: 33.4 ms in all, 6.33 of them upstream.
    expect(withUpstream?.time).toBe(33.4)
    expect(withUpstream?.timings).toMatchObject({ blocked: -1, dns: -1, connect: -1, wait: 33.4 })
    expect(withUpstream?._workbench.upstreamMs).toBe(6.33)
    expect(withUpstream?.response.bodySize).toBe(13)
    expect(withUpstream?.request.queryString).toEqual([{ name: 'x', value: '1' }])
    expect(noAnswer?.time).toBe(7.25)
    expect(noAnswer?.response).toMatchObject({ status: 0, bodySize: -1, content: { size: 0 } })
  })

  it('keeps time and timings in step for any duration, answered or not (property)', () => {
    const duration = fc.double({ min: 0, max: 1e7, noNaN: true })
    fc.assert(
      fc.property(
        duration,
        fc.option(duration, { nil: undefined }),
        fc.boolean(),
        (durationMs, upstreamMs, answered) => {
          const entry: HistoryEntry = {
            ...(answered ? invite : failed),
            durationMs,
            ...(upstreamMs === undefined ? {} : { upstreamMs }),
          }
          const har = toHar([entry], options)
          expectHar12(har)
          const back = fromHar(JSON.stringify(har))
          expect(back.ok && back.entries[0]?.durationMs).toBe(durationMs)
          expect(back.ok && back.entries[0]?.upstreamMs).toBe(entry.upstreamMs)
        },
      ),
      { numRuns: 200 },
    )
  })

  it('writes a browser-recorded HAR back out as valid HAR 1.2', () => {
    const imported = fromHar(RECORDED_HAR)
    expect(imported.ok).toBe(true)
    if (!imported.ok) return
    const har = toHar(imported.entries, options)
    expectHar12(har)
    const again = fromHar(JSON.stringify(har))
    expect(again.ok && again.entries).toEqual(imported.entries)
  })
})

describe('fromHar with a HAR the browser recorded', () => {
  const recorded = fromHar(RECORDED_HAR)
  if (!recorded.ok) throw new Error(recorded.error)
  const byPath = recorded.entries

  it('imports every handles call, the 204 activity with its empty base64 body too', () => {
    expect(recorded.skipped).toEqual([
      {
        index: 4,
        reason:
          'GET /healthz is not a handles call (activity, invite, transfer, search, query, get or delete) or a session write',
      },
    ])
    expect(byPath.map((e) => [e.kind, e.response?.status, e.statusClass])).toEqual([
      ['activity', 204, '2xx'],
      ['invite', 201, '2xx'],
      ['invite', 401, '4xx'],
      ['activity', 502, 'proxy'],
    ])
    expect(byPath[0]?.response).toMatchObject({ body: '', sizeBytes: 0 })
  })

  it('files each call under the upstream the proxy was told, not the simulator', () => {
    expect(byPath.map((e) => e.upstream)).toEqual([
      'simulator',
      'simulator',
      'http://127.0.0.1:41998',
      'https://sessiondirectory.xboxlive.com',
    ])
    expect(byPath[3]?.proxyError).toEqual({
      code: 'upstream_unreachable',
      message: 'Could not reach https://sessiondirectory.xboxlive.com (ENOTFOUND).',
    })
  })

  it('shows the request as the Workbench built it: no browser headers, token redacted', () => {
    for (const entry of byPath) {
      expect(
        Object.fromEntries(entry.request.headers.map(([n, v]) => [n.toLowerCase(), v])),
      ).toEqual({
        authorization: 'XBL3.0 x=<userhash>;<token> (redacted)',
        'content-type': 'application/json; charset=utf-8',
        'x-xbl-contract-version': '107',
      })
    }
    expect(JSON.stringify(recorded)).not.toContain(RECORDED_TOKEN)
  })

  it('keeps the upstream time, the body bytes and the filter fields a Send records', () => {
    expect(byPath.map((e) => e.upstreamMs)).toEqual([8.87, 2.6, 34.75, undefined])
    expect(byPath[1]).toMatchObject({
      scid: 'bd6c41c3-01c3-468a-a3b5-3e0fe8133862',
      sessionName: 'session-1',
      xuid: '2533274790000001',
    })
    expect(JSON.parse(byPath[1]?.request.body ?? '').inviteAttributes.context).toBe('lobby é 😀')
    expect(byPath[1]?.response?.sizeBytes).toBe(
      new TextEncoder().encode(byPath[1]?.response?.body).byteLength,
    )
  })
})

describe('fromHar with what other HAR writers put in a file', () => {
  const base = {
    startedDateTime: '2026-11-20T12:00:00.000Z',
    time: 12,
    request: {
      method: 'POST',
      url: 'http://localhost:5173/proxy/handles',
      httpVersion: 'HTTP/1.1',
      headers: [] as Array<{ name: string; value: string }>,
      postData: { mimeType: 'application/json', text: '{"type":"activity"}' },
    },
    response: {
      status: 201,
      statusText: 'Created',
      headers: [],
      content: { size: -1, mimeType: 'application/json', text: '{"id":"h"}' },
    },
  }
  const one = (entry: unknown) => {
    const result = fromHar(JSON.stringify({ log: { entries: [entry] } }))
    if (!result.ok) throw new Error(result.error)
    return result
  }
  const b64 = (text: string) => Buffer.from(text, 'utf8').toString('base64')

  it('decodes base64 bodies, request and response, to the same UTF-8 text', () => {
    const body = '{"type":"invite","inviteAttributes":{"context":"ü 中文 😀 \\"q\\""}}'
    const answer = '\uFEFF{"id":"h","note":"é"}\n'
    const result = one({
      ...base,
      request: {
        ...base.request,
        postData: { mimeType: 'x', text: b64(body), encoding: 'base64' },
      },
      response: {
        ...base.response,
        content: { size: -1, mimeType: 'x-unknown', text: b64(answer), encoding: 'Base64' },
      },
    })
    expect(result.skipped).toEqual([])
    expect(result.entries[0]?.kind).toBe('invite')
    expect(result.entries[0]?.request.body).toBe(body)
    expect(result.entries[0]?.response?.body).toBe(answer)
    expect(result.entries[0]?.response?.sizeBytes).toBe(Buffer.byteLength(answer))
  })

  it('reads an empty body as empty whether it is written as "", base64 or left out', () => {
    for (const content of [
      { size: 0, mimeType: 'x-unknown', text: '', encoding: 'base64' },
      { size: 0, mimeType: 'x-unknown' },
      { size: 0, mimeType: 'x-unknown', text: null, encoding: null },
    ]) {
      const result = one({ ...base, response: { ...base.response, status: 204, content } })
      expect(result.skipped).toEqual([])
      expect(result.entries[0]?.response).toMatchObject({ status: 204, body: '' })
    }
  })

  it('skips binary, broken base64 and unknown encodings, saying which body and why', () => {
    const png = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0xff]).toString(
      'base64',
    )
    const cases: Array<[unknown, string]> = [
      [
        {
          ...base,
          response: { ...base.response, content: { size: 9, text: png, encoding: 'base64' } },
        },
        'the response body is base64-encoded binary, not an MPSD answer',
      ],
      [
        {
          ...base,
          response: { ...base.response, content: { size: 9, text: '%%%', encoding: 'base64' } },
        },
        'the response body is marked base64 but is not base64',
      ],
      [
        {
          ...base,
          response: { ...base.response, content: { size: 9, text: 'x', encoding: 'gzip' } },
        },
        'the response body is in an unknown encoding "gzip"',
      ],
      [
        { ...base, request: { ...base.request, postData: { text: png, encoding: 'base64' } } },
        'the request body is base64-encoded binary, not an MPSD answer',
      ],
    ]
    for (const [entry, reason] of cases) expect(one(entry).skipped).toEqual([{ index: 0, reason }])
  })

  it('reads a devtools export: `_error: null`, HTTP/2 pseudo-headers, Chrome’s own fields', () => {
    const result = one({
      ...base,
      _initiator: null,
      _priority: 'High',
      _resourceType: 'fetch',
      cache: {},
      connection: '443',
      serverIPAddress: '127.0.0.1',
      request: {
        ...base.request,
        headers: [
          { name: ':authority', value: 'localhost:5173' },
          { name: ':method', value: 'POST' },
          { name: ':path', value: '/proxy/handles' },
          { name: 'x-workbench-upstream', value: 'HTTPS://SessionDirectory.XboxLive.com/' },
          { name: 'x-xbl-contract-version', value: '107' },
          { name: 'sec-gpc', value: '1' },
          { name: 'priority', value: 'u=1, i' },
          { name: 'Pragma', value: 'no-cache' },
          { name: 'Cache-Control', value: 'no-cache' },
          { name: 'X-Forwarded-For', value: '10.0.0.1' },
          { name: 'Accept', value: '*/*' },
          { name: 'x-xbl-correlation-id', value: 'c-1' },
          { name: 'Content-Length', value: 42 },
        ],
      },
      response: {
        ...base.response,
        _transferSize: 300,
        _error: null,
        _fetchedViaServiceWorker: false,
        content: { size: 10, mimeType: 'application/json', compression: 0, text: '{"id":"h"}' },
      },
      timings: {
        blocked: 1.5,
        dns: -1,
        ssl: -1,
        connect: -1,
        send: 0.2,
        wait: 9,
        receive: 1.3,
        _blocked_queueing: 1,
      },
    })
    expect(result.skipped).toEqual([])
    expect(result.entries[0]).toMatchObject({
      upstream: 'https://sessiondirectory.xboxlive.com',
      statusClass: '2xx',
      request: {
        headers: [
          ['x-xbl-contract-version', '107'],
          ['x-xbl-correlation-id', 'c-1'],
        ],
      },
    })
  })

  it('keeps an Accept a client chose, drops the one fetch adds', () => {
    const headersOf = (value: string) =>
      one({ ...base, request: { ...base.request, headers: [{ name: 'accept', value }] } })
        .entries[0]?.request.headers
    expect(headersOf('*/*')).toEqual([])
    expect(headersOf('application/json')).toEqual([['accept', 'application/json']])
  })

  it('imports a call that got no answer (Playwright writes status -1 and time -1)', () => {
    const result = one({
      ...base,
      time: -1,
      request: { ...base.request, headers: [{ name: 'X-Workbench-Upstream', value: 'simulator' }] },
      response: {
        status: -1,
        statusText: '',
        headers: [],
        content: { size: -1, mimeType: 'x-unknown' },
        _failureText: 'net::ERR_CONNECTION_REFUSED',
      },
      timings: { send: -1, wait: 4.5, receive: -1 },
    })
    expect(result.skipped).toEqual([])
    expect(result.entries[0]).toMatchObject({
      upstream: 'simulator',
      statusClass: 'proxy',
      networkError: 'net::ERR_CONNECTION_REFUSED',
      durationMs: 4.5,
    })
    expect(result.entries[0]?.response).toBeUndefined()
  })

  it('skips a call whose X-Workbench-Upstream the proxy would have refused, and says so', () => {
    for (const value of ['javascript:alert(1)', 'https://a.test/path', 'ftp://a.test']) {
      const result = one({
        ...base,
        request: { ...base.request, headers: [{ name: 'X-Workbench-Upstream', value }] },
      })
      expect(result.skipped[0]?.reason).toBe(
        `X-Workbench-Upstream "${value}" is neither "simulator" nor an origin`,
      )
    }
    const unnamed = one(base)
    expect(unnamed.entries[0]?.upstream).toBe('simulator')
  })
})
