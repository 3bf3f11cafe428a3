// Loopback tests of the MPSD simulator: the real server on 127.0.0.1, driven with Node's fetch, the
// way the dashboard and XSAPI-shaped clients would drive it.
import { readFileSync } from 'node:fs'
import { request as httpRequest, type IncomingHttpHeaders } from 'node:http'
import { join } from 'node:path'
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { REQUEST_BODY_LIMIT } from '../../mpsd/proxy-protocol'
import { REDACTED_AUTHORIZATION } from '../../mpsd/request-builder'
import { TOKEN_PLACEHOLDER } from '../../mpsd/snippets'
import { startWorkbenchServer, type RunningServer } from '../start-server'
import { xuidForUserhash } from './simulator-identity'
import { LOG_BODY_PREFIX, REQUEST_LOG_MAX_BYTES } from './simulator-state'

const fixture = (name: string): Record<string, unknown> =>
  JSON.parse(readFileSync(join(__dirname, '../../testing/fixtures', name), 'utf8')) as Record<
    string,
    unknown
  >

const SCID = 'bd6c41c3-01c3-468a-a3b5-3e0fe8133862'
const OTHER_SCID = '00000000-0000-0000-0000-00000000abcd'
const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i
const MPSD_TIMESTAMP = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{7}Z$/

const auth = (userhash: string, token = 'secret-token-abc') => `XBL3.0 x=${userhash};${token}`

/** node:http, so Host, Origin and Transfer-Encoding can be set (fetch forbids them). */
function nodeRequest(
  url: string,
  options: { method?: string; headers?: Record<string, string>; body?: Buffer | string } = {},
): Promise<{ status: number; headers: IncomingHttpHeaders; body: string }> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(
      url,
      { method: options.method ?? 'GET', headers: options.headers, agent: false },
      (res) => {
        const chunks: Buffer[] = []
        res.on('data', (chunk: Buffer) => chunks.push(chunk))
        res.on('end', () =>
          resolve({
            status: res.statusCode ?? 0,
            headers: res.headers,
            body: Buffer.concat(chunks).toString(),
          }),
        )
      },
    )
    // The server may answer (413) and close before the whole body is written.
    req.on('error', (error: NodeJS.ErrnoException) =>
      error.code === 'EPIPE' || error.code === 'ECONNRESET' ? undefined : reject(error),
    )
    req.end(options.body)
  })
}

type Logged = {
  method: string
  path: string
  headers: Record<string, string>
  body: string
  bodyBytes: number
  bodyTruncated: boolean
}

function headersFor(userhash: string, extra: Record<string, string> = {}): Record<string, string> {
  return {
    'Content-Type': 'application/json',
    'x-xbl-contract-version': '107',
    Authorization: auth(userhash),
    ...extra,
  }
}

/** The XSAPI invite request fixture with values the schemas accept (the fixture uses placeholders). */
function inviteBody(invitedXuid = '2533274790000123'): Record<string, unknown> {
  const body = fixture('xsapi-head_send-invite-request.json')
  return {
    ...body,
    sessionRef: { ...(body.sessionRef as Record<string, unknown>), scid: SCID },
    invitedXuid,
    inviteAttributes: { titleId: '1234', contextString: '///ctx', senderString: 'hi' },
  }
}

function activityBody(scid = SCID, name = 'session-1'): Record<string, unknown> {
  const body = fixture('xsapi-head_set-activity-request.json')
  return { ...body, sessionRef: { ...(body.sessionRef as Record<string, unknown>), scid, name } }
}

describe('simulator over loopback', () => {
  let server: RunningServer
  let sim: string

  beforeAll(async () => {
    // The handle surface on its own: lenient rules, so handles need no session (the session rules
    // have their own tests in simulator-sessions.loopback.test.ts).
    server = await startWorkbenchServer({
      env: { WORKBENCH_SIM_RULES: 'lenient' },
      port: 0,
      logSink: () => {},
      serveDashboard: false,
    })
    sim = `${server.url}/sim`
  })
  afterAll(async () => {
    await server.close()
  })
  beforeEach(async () => {
    const reset = await fetch(`${sim}/__reset`, { method: 'POST' })
    expect(reset.status).toBe(204)
  })

  const post = (
    path: string,
    body: unknown,
    userhash = 'alice',
    extra: Record<string, string> = {},
  ) =>
    fetch(`${sim}${path}`, {
      method: 'POST',
      headers: headersFor(userhash, extra),
      body: typeof body === 'string' ? body : JSON.stringify(body),
    })

  const query = async (
    owners: unknown,
    userhash = 'alice',
    include = 'relatedInfo,customProperties',
  ) => {
    const response = await post(
      `/handles/query?include=${include}`,
      { type: 'activity', scid: SCID, owners },
      userhash,
    )
    return response
  }

  it('stores an activity with 204, and a second activity for the same user and SCID replaces the first', async () => {
    const first = await post('/handles', activityBody(SCID, 'session-1'), '2533274790000001')
    expect(first.status).toBe(204)
    expect(await first.text()).toBe('')
    const second = await post('/handles', activityBody(SCID, 'session-2'), '2533274790000001')
    expect(second.status).toBe(204)
    // Another SCID does not replace it.
    expect(
      (await post('/handles', activityBody(OTHER_SCID, 'session-3'), '2533274790000001')).status,
    ).toBe(204)

    const response = await query({ xuids: ['2533274790000001'] })
    expect(response.status).toBe(200)
    const { results } = (await response.json()) as { results: Record<string, unknown>[] }
    expect(results).toHaveLength(1)
    const [only] = results
    expect(only).toMatchObject({
      type: 'activity',
      version: 1,
      ownerXuid: '2533274790000001',
      titleId: expect.any(String),
      sessionRef: { scid: SCID, name: 'session-2', templateName: 'MockSessionTemplateName' },
      relatedInfo: expect.any(Object),
      customProperties: {},
    })
    expect(String(only?.id)).toMatch(GUID)
  })

  it('fills in a GUID session name when an activity omits it', async () => {
    const body = activityBody()
    const { name: _name, ...sessionRef } = body.sessionRef as Record<string, unknown>
    expect((await post('/handles', { ...body, sessionRef }, '77')).status).toBe(204)
    const { results } = (await (await query({ xuids: ['77'] })).json()) as {
      results: { sessionRef: { name: string } }[]
    }
    expect(results[0]?.sessionRef.name).toMatch(GUID)
  })

  it('creates an invite with 201 and a body shaped like the XSAPI response fixture', async () => {
    const expected = fixture('xsapi-head_send-invite-response.json')
    const before = Date.now()
    const response = await post('/handles', inviteBody(), 'some-userhash')
    expect(response.status).toBe(201)
    expect(response.headers.get('content-type')).toMatch(/application\/json/)
    const body = (await response.json()) as Record<string, unknown>
    // Same fields in the same order as XSAPI's fixture.
    expect(Object.keys(body)).toEqual(Object.keys(expected))
    expect(body).toMatchObject({
      type: 'invite',
      version: 1,
      sessionRef: { scid: SCID, templateName: 'MockSessionTemplateName' },
      invitedXuid: '2533274790000123',
      inviteAttributes: { titleId: '1234', contextString: '///ctx', senderString: 'hi' },
      senderXuid: xuidForUserhash('some-userhash'),
    })
    expect(String(body.senderXuid)).toMatch(/^\d+$/)
    expect(String(body.id)).toMatch(GUID)
    expect(String(body.expiration)).toMatch(MPSD_TIMESTAMP)
    const expires = Date.parse(String(body.expiration))
    expect(expires).toBeGreaterThan(before)
    // Not leaked: internal bookkeeping fields.
    expect(body).not.toHaveProperty('ownerXuid')
    expect(body).not.toHaveProperty('scid')
    expect(body).not.toHaveProperty('expiresAt')

    // A decimal userhash is the XUID itself, and each invite gets a fresh id.
    const again = (await (
      await post('/handles', inviteBody(), '2814679796296491')
    ).json()) as Record<string, unknown>
    expect(again.senderXuid).toBe('2814679796296491')
    expect(again.id).not.toBe(body.id)
  })

  it('gets a handle by id (200), answers 404 for an unknown id, and deletes it', async () => {
    const created = (await (await post('/handles', inviteBody(), 'bob')).json()) as { id: string }
    const get = await fetch(`${sim}/handles/${created.id}`, { headers: headersFor('bob') })
    expect(get.status).toBe(200)
    expect(((await get.json()) as { id: string }).id).toBe(created.id)
    // Ids are case-insensitive GUIDs.
    expect(
      (await fetch(`${sim}/handles/${created.id.toUpperCase()}`, { headers: headersFor('bob') }))
        .status,
    ).toBe(200)

    const unknown = await fetch(`${sim}/handles/${crypto.randomUUID()}`, {
      headers: headersFor('bob'),
    })
    expect(unknown.status).toBe(404)
    expect(unknown.headers.get('content-type')).toMatch(/^text\/plain/)

    // Someone who is neither the sender nor the invitee may not delete it.
    const stranger = await fetch(`${sim}/handles/${created.id}`, {
      method: 'DELETE',
      headers: headersFor('mallory'),
    })
    expect(stranger.status).toBe(403)

    const del = await fetch(`${sim}/handles/${created.id}`, {
      method: 'DELETE',
      headers: headersFor('bob'),
    })
    expect(del.status).toBe(204)
    expect(
      (await fetch(`${sim}/handles/${created.id}`, { headers: headersFor('bob') })).status,
    ).toBe(404)
    const again = await fetch(`${sim}/handles/${created.id}`, {
      method: 'DELETE',
      headers: headersFor('bob'),
    })
    expect(again.status).toBe(404)
  })

  it('lets the invitee delete an invite', async () => {
    const created = (await (
      await post('/handles', inviteBody('2533274790000999'), 'carol')
    ).json()) as { id: string }
    const del = await fetch(`${sim}/handles/${created.id}`, {
      method: 'DELETE',
      headers: headersFor('2533274790000999'),
    })
    expect(del.status).toBe(204)
  })

  it('queries activities by owners.xuids and by owners.people, with relatedInfo and customProperties', async () => {
    expect((await post('/handles', activityBody(SCID, 'a'), '1001')).status).toBe(204)
    expect((await post('/handles', activityBody(SCID, 'b'), '1002')).status).toBe(204)
    expect((await post('/handles', activityBody(SCID, 'c'), '1003')).status).toBe(204)

    const byXuids = (await (await query({ xuids: ['1001', '1003', '999999'] })).json()) as {
      results: { ownerXuid: string; relatedInfo?: unknown; customProperties?: unknown }[]
    }
    expect(byXuids.results.map((r) => r.ownerXuid).sort()).toEqual(['1001', '1003'])
    for (const r of byXuids.results) {
      expect(r.relatedInfo).toMatchObject({ visibility: expect.any(String), closed: false })
      expect(r.customProperties).toEqual({})
    }

    // The simulator's "social graph" is everyone but the moniker's own XUID.
    const byPeople = (await (
      await query({ people: { moniker: 'people', monikerXuid: '1002' } })
    ).json()) as {
      results: { ownerXuid: string }[]
    }
    expect(byPeople.results.map((r) => r.ownerXuid).sort()).toEqual(['1001', '1003'])

    // Without include, no relatedInfo / customProperties.
    const plain = (await (await query({ xuids: ['1001'] }, 'alice', '')).json()) as {
      results: Record<string, unknown>[]
    }
    expect(plain.results).toHaveLength(1)
    expect(plain.results[0]).not.toHaveProperty('relatedInfo')
    expect(plain.results[0]).not.toHaveProperty('customProperties')
  })

  it('answers 400 text/plain when a query gives both or neither of owners.xuids and owners.people', async () => {
    for (const owners of [{ xuids: ['1'], people: { moniker: 'people', monikerXuid: '2' } }, {}]) {
      const response = await query(owners)
      expect(response.status).toBe(400)
      expect(response.headers.get('content-type')).toMatch(/^text\/plain/)
      expect(await response.text()).toMatch(/exactly one/i)
    }
  })

  it('answers 400 text/plain for malformed JSON and invalid bodies', async () => {
    const cases: [string, unknown][] = [
      ['/handles', '{"type": "activity",'],
      ['/handles', 'not json at all'],
      ['/handles', { type: 'search', version: 1 }],
      ['/handles', { ...activityBody(), sessionRef: { scid: 'not-a-guid', templateName: 't' } }],
      ['/handles', { ...inviteBody(), invitedXuid: '0' }],
      ['/handles', { ...inviteBody(), inviteAttributes: { titleId: '-1' } }],
      ['/handles', { ...activityBody(), version: 2 }],
      ['/handles/query', '{'],
      ['/handles/query', { type: 'activity', scid: 'nope', owners: { xuids: ['1'] } }],
    ]
    for (const [path, body] of cases) {
      const response = await post(path, body)
      expect(response.status, `${path} ${JSON.stringify(body)}`).toBe(400)
      expect(response.headers.get('content-type')).toMatch(/^text\/plain/)
      expect((await response.text()).length).toBeGreaterThan(0)
    }
  })

  it('answers 400 when the contract version header is missing, not a number or below 104', async () => {
    for (const version of [undefined, '103', '1', 'abc', '']) {
      const headers = headersFor('alice')
      delete headers['x-xbl-contract-version']
      if (version !== undefined) headers['x-xbl-contract-version'] = version
      const response = await fetch(`${sim}/handles`, {
        method: 'POST',
        headers,
        body: JSON.stringify(activityBody()),
      })
      expect(response.status, `version ${String(version)}`).toBe(400)
      expect(response.headers.get('content-type')).toMatch(/^text\/plain/)
      expect(await response.text()).toMatch(/contract-version/i)
    }
    expect(
      (await post('/handles', activityBody(), 'alice', { 'x-xbl-contract-version': '104' })).status,
    ).toBe(204)
  })

  it('answers 401 without Authorization or with a malformed one, and stores nothing', async () => {
    for (const authorization of [
      undefined,
      'Bearer abc',
      'XBL3.0 x=;token',
      'XBL3.0 x=abc',
      'XBL2.0 x=1;t',
      'XBL3.0 x=a b;t',
    ]) {
      const headers = headersFor('alice')
      delete headers.Authorization
      if (authorization !== undefined) headers.Authorization = authorization
      const response = await fetch(`${sim}/handles`, {
        method: 'POST',
        headers,
        body: JSON.stringify(inviteBody()),
      })
      expect(response.status, String(authorization)).toBe(401)
      expect(response.headers.get('www-authenticate')).toBe('XBL3.0')
      expect(response.headers.get('content-type')).toMatch(/^text\/plain/)
    }
    const { results } = (await (
      await query({ people: { moniker: 'people', monikerXuid: '1' } })
    ).json()) as { results: unknown[] }
    expect(results).toEqual([])
  })

  it('throttles a user after 30 calls in 15 s with 429, Retry-After and the MPSD body; another user is not throttled', async () => {
    for (let i = 0; i < 30; i++) {
      const response = await fetch(`${sim}/handles/${crypto.randomUUID()}`, {
        headers: headersFor('busy-user'),
      })
      expect(response.status).toBe(404)
    }
    const throttled = await fetch(`${sim}/handles/${crypto.randomUUID()}`, {
      headers: headersFor('busy-user'),
    })
    expect(throttled.status).toBe(429)
    const retryAfter = Number(throttled.headers.get('retry-after'))
    expect(retryAfter).toBeGreaterThanOrEqual(1)
    expect(retryAfter).toBeLessThanOrEqual(15)
    expect(await throttled.json()).toEqual({
      version: 1,
      currentRequests: 30,
      maxRequests: 30,
      periodInSeconds: 15,
      limitType: 'rate',
    })
    // The same user with another token is the same user.
    const sameUser = await fetch(`${sim}/handles/${crypto.randomUUID()}`, {
      headers: { ...headersFor('busy-user'), Authorization: auth('busy-user', 'other-token') },
    })
    expect(sameUser.status).toBe(429)

    const other = await fetch(`${sim}/handles/${crypto.randomUUID()}`, {
      headers: headersFor('calm-user'),
    })
    expect(other.status).toBe(404)

    // sim_throttle=off lets a single call through.
    const bypass = await fetch(`${sim}/handles/${crypto.randomUUID()}?sim_throttle=off`, {
      headers: headersFor('busy-user'),
    })
    expect(bypass.status).toBe(404)

    // __reset clears the budget.
    await fetch(`${sim}/__reset`, { method: 'POST' })
    expect(
      (await fetch(`${sim}/handles/${crypto.randomUUID()}`, { headers: headersFor('busy-user') }))
        .status,
    ).toBe(404)
  })

  it('logs what it received in /sim/__requests with Authorization redacted, and /sim/__reset clears it and the handles', async () => {
    const token = 'eyJhbGciOiJSUzI1NiJ9.super-secret-payload'
    const response = await fetch(`${sim}/handles?x=1`, {
      method: 'POST',
      headers: { ...headersFor('logged-user'), Authorization: auth('logged-user', token) },
      body: JSON.stringify(activityBody()),
    })
    expect(response.status).toBe(204)
    await fetch(`${sim}/handles/${crypto.randomUUID()}`, { headers: headersFor('logged-user') })

    const log = await fetch(`${sim}/__requests`)
    expect(log.status).toBe(200)
    const text = await log.text()
    expect(text).not.toContain(token)
    expect(text).not.toContain('secret-token-abc')
    const { requests } = JSON.parse(text) as {
      requests: {
        method: string
        path: string
        headers: Record<string, string>
        body: string
        at: string
      }[]
    }
    expect(requests).toHaveLength(2)
    const [first, second] = requests
    expect(first).toMatchObject({
      method: 'POST',
      path: '/handles?x=1',
      body: JSON.stringify(activityBody()),
    })
    expect(first?.headers['x-xbl-contract-version']).toBe('107')
    expect(first?.headers.authorization).toBeDefined()
    expect(first?.headers.authorization).toContain('<redacted>')
    expect(Number.isNaN(Date.parse(first?.at ?? ''))).toBe(false)
    expect(second).toMatchObject({ method: 'GET', body: '' })

    const stored = (await (await query({ xuids: [xuidForUserhash('logged-user')] })).json()) as {
      results: unknown[]
    }
    expect(stored.results).toHaveLength(1)

    expect((await fetch(`${sim}/__reset`, { method: 'POST' })).status).toBe(204)
    const after = (await (await fetch(`${sim}/__requests`)).json()) as { requests: unknown[] }
    expect(after.requests).toEqual([])
    const gone = (await (await query({ xuids: [xuidForUserhash('logged-user')] })).json()) as {
      results: unknown[]
    }
    expect(gone.results).toEqual([])
  })

  it('answers 401 to placeholder tokens, as the real service would, and stores nothing; a real-looking token works', async () => {
    const placeholders = [
      TOKEN_PLACEHOLDER,
      REDACTED_AUTHORIZATION,
      'XBL3.0 x=2814679796296491;<redacted>',
      'XBL3.0 x=<redacted>;abcdef',
      'XBL3.0 x={{userhash}};{{token}}',
      'XBL3.0 x=${USERHASH};${TOKEN}',
      'XBL3.0 x=$MPSD_USERHASH;$MPSD_TOKEN',
      'XBL3.0 x=1234;abc (redacted)',
      'XBL3.0 x=1234;REDACTED',
      'XBL3.0 x=1234;abc def',
    ]
    for (const authorization of placeholders) {
      for (const base of [sim, `${server.url}/proxy`]) {
        const headers = { ...headersFor('alice'), Authorization: authorization }
        const invite = await fetch(`${base}/handles`, {
          method: 'POST',
          headers,
          body: JSON.stringify(inviteBody()),
        })
        const label = `${authorization} via ${base}`
        expect(invite.status, label).toBe(401)
        expect(invite.headers.get('www-authenticate'), label).toBe('XBL3.0')
        expect(invite.headers.get('x-workbench-proxy-error'), label).toBeNull()
        expect(await invite.text(), label).toMatch(/placeholder|XBL3\.0 x=/)
        const activity = await fetch(`${base}/handles`, {
          method: 'POST',
          headers,
          body: JSON.stringify(activityBody()),
        })
        expect(activity.status, label).toBe(401)
      }
    }
    const { results } = (await (
      await query({ people: { moniker: 'people', monikerXuid: '1' } })
    ).json()) as { results: unknown[] }
    expect(results).toEqual([])

    // What the e2e journeys and a user with a fake token send keeps working.
    for (const authorization of [
      'XBL3.0 x=1234;abc',
      'XBL3.0 x=2814679796296491;e2e-secret-token',
    ]) {
      const created = await fetch(`${sim}/handles`, {
        method: 'POST',
        headers: { ...headersFor('alice'), Authorization: authorization },
        body: JSON.stringify(inviteBody()),
      })
      expect(created.status, authorization).toBe(201)
    }
  })

  it('refuses a body over 1 MiB with 413, declared or streamed, and stores no more than a prefix of any body', async () => {
    const tooBig = Buffer.alloc(10 * 1024 * 1024, 0x61)
    const declared = await nodeRequest(`${sim}/handles`, {
      method: 'POST',
      headers: { ...headersFor('big'), 'Content-Type': 'text/plain' },
      body: tooBig,
    })
    expect(declared.status).toBe(413)
    expect(declared.headers['content-type']).toMatch(/^text\/plain/)
    const streamed = await nodeRequest(`${sim}/handles`, {
      method: 'POST',
      headers: { ...headersFor('big'), 'Transfer-Encoding': 'chunked' },
      body: Buffer.alloc(REQUEST_BODY_LIMIT + 1, 0x62),
    })
    expect(streamed.status).toBe(413)

    // Exactly at the cap: read, refused as MPSD would (not JSON), and logged as a prefix only.
    const atCap = await nodeRequest(`${sim}/handles`, {
      method: 'POST',
      headers: headersFor('big'),
      body: Buffer.alloc(REQUEST_BODY_LIMIT, 0x63),
    })
    expect(atCap.status).toBe(400)

    const { requests } = (await (await fetch(`${sim}/__requests`)).json()) as { requests: Logged[] }
    expect(requests).toHaveLength(3)
    expect(requests.map((r) => r.bodyBytes)).toEqual([
      tooBig.length,
      expect.any(Number),
      REQUEST_BODY_LIMIT,
    ])
    for (const logged of requests) expect(logged.body.length).toBeLessThanOrEqual(LOG_BODY_PREFIX)
    expect(requests[2]).toMatchObject({ body: 'c'.repeat(LOG_BODY_PREFIX), bodyTruncated: true })
  })

  it('keeps its request log under a byte cap however large the requests, dropping the oldest first', async () => {
    const SENT = 150
    const header = 'h'.repeat(12 * 1024)
    const body = JSON.stringify({ pad: 'p'.repeat(64 * 1024) })
    for (let i = 0; i < SENT; i++) {
      const response = await fetch(`${sim}/handles?sim_throttle=off&n=${i}`, {
        method: 'POST',
        headers: { ...headersFor('logger'), 'X-Pad': header },
        body,
      })
      expect(response.status).toBe(400)
    }
    expect(server.app.simulator.state.logBytes()).toBeLessThanOrEqual(REQUEST_LOG_MAX_BYTES)
    const text = await (await fetch(`${sim}/__requests`)).text()
    expect(text.length).toBeLessThanOrEqual(REQUEST_LOG_MAX_BYTES)
    const { requests } = JSON.parse(text) as { requests: Logged[] }
    expect(requests.length).toBeGreaterThan(10)
    expect(requests.length).toBeLessThan(SENT)
    expect(requests.at(-1)?.path).toBe(`/handles?sim_throttle=off&n=${SENT - 1}`)
    expect(requests[0]?.path).toBe(`/handles?sim_throttle=off&n=${SENT - requests.length}`)
  })

  it('stores no part of a credential in its log: whole header values, and the token in the path or query', async () => {
    const odd = 'XBL3.0 x=odd-hash;tok-secret-abc,REST-OF-SECRET "quoted-secret" tail-secret'
    await fetch(`${sim}/handles/${crypto.randomUUID()}`, {
      headers: {
        ...headersFor('x'),
        Authorization: odd,
        'Proxy-Authorization': 'Basic cHJveHktc2VjcmV0',
        Cookie: 'session=cookie-secret',
      },
    })
    const plain = 'XBL3.0 x=plain-hash;plain-secret-token-1'
    await fetch(
      `${sim}/handles/plain-secret-token-1?a=${encodeURIComponent(plain)}&b=${encodeURIComponent(encodeURIComponent('plain-secret-token-1'))}`,
      { headers: { ...headersFor('x'), Authorization: plain } },
    )
    const text = await (await fetch(`${sim}/__requests`)).text()
    for (const secret of [
      'tok-secret-abc',
      'REST-OF-SECRET',
      'quoted-secret',
      'tail-secret',
      'cHJveHktc2VjcmV0',
      'cookie-secret',
      'plain-secret-token-1',
      'plain-secret-token',
    ]) {
      expect(decodeURIComponent(decodeURIComponent(text)), secret).not.toContain(secret)
    }
    const { requests } = JSON.parse(text) as { requests: Logged[] }
    expect(requests[0]?.headers.authorization).toBe('<redacted>')
    expect(requests[0]?.headers['proxy-authorization']).toBe('<redacted>')
    expect(requests[0]?.headers.cookie).toBe('<redacted>')
    expect(requests[1]?.path).toMatch(/^\/handles\/<redacted>\?a=/)
  })

  it('answers only requests addressed to its own host names, and only the dashboard or a local caller may reset it', async () => {
    const created = (await (await post('/handles', inviteBody(), 'keeper')).json()) as {
      id: string
    }
    const host = `127.0.0.1:${server.port}`
    const attempts: { method: string; path: string; headers: Record<string, string> }[] = [
      { method: 'GET', path: '/sim/__requests', headers: { Host: 'evil.example' } },
      { method: 'POST', path: '/sim/__reset', headers: { Host: 'evil.example' } },
      {
        method: 'POST',
        path: '/sim/__reset',
        headers: { Host: 'evil.example', Origin: 'http://evil.example' },
      },
      {
        method: 'POST',
        path: '/sim/__reset',
        headers: { Host: host, Origin: 'http://evil.example' },
      },
      { method: 'POST', path: '/sim/__reset', headers: { Host: host, Origin: 'null' } },
      {
        method: 'POST',
        path: '/sim/__reset',
        headers: { Host: host, Origin: `http://localhost:${server.port}` },
      },
      {
        method: 'GET',
        path: `/sim/handles/${created.id}`,
        headers: { Host: `evil.example:${server.port}` },
      },
      {
        method: 'GET',
        path: '/sim/__requests',
        headers: { Host: `127.0.0.1.nip.io:${server.port}` },
      },
      { method: 'GET', path: '/sim/__requests', headers: { Host: `localhost.evil.example` } },
      { method: 'GET', path: '/sim', headers: { Host: 'evil.example' } },
    ]
    for (const attempt of attempts) {
      const response = await nodeRequest(`${server.url}${attempt.path}`, {
        method: attempt.method,
        headers: { ...headersFor('keeper'), ...attempt.headers },
      })
      const label = JSON.stringify(attempt)
      expect(response.status, label).toBe(403)
      expect(response.headers['x-workbench-proxy-error'], label).toBe('origin_not_allowed')
      expect(response.headers['content-security-policy'], label).toBeDefined()
      expect(response.body, label).not.toContain(created.id)
    }
    // Nothing was wiped.
    const still = await fetch(`${sim}/handles/${created.id}`, { headers: headersFor('keeper') })
    expect(still.status).toBe(200)
    // The dashboard itself (same origin) and a local script (no Origin) may.
    const own = await nodeRequest(`${sim}/__reset`, {
      method: 'POST',
      headers: { Origin: server.url },
    })
    expect(own.status).toBe(204)
    expect(
      (await fetch(`${sim}/handles/${created.id}`, { headers: headersFor('keeper') })).status,
    ).toBe(404)
  })

  it('fails on demand with ?sim_fail=1 (503 + Retry-After) and delays with ?sim_latency_ms', async () => {
    const failed = await post('/handles?sim_fail=1', activityBody())
    expect(failed.status).toBe(503)
    expect(failed.headers.get('retry-after')).toBe('1')
    expect(failed.headers.get('content-type')).toMatch(/^text\/plain/)
    // Nothing was stored.
    expect(
      (
        (await (await query({ xuids: [xuidForUserhash('alice')] })).json()) as {
          results: unknown[]
        }
      ).results,
    ).toEqual([])

    const started = performance.now()
    const slow = await fetch(`${sim}/handles/${crypto.randomUUID()}?sim_latency_ms=300`, {
      headers: headersFor('alice'),
    })
    expect(slow.status).toBe(404)
    expect(performance.now() - started).toBeGreaterThanOrEqual(280)
  })

  it('answers 405 for the wrong method and 404 for unknown paths', async () => {
    expect((await fetch(`${sim}/handles`, { headers: headersFor('alice') })).status).toBe(405)
    // Not taken for a handle whose id is "query".
    const getQuery = await fetch(`${sim}/handles/query`, { headers: headersFor('alice') })
    expect(getQuery.status).toBe(405)
    expect(await getQuery.text()).toMatch(/POST/)
    expect(
      (await fetch(`${sim}/handles/query`, { method: 'DELETE', headers: headersFor('alice') }))
        .status,
    ).toBe(405)
    expect(
      (await fetch(`${sim}/handles/abc`, { method: 'PUT', headers: headersFor('alice') })).status,
    ).toBe(405)
    expect((await fetch(`${sim}/nothing-here`, { headers: headersFor('alice') })).status).toBe(404)
  })

  it('works through /proxy with the default (simulator) upstream', async () => {
    const proxied = (path: string, init: RequestInit) => fetch(`${server.url}/proxy${path}`, init)
    const created = await proxied('/handles', {
      method: 'POST',
      headers: headersFor('proxy-user'),
      body: JSON.stringify(inviteBody()),
    })
    expect(created.status).toBe(201)
    expect(created.headers.get('server-timing')).toMatch(/^upstream;dur=\d+(\.\d+)?$/)
    const invite = (await created.json()) as { id: string; senderXuid: string }
    expect(invite.senderXuid).toBe(xuidForUserhash('proxy-user'))

    const activity = await proxied('/handles', {
      method: 'POST',
      headers: { ...headersFor('proxy-user'), 'X-Workbench-Upstream': 'simulator' },
      body: JSON.stringify(activityBody()),
    })
    expect(activity.status).toBe(204)

    const got = await proxied(`/handles/${invite.id}`, { headers: headersFor('proxy-user') })
    expect(got.status).toBe(200)
    expect(((await got.json()) as { id: string }).id).toBe(invite.id)

    const q = await proxied('/handles/query?include=relatedInfo', {
      method: 'POST',
      headers: headersFor('proxy-user'),
      body: JSON.stringify({
        type: 'activity',
        scid: SCID,
        owners: { xuids: [xuidForUserhash('proxy-user')] },
      }),
    })
    expect(q.status).toBe(200)
    expect(((await q.json()) as { results: unknown[] }).results).toHaveLength(1)

    // The simulator's own errors pass through untouched (not a proxy error).
    const unauthorized = await proxied('/handles', {
      method: 'POST',
      headers: { 'x-xbl-contract-version': '107' },
      body: '{}',
    })
    expect(unauthorized.status).toBe(401)
    expect(unauthorized.headers.get('x-workbench-proxy-error')).toBeNull()

    const { requests } = (await (await fetch(`${sim}/__requests`)).json()) as {
      requests: { path: string; headers: Record<string, string> }[]
    }
    expect(requests.map((r) => r.path)).toEqual([
      '/handles',
      '/handles',
      `/handles/${invite.id}`,
      '/handles/query?include=relatedInfo',
      '/handles',
    ])
    // The proxy's control header is not forwarded.
    expect(requests[1]?.headers).not.toHaveProperty('x-workbench-upstream')
  })
})

describe('simulator configuration', () => {
  it('SIM_THROTTLE=off disables throttling', async () => {
    const server = await startWorkbenchServer({
      env: { SIM_THROTTLE: 'off' },
      port: 0,
      logSink: () => {},
      serveDashboard: false,
    })
    try {
      const statuses: number[] = []
      for (let i = 0; i < 40; i++) {
        const response = await fetch(`${server.url}/sim/handles/${crypto.randomUUID()}`, {
          headers: headersFor('busy'),
        })
        statuses.push(response.status)
      }
      expect(new Set(statuses)).toEqual(new Set([404]))
    } finally {
      await server.close()
    }
  })

  it('SIM_FAIL_RATE=1 fails every call with 503 and SIM_LATENCY_MS delays each', async () => {
    const server = await startWorkbenchServer({
      env: { SIM_FAIL_RATE: '1', SIM_LATENCY_MS: '200' },
      port: 0,
      logSink: () => {},
      serveDashboard: false,
    })
    try {
      const started = performance.now()
      const response = await fetch(`${server.url}/sim/handles/${crypto.randomUUID()}`, {
        headers: headersFor('u'),
      })
      expect(response.status).toBe(503)
      expect(response.headers.get('retry-after')).toBe('1')
      expect(performance.now() - started).toBeGreaterThanOrEqual(180)
    } finally {
      await server.close()
    }
  })
})
