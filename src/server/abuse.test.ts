// Abuse suite for the whole server over loopback: load far beyond what the dashboard makes, slow-loris
// sockets, fuzzed simulator bodies and hostile upstream pages. proxy.test.ts and simulator.test.ts
// cover the documented behaviour (SSRF fence, limits, MPSD semantics); this file checks that the
// server keeps answering sensibly, and stays up, when callers misbehave.
import { mkdtempSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { createServer, type Server } from 'node:http'
import { connect, type AddressInfo, type Socket } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import fc from 'fast-check'
import { Pool } from 'undici'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { activityBodySchema, inviteBodySchema } from '../mpsd/schemas'
import { startWorkbenchServer, type RunningServer } from './start-server'
import { xuidForUserhash } from './simulator/simulator-identity'

const FIXTURES = join(__dirname, '../testing/fixtures')
const fixture = (name: string): Record<string, unknown> =>
  JSON.parse(readFileSync(join(FIXTURES, name), 'utf8')) as Record<string, unknown>

const SCID = 'bd6c41c3-01c3-468a-a3b5-3e0fe8133862'
const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i
// The codes proxy.ts documents for its own failures; anything else is not a proxy error.
const PROXY_ERROR_CODES = [
  'origin_not_allowed',
  'upstream_not_allowed',
  'path_not_allowed',
  'bad_request',
  'request_too_large',
  'request_timeout',
  'response_too_large',
  'upstream_unreachable',
  'connect_timeout',
  'timeout',
]

/** The XSAPI invite fixture with values the schemas accept (the fixture itself uses placeholders). */
function inviteBody(): Record<string, unknown> {
  const body = fixture('xsapi-head_send-invite-request.json')
  return {
    ...body,
    sessionRef: { ...(body.sessionRef as Record<string, unknown>), scid: SCID },
    invitedXuid: '2533274790000123',
    inviteAttributes: { titleId: '1234', contextString: '///ctx', senderString: 'hi' },
  }
}

function activityBody(): Record<string, unknown> {
  const body = fixture('xsapi-head_set-activity-request.json')
  return { ...body, sessionRef: { ...(body.sessionRef as Record<string, unknown>), scid: SCID } }
}

async function listen(server: Server): Promise<string> {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`
}

async function closeServer(server: Server): Promise<void> {
  server.closeAllConnections()
  await new Promise<void>((resolve) => server.close(() => resolve()))
}

async function expectHealthy(url: string, label: string): Promise<void> {
  const health = await fetch(`${url}/healthz`)
  expect(health.status, `healthz after ${label}`).toBe(200)
  expect(await health.json()).toEqual({ ok: true })
}

/** Content-Security-Policy as directive -> sources. */
function parseCsp(header: string | null): Map<string, string[]> {
  const directives = new Map<string, string[]>()
  for (const part of (header ?? '').split(';')) {
    const [name, ...sources] = part.trim().split(/\s+/)
    if (name) directives.set(name.toLowerCase(), sources)
  }
  return directives
}

/** What a browser needs to refuse to run a script in (or sniff a script out of) this response. */
function expectScriptLockdown(headers: Headers, label: string): void {
  const header = headers.get('content-security-policy')
  expect(header, `${label}: CSP`).not.toBeNull()
  // One policy only: a second one (say, an upstream's) would be joined with ", " and obscure this one.
  expect(header, `${label}: a single CSP`).not.toContain(',')
  const csp = parseCsp(header)
  expect(csp.get('script-src'), `${label}: script-src`).toEqual(["'self'"])
  expect(header, label).not.toMatch(/unsafe-inline|unsafe-eval|unsafe-hashes|strict-dynamic/i)
  expect(csp.get('object-src'), `${label}: object-src`).toEqual(["'none'"])
  expect(headers.get('x-content-type-options'), `${label}: nosniff`).toBe('nosniff')
}

describe('proxy under load', () => {
  let server: RunningServer
  let connections = 0

  beforeAll(async () => {
    // Throttling stays on (the default): every request below is a different user, as MPSD counts them.
    server = await startWorkbenchServer({
      env: {},
      port: 0,
      serveDashboard: false,
      logSink: () => {},
    })
    server.server.on('connection', () => {
      connections++
    })
  })
  afterAll(async () => {
    await server.close()
  })

  it(
    'answers 1,000 concurrent connections posting invites, each with its own invite, and stays up',
    { timeout: 120_000 },
    async () => {
      const TOTAL = 1_000
      // One socket per request: undici opens a new connection whenever all open ones are busy.
      const pool = new Pool(server.url, {
        connections: TOTAL,
        pipelining: 1,
        headersTimeout: 90_000,
        bodyTimeout: 90_000,
      })
      const before = connections
      const body = JSON.stringify(inviteBody())
      try {
        const settled = await Promise.allSettled(
          Array.from({ length: TOTAL }, async (_, i) => {
            const userhash = `load-${i}-${crypto.randomUUID()}`
            const response = await pool.request({
              path: '/proxy/handles',
              method: 'POST',
              headers: {
                'Content-Type': 'application/json',
                'x-xbl-contract-version': '107',
                Authorization: `XBL3.0 x=${userhash};t`,
              },
              body,
            })
            const text = await response.body.text()
            return { userhash, status: response.statusCode, headers: response.headers, text }
          }),
        )
        // A reset or a hang would show up here as a rejection (undici reports both), not as a status.
        const failures = settled.flatMap((s, i) =>
          s.status === 'rejected' ? [`#${i}: ${String(s.reason)}`] : [],
        )
        expect(failures.slice(0, 5), `${failures.length} requests failed`).toEqual([])

        const ids = new Set<string>()
        let created = 0
        for (const s of settled) {
          if (s.status !== 'fulfilled') continue
          const { userhash, status, headers, text } = s.value
          const proxyError = headers['x-workbench-proxy-error']
          if (status === 201) {
            const invite = JSON.parse(text) as { type: string; id: string; senderXuid: string }
            expect(invite.type).toBe('invite')
            expect(invite.id).toMatch(GUID)
            // Each caller gets its own invite back, not a neighbour's: no cross-talk under load.
            expect(invite.senderXuid).toBe(xuidForUserhash(userhash))
            ids.add(invite.id)
            created++
          } else {
            // Shedding load is allowed, but only as a documented proxy error the UI can show.
            expect(PROXY_ERROR_CODES, `status ${status}: ${text.slice(0, 200)}`).toContain(
              proxyError,
            )
            expect(String(headers['content-type'])).toMatch(/^application\/json/)
            expect((JSON.parse(text) as { error: string }).error).toBe(proxyError)
          }
        }
        expect(ids.size).toBe(created)
        // An in-process simulator has no reason to shed anything at this load.
        expect(created).toBe(TOTAL)
        // The load really was 1,000 parallel sockets, not a few reused ones.
        expect(connections - before).toBeGreaterThanOrEqual(TOTAL)
      } finally {
        await pool.destroy()
      }
      await expectHealthy(server.url, '1,000 concurrent')
    },
  )

  it(
    'keeps answering others while 50 slow-loris sockets trickle headers, and closes them within headersTimeout',
    { timeout: 60_000 },
    async () => {
      const SLOW = 50
      const headersTimeout = server.server.headersTimeout
      expect(headersTimeout).toBeGreaterThan(0)
      expect(headersTimeout).toBeLessThanOrEqual(10_000)
      type Slow = {
        socket: Socket
        openedAt: number
        closedAt?: number
        received: string
        timer?: NodeJS.Timeout
      }
      const host = `Host: 127.0.0.1:${server.port}\r\n`
      // Half stall in the request line, half in the headers; all then send one byte a second.
      const openings = [
        `GET /heal`,
        `POST /proxy/handles HTTP/1.1\r\n${host}Content-Type: application/json\r\nX-Slow: `,
      ]
      const slow: Slow[] = await Promise.all(
        Array.from(
          { length: SLOW },
          (_, i) =>
            new Promise<Slow>((resolve, reject) => {
              const socket = connect(server.port, '127.0.0.1')
              const entry: Slow = { socket, openedAt: 0, received: '' }
              socket.on('data', (chunk: Buffer) => {
                entry.received += chunk.toString('latin1')
              })
              socket.on('close', () => {
                entry.closedAt = performance.now()
                clearInterval(entry.timer)
              })
              socket.on('error', () => {})
              socket.once('connect', () => {
                entry.openedAt = performance.now()
                socket.write(openings[i % openings.length] ?? '')
                entry.timer = setInterval(() => {
                  if (!socket.destroyed) socket.write('a')
                }, 1_000)
                resolve(entry)
              })
              socket.once('error', reject)
            }),
        ),
      )
      try {
        // Normal traffic still gets through while the slow sockets hold their connections.
        for (let i = 0; i < 10; i++) {
          await expectHealthy(server.url, `normal request ${i} during slow-loris`)
          const created = await fetch(`${server.url}/proxy/handles`, {
            method: 'POST',
            headers: {
              'Content-Type': 'application/json',
              'x-xbl-contract-version': '107',
              Authorization: `XBL3.0 x=loris-${i};t`,
            },
            body: JSON.stringify(inviteBody()),
          })
          expect(created.status).toBe(201)
        }
        // The check above really ran while every slow socket was still open.
        expect(slow.filter((s) => s.closedAt !== undefined)).toHaveLength(0)

        // Then the server hangs up on them itself. Generous slack over headersTimeout for a loaded machine;
        // without a sweep interval below Node's 30 s default they lived 30-40 s.
        const deadline = headersTimeout + 12_000
        await new Promise<void>((resolve) => {
          const started = performance.now()
          const poll = setInterval(() => {
            if (
              slow.every((s) => s.closedAt !== undefined) ||
              performance.now() - started > deadline
            ) {
              clearInterval(poll)
              resolve()
            }
          }, 200)
        })
        for (const [i, s] of slow.entries()) {
          expect(s.closedAt, `slow socket ${i} still open`).toBeDefined()
          expect((s.closedAt ?? Infinity) - s.openedAt, `slow socket ${i}`).toBeLessThan(deadline)
          // Node answers a header timeout with 408 before closing, never with a page.
          if (s.received) expect(s.received, `slow socket ${i}`).toMatch(/^HTTP\/1\.1 408 /)
        }
      } finally {
        for (const s of slow) {
          clearInterval(s.timer)
          s.socket.destroy()
        }
      }
      await expectHealthy(server.url, 'slow-loris')
    },
  )
})

describe('simulator body parser under fuzzing', () => {
  let server: RunningServer
  const AUTH_HEADERS = {
    'Content-Type': 'application/json',
    'x-xbl-contract-version': '107',
    Authorization: 'XBL3.0 x=fuzzer;t',
  }

  beforeAll(async () => {
    server = await startWorkbenchServer({
      env: { SIM_THROTTLE: 'off' },
      port: 0,
      serveDashboard: false,
      logSink: () => {},
    })
  })
  afterAll(async () => {
    await server.close()
  })

  /**
   * What the simulator must answer, from the same schemas the compose forms use: a body the form
   * would send is stored, anything else is refused with 400. The text is first put through UTF-8 the
   * way fetch and Request.text() do (lone surrogates become U+FFFD, a leading BOM is dropped).
   */
  function expectedStatus(sent: string): 201 | 204 | 400 {
    const received = new TextDecoder().decode(new TextEncoder().encode(sent))
    let value: unknown
    try {
      value = JSON.parse(received)
    } catch {
      return 400
    }
    const type =
      typeof value === 'object' && value !== null && !Array.isArray(value)
        ? (value as { type?: unknown }).type
        : undefined
    if (type === 'activity') return activityBodySchema.safeParse(value).success ? 204 : 400
    if (type === 'invite') return inviteBodySchema.safeParse(value).success ? 201 : 400
    return 400
  }

  type Path = (string | number)[]
  /** Every path in a JSON value (root excluded), so mutations can reach any field at any depth. */
  function pathsOf(value: unknown, prefix: Path = []): Path[] {
    if (Array.isArray(value))
      return value.flatMap((v, i) => [[...prefix, i], ...pathsOf(v, [...prefix, i])])
    if (typeof value === 'object' && value !== null) {
      return Object.entries(value).flatMap(([k, v]) => [
        [...prefix, k],
        ...pathsOf(v, [...prefix, k]),
      ])
    }
    return []
  }

  type FieldMutation = { op: 'delete' | 'set' | 'add'; pick: number; key: string; value: unknown }
  function applyFieldMutation(body: unknown, m: FieldMutation): unknown {
    const copy = structuredClone(body) as Record<string | number, unknown>
    const paths = pathsOf(copy)
    const path = paths[m.pick % Math.max(paths.length, 1)] ?? []
    let parent: Record<string | number, unknown> = copy
    for (const step of path.slice(0, -1)) parent = parent[step] as Record<string | number, unknown>
    const last = path.at(-1)
    if (last === undefined) return copy
    if (m.op === 'delete') {
      if (Array.isArray(parent)) parent.splice(Number(last), 1)
      else delete parent[last]
    } else if (m.op === 'set') {
      parent[last] = m.value
    } else if (typeof parent === 'object' && !Array.isArray(parent)) {
      // Object.defineProperty so a key like "__proto__" becomes a real field, as JSON.parse makes it.
      Object.defineProperty(parent, m.key, {
        value: m.value,
        enumerable: true,
        writable: true,
        configurable: true,
      })
    }
    return copy
  }

  const fieldMutation: fc.Arbitrary<FieldMutation> = fc.record({
    op: fc.constantFrom('delete' as const, 'set' as const, 'add' as const),
    pick: fc.nat(),
    key: fc.oneof(
      fc.string({ maxLength: 10 }),
      fc.constantFrom('__proto__', 'constructor', 'type', 'name', 'scid'),
    ),
    value: fc.oneof(
      fc.jsonValue({ maxDepth: 3 }),
      // Near-misses of valid values: the edges the schemas must draw.
      fc.constantFrom(
        '',
        ' ',
        '0',
        '-1',
        '4294967296',
        '18446744073709551616',
        'activity',
        'invite',
        SCID.toUpperCase(),
        'x'.repeat(300),
        '///',
        '\u0000',
        1,
        2,
        1.5,
      ),
    ),
  })

  const textMutation = fc.oneof(
    fc.record({ kind: fc.constant('truncate' as const), at: fc.nat() }),
    fc.record({
      kind: fc.constant('insert' as const),
      at: fc.nat(),
      junk: fc.string({ maxLength: 4, unit: 'binary' }),
    }),
  )

  const validBody = fc.constantFrom(inviteBody(), activityBody(), {
    ...activityBody(),
    sessionRef: { scid: SCID, templateName: 'MockSessionTemplateName' },
  })

  const bodies: fc.Arbitrary<string> = fc.oneof(
    fc.string({ maxLength: 300 }),
    fc.string({ maxLength: 100, unit: 'binary' }),
    fc.json({ maxDepth: 4 }),
    validBody.map((b) => JSON.stringify(b)),
    fc
      .tuple(validBody, fc.array(fieldMutation, { minLength: 1, maxLength: 3 }))
      .map(([b, ms]) => JSON.stringify(ms.reduce(applyFieldMutation, b))),
    fc.tuple(validBody, textMutation).map(([b, m]) => {
      const text = JSON.stringify(b)
      const at = m.at % (text.length + 1)
      return m.kind === 'truncate' ? text.slice(0, at) : text.slice(0, at) + m.junk + text.slice(at)
    }),
  )

  it(
    'answers every fuzzed POST /sim/handles body with 201/204 when the schemas accept it and 400 text/plain otherwise, never 500',
    { timeout: 120_000 },
    async () => {
      const seen = { 201: 0, 204: 0, 400: 0 }
      await fc.assert(
        fc.asyncProperty(bodies, async (body) => {
          const response = await fetch(`${server.url}/sim/handles`, {
            method: 'POST',
            headers: AUTH_HEADERS,
            body,
          })
          const text = await response.text()
          const label = `${response.status} for ${JSON.stringify(body).slice(0, 300)}: ${text.slice(0, 200)}`
          const expected = expectedStatus(body)
          expect(response.status, label).toBe(expected)
          seen[expected]++
          if (expected === 400) {
            expect(response.headers.get('content-type'), label).toMatch(/^text\/plain/)
            expect(text.trim().length, label).toBeGreaterThan(0)
          } else if (expected === 201) {
            expect(JSON.parse(text), label).toMatchObject({
              type: 'invite',
              senderXuid: xuidForUserhash('fuzzer'),
            })
          } else {
            expect(text, label).toBe('')
          }
        }),
        {
          numRuns: 200,
          examples: [
            ['\ufeff' + JSON.stringify(inviteBody())],
            ['['.repeat(100_000)],
            [`${'{"a":'.repeat(50_000)}1${'}'.repeat(50_000)}`],
            [JSON.stringify({ ...inviteBody(), invitedXuid: 18446744073709551615n.toString() })],
            ['{"type":"invite","__proto__":{"type":"activity"}}'],
            ['null'],
          ],
        },
      )
      // The generators reached every kind of answer, so the property was not vacuous.
      expect(seen[201]).toBeGreaterThan(0)
      expect(seen[204]).toBeGreaterThan(0)
      expect(seen[400]).toBeGreaterThan(0)
      await expectHealthy(server.url, 'fuzzing')
    },
  )
})

describe('served pages and hostile content', () => {
  let server: RunningServer
  let staticRoot: string
  const hostile = createServer((req, res) => {
    // An allowlisted upstream that turns hostile: a page with inline script, a permissive policy of
    // its own, and a sniffable body.
    res.writeHead(200, {
      'Content-Type': req.url === '/sniff' ? 'text/plain' : 'text/html; charset=utf-8',
      'Content-Security-Policy': "script-src * 'unsafe-inline' 'unsafe-eval'",
      'X-Content-Type-Options': 'sniff-me',
    })
    res.end(
      '<!doctype html><script>fetch("/proxy/handles",{method:"DELETE"});alert(document.domain)</script>',
    )
  })
  let hostileOrigin = ''
  const INDEX =
    '<!doctype html><html><head><script type="module" src="/assets/app.js"></script></head><body><div id="root"></div></body></html>'
  const APP_JS = 'document.getElementById("root").textContent = "workbench"\n'

  beforeAll(async () => {
    hostileOrigin = await listen(hostile)
    // A dashboard of our own, so the test does not depend on `npm run build`.
    staticRoot = mkdtempSync(join(tmpdir(), 'workbench-csp-'))
    mkdirSync(join(staticRoot, 'assets'))
    writeFileSync(join(staticRoot, 'index.html'), INDEX)
    writeFileSync(join(staticRoot, 'assets', 'app.js'), APP_JS)
    server = await startWorkbenchServer({
      env: { WORKBENCH_STATIC_ROOT: staticRoot, WORKBENCH_UPSTREAMS: hostileOrigin },
      port: 0,
      logSink: () => {},
    })
  })
  afterAll(async () => {
    await server.close()
    await closeServer(hostile)
    rmSync(staticRoot, { recursive: true, force: true })
  })

  it('serves /, a client route and a hashed asset with a strict CSP and nosniff', async () => {
    for (const [path, type, body] of [
      ['/', /^text\/html/, INDEX],
      ['/history?type=invite', /^text\/html/, INDEX],
      ['/assets/app.js', /javascript/, APP_JS],
    ] as const) {
      const response = await fetch(`${server.url}${path}`)
      expect(response.status, path).toBe(200)
      expect(response.headers.get('content-type'), path).toMatch(type)
      expect(await response.text(), path).toBe(body)
      expectScriptLockdown(response.headers, path)
    }
  })

  it('answers 404, not the dashboard page, for a missing asset or a mistyped server path', async () => {
    for (const path of ['/assets/missing-1234.js', '/api/nothing-here']) {
      const response = await fetch(`${server.url}${path}`)
      expect(response.status, path).toBe(404)
      expect(response.headers.get('content-type') ?? '', path).not.toMatch(/text\/html/)
    }
  })

  it('ships an index.html with no inline script and no inline event handlers', () => {
    // The repo's own index.html (Vite's entry): under script-src 'self' an inline script would not
    // run and the dashboard would be blank. Node has no DOM parser, so tags are scanned one by one.
    const html = readFileSync(join(__dirname, '../../index.html'), 'utf8')
    const openings = [...html.matchAll(/<script\b/gi)].length
    const scripts = [...html.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script\s*>/gi)]
    expect(openings).toBeGreaterThan(0)
    // Every opening tag was matched with its closing tag, so none escaped the checks below.
    expect(scripts).toHaveLength(openings)
    for (const [tag, attributes = '', content = ''] of scripts) {
      expect(attributes, tag).toMatch(/\bsrc\s*=\s*["']?[^"'\s>]+/i)
      expect(content.trim(), tag).toBe('')
    }
    for (const [tag] of html.matchAll(/<[a-z][^>]*>/gi)) {
      expect(tag).not.toMatch(/\son[a-z]+\s*=/i)
      expect(tag).not.toMatch(/javascript:/i)
    }
  })

  it('sends proxy errors as JSON and simulator errors as text/plain, never as a page', async () => {
    const proxyErrors = [
      fetch(`${server.url}/proxy/handles`, {
        headers: { 'X-Workbench-Upstream': 'http://evil.test' },
      }),
      fetch(`${server.url}/proxy/..%2f..%2fhealthz`, {
        headers: { 'X-Workbench-Upstream': hostileOrigin },
      }),
      fetch(`${server.url}/proxy/handles`, {
        method: 'POST',
        headers: { Origin: 'http://evil.test' },
        body: '<script>alert(1)</script>',
      }),
    ]
    for (const response of await Promise.all(proxyErrors)) {
      const label = `${response.status} ${response.headers.get('x-workbench-proxy-error') ?? ''}`
      expect(response.status, label).toBeGreaterThanOrEqual(400)
      expect(PROXY_ERROR_CODES, label).toContain(response.headers.get('x-workbench-proxy-error'))
      expect(response.headers.get('content-type'), label).toMatch(/^application\/json/)
      expectScriptLockdown(response.headers, label)
      expect(((await response.json()) as { message: string }).message.length).toBeGreaterThan(0)
    }

    const simHeaders = { 'x-xbl-contract-version': '107', Authorization: 'XBL3.0 x=csp;t' }
    const simErrors = [
      // A body echoing markup must come back as text, whichever way the simulator is reached.
      fetch(`${server.url}/sim/handles`, {
        method: 'POST',
        headers: simHeaders,
        body: '{"type":"<script>alert(1)</script>"}',
      }),
      fetch(`${server.url}/proxy/handles`, {
        method: 'POST',
        headers: simHeaders,
        body: '<script>alert(1)</script>',
      }),
      fetch(`${server.url}/sim/handles`, { method: 'POST', body: '{}' }),
      fetch(`${server.url}/sim/handles/${crypto.randomUUID()}`, { headers: simHeaders }),
      fetch(`${server.url}/sim/handles`, { method: 'PUT', headers: simHeaders }),
      fetch(`${server.url}/sim/%3Cscript%3E`, { headers: simHeaders }),
    ]
    for (const response of await Promise.all(simErrors)) {
      const label = `${response.url} ${response.status}`
      expect([400, 401, 404, 405], label).toContain(response.status)
      expect(response.headers.get('content-type'), label).toMatch(/^text\/plain/)
      expect(response.headers.get('content-type'), label).not.toMatch(/html/)
      expectScriptLockdown(response.headers, label)
      expect((await response.text()).length, label).toBeGreaterThan(0)
    }
  })

  it("locks down a hostile upstream's HTML page: our CSP replaces its own, and nosniff is ours", async () => {
    for (const path of ['/page', '/sniff']) {
      const response = await fetch(`${server.url}/proxy${path}`, {
        headers: { 'X-Workbench-Upstream': hostileOrigin },
      })
      expect(response.status, path).toBe(200)
      // The upstream's content type passes through as it is (the UI renders bodies as text anyway) ...
      expect(response.headers.get('content-type'), path).toBe(
        path === '/page' ? 'text/html; charset=utf-8' : 'text/plain',
      )
      expect(await response.text(), path).toContain('<script>')
      // ... so what keeps a browser that navigates here from running that script is the policy.
      expectScriptLockdown(response.headers, path)
      expect(response.headers.get('content-security-policy'), path).not.toContain('*')
    }
  })
})
