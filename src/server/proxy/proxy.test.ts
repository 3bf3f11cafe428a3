// Loopback tests of the proxy: the real server on 127.0.0.1, real upstreams on node:http, and a
// "canary" server that must never see a single connection, whatever a caller tries.
import {
  createServer,
  request as httpRequest,
  type IncomingHttpHeaders,
  type Server,
  type ServerResponse,
} from 'node:http'
import {
  connect,
  createServer as createTcpServer,
  type AddressInfo,
  type Server as TcpServer,
} from 'node:net'
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest'
import { startWorkbenchServer, type RunningServer } from '../start-server'
import { REQUEST_BODY_LIMIT, RESPONSE_BODY_LIMIT } from '../../mpsd/proxy-protocol'
import { xuidForUserhash } from '../simulator/simulator-identity'

type Recorded = { method: string; url: string; headers: IncomingHttpHeaders; body: Buffer }

async function listen(server: Server | TcpServer): Promise<number> {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  return (server.address() as AddressInfo).port
}

async function closeServer(server: Server): Promise<void> {
  server.closeAllConnections()
  await new Promise<void>((resolve) => server.close(() => resolve()))
}

/** A server that counts every connection and request; the proxy must never reach it. */
function startCanary() {
  const counts = { connections: 0, requests: 0 }
  const server = createServer((_req, res) => {
    counts.requests++
    res.end('canary')
  })
  server.on('connection', () => {
    counts.connections++
  })
  return { server, counts }
}

/** The allowlisted custom upstream: records what it receives and answers per path. */
function startUpstream(canaryOrigin: () => string) {
  const received: Recorded[] = []
  const hanging = new Set<ServerResponse>()
  const server = createServer((req, res) => {
    const chunks: Buffer[] = []
    req.on('data', (chunk: Buffer) => chunks.push(chunk))
    req.on('end', () => {
      const body = Buffer.concat(chunks)
      received.push({ method: req.method ?? '', url: req.url ?? '', headers: req.headers, body })
      const path = (req.url ?? '').split('?')[0]
      if (path === '/redirect') {
        res.writeHead(302, { Location: `${canaryOrigin()}/stolen`, 'Content-Type': 'text/plain' })
        res.end('moved')
      } else if (path === '/huge') {
        res.writeHead(200, { 'Content-Type': 'application/octet-stream' })
        const chunk = Buffer.alloc(1024 * 1024, 0x61)
        let sent = 0
        const write = () => {
          while (sent < 11) {
            sent++
            if (!res.write(chunk)) {
              res.once('drain', write)
              return
            }
          }
          res.end()
        }
        res.on('error', () => {})
        write()
      } else if (path === '/hang') {
        hanging.add(res)
      } else if (path === '/empty') {
        res.writeHead(204)
        res.end()
      } else {
        const binary = Buffer.from([0, 1, 2, 253, 254, 255])
        res.writeHead(207, 'Multi-Status', [
          ['Content-Type', 'application/x-test'],
          ['X-Upstream', 'yes'],
          ['X-Repeated', 'one'],
          ['X-Repeated', 'two'],
          ['Set-Cookie', 'session=abc; Path=/'],
          ['Set-Cookie', 'other=def; Path=/'],
          ['Cache-Control', 'no-store'],
          ['Keep-Alive', 'timeout=99'],
          ['Connection', 'keep-alive'],
        ])
        res.end(
          Buffer.concat([binary, Buffer.from(`|${req.method ?? ''} ${req.url ?? ''}|`), body]),
        )
      }
    })
  })
  return {
    server,
    received,
    close: async () => {
      for (const res of hanging) res.destroy()
      await closeServer(server)
    },
  }
}

type RawResult = {
  raw: string
  status: number | undefined
  headers: Record<string, string>
  body: string
}

/** Sends bytes on a fresh TCP connection and reads until the server closes or the wait runs out. */
function rawRequest(port: number, text: string, waitMs = 2_000): Promise<RawResult> {
  return new Promise((resolve) => {
    const socket = connect(port, '127.0.0.1')
    const chunks: Buffer[] = []
    const finish = () => {
      clearTimeout(timer)
      socket.destroy()
      const raw = Buffer.concat(chunks).toString('latin1')
      const [head = '', ...rest] = raw.split('\r\n\r\n')
      const [statusLine = '', ...headerLines] = head.split('\r\n')
      const headers: Record<string, string> = {}
      for (const line of headerLines) {
        const colon = line.indexOf(':')
        if (colon > 0)
          headers[line.slice(0, colon).trim().toLowerCase()] = line.slice(colon + 1).trim()
      }
      const status = Number(statusLine.split(' ')[1])
      resolve({
        raw,
        status: Number.isFinite(status) ? status : undefined,
        headers,
        body: rest.join('\r\n\r\n'),
      })
    }
    const timer = setTimeout(finish, waitMs)
    socket.on('data', (chunk: Buffer) => chunks.push(chunk))
    socket.on('end', finish)
    socket.on('close', finish)
    socket.on('error', finish)
    socket.write(text, 'latin1')
  })
}

/** One node:http request, with full control over headers (fetch forbids Connection, Keep-Alive, …). */
function nodeRequest(
  url: string,
  options: {
    method?: string
    headers?: Record<string, string | string[]>
    body?: Buffer | string
    agent?: false
  },
): Promise<{ status: number; headers: IncomingHttpHeaders; rawHeaders: string[]; body: Buffer }> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(
      url,
      { method: options.method ?? 'GET', headers: options.headers, agent: options.agent },
      (res) => {
        const chunks: Buffer[] = []
        res.on('data', (chunk: Buffer) => chunks.push(chunk))
        res.on('end', () =>
          resolve({
            status: res.statusCode ?? 0,
            headers: res.headers,
            rawHeaders: res.rawHeaders,
            body: Buffer.concat(chunks),
          }),
        )
        res.on('error', reject)
      },
    )
    req.on('error', reject)
    req.end(options.body)
  })
}

const INJECTED = 'XBL3.0 x=injected-hash;injected-service-token-7f3a'
const CLIENT_TOKEN = 'XBL3.0 x=client-hash;client-secret-token-91b2'
const TIMEOUT_MS = 800

describe('proxy over loopback', () => {
  const canary = startCanary()
  let canaryPort = 0
  let canaryOrigin = ''
  const upstream = startUpstream(() => canaryOrigin)
  let upstreamOrigin = ''
  let closedPort = 0
  let server: RunningServer
  const logLines: string[] = []

  beforeAll(async () => {
    canaryPort = await listen(canary.server)
    canaryOrigin = `http://127.0.0.1:${canaryPort}`
    upstreamOrigin = `http://127.0.0.1:${await listen(upstream.server)}`
    // A port nobody listens on (taken, then released).
    const probe = createServer()
    closedPort = await listen(probe)
    await closeServer(probe)
    server = await startWorkbenchServer({
      env: {
        WORKBENCH_UPSTREAMS: `${upstreamOrigin}, http://127.0.0.1:${closedPort}`,
        XBL_AUTHORIZATION: INJECTED,
        PROXY_TIMEOUT_MS: String(TIMEOUT_MS),
        PROXY_CONNECT_TIMEOUT_MS: '500',
        SIM_THROTTLE: 'on',
      },
      port: 0,
      logSink: (line) => logLines.push(line),
      serveDashboard: false,
    })
  })

  afterAll(async () => {
    await server.close()
    await upstream.close()
    await closeServer(canary.server)
  })

  afterEach(async () => {
    // Whatever a test did, the canary saw nothing and the server is still up.
    expect(canary.counts).toEqual({ connections: 0, requests: 0 })
    const health = await fetch(`${server.url}/healthz`)
    expect(health.status).toBe(200)
  })

  const healthy = async (label: string) => {
    const health = await fetch(`${server.url}/healthz`)
    expect(health.status, `healthz after ${label}`).toBe(200)
  }

  const expectProxyError = async (
    response: Response,
    status: number,
    code: string,
    label: string,
  ) => {
    expect(response.status, label).toBe(status)
    expect(response.headers.get('x-workbench-proxy-error'), label).toBe(code)
    expect(response.headers.get('content-type'), label).toMatch(/^application\/json/)
    const body = (await response.json()) as { error: string; message: string }
    expect(body.error, label).toBe(code)
    expect(typeof body.message, label).toBe('string')
    expect(body.message.length, label).toBeGreaterThan(0)
  }

  describe('SSRF fence', () => {
    it('refuses at least 40 hostile X-Workbench-Upstream values with 403 upstream_not_allowed, and nothing is contacted', async () => {
      const c = canaryPort
      const serverPort = server.port
      const hostile = [
        canaryOrigin,
        `${canaryOrigin}/`,
        `http://127.0.0.1:${serverPort}`,
        `http://127.0.0.1:${closedPort + 1}`,
        `http://127.0.0.1`,
        `http://127.1:${c}`,
        `http://[::1]:${c}`,
        `http://[::ffff:127.0.0.1]:${c}`,
        `http://[0:0:0:0:0:0:0:1]:${c}`,
        `http://2130706433:${c}`,
        `http://0177.0.0.1:${c}`,
        `http://0x7f000001:${c}`,
        `http://0x7f.0.0.1:${c}`,
        `http://%31%32%37.0.0.1:${c}`,
        `http://localhost:${c}`,
        `http://LOCALHOST:${c}`,
        `http://localhost.:${c}`,
        `http://foo.localhost:${c}`,
        `http://0.0.0.0:${c}`,
        `http://0:${c}`,
        'http://169.254.169.254',
        'http://169.254.169.254/latest/meta-data/',
        'http://metadata.google.internal',
        `https://sessiondirectory.xboxlive.com@127.0.0.1:${c}`,
        'https://user:pass@sessiondirectory.xboxlive.com',
        `${upstreamOrigin}@127.0.0.1:${c}`,
        `http://127.0.0.1:${c}\\@sessiondirectory.xboxlive.com`,
        'https://sessiondirectory.xboxlive.com.evil.test',
        'HTTPS://SESSIONDIRECTORY.XBOXLIVE.COM.EVIL.TEST',
        'https://sessiondirectory.xboxlive.com.',
        'https://sessiondirectory.xboxlive.com:444',
        'http://sessiondirectory.xboxlive.com',
        'https://evil.test/https://sessiondirectory.xboxlive.com',
        `${upstreamOrigin}/path`,
        `${upstreamOrigin}/?x=1`,
        `${upstreamOrigin}#frag`,
        `${upstreamOrigin.replace('127.0.0.1', 'localhost')}`,
        `${upstreamOrigin},${canaryOrigin}`,
        `${upstreamOrigin} ${canaryOrigin}`,
        'file:///etc/passwd',
        'javascript:alert(1)',
        'data:text/plain,hi',
        `gopher://127.0.0.1:${c}/_GET`,
        `ws://127.0.0.1:${c}`,
        `ftp://127.0.0.1:${c}`,
        `//127.0.0.1:${c}`,
        `127.0.0.1:${c}`,
        'simulator.evil.test',
        `simulator@127.0.0.1:${c}`,
        'Simulator',
        `http://[::1]`,
        `http://127.0.0.1:${c}%2f`,
      ]
      expect(hostile.length).toBeGreaterThanOrEqual(40)
      const upstreamBefore = upstream.received.length
      for (const value of hostile) {
        for (const method of ['GET', 'POST'] as const) {
          const response = await fetch(`${server.url}/proxy/handles`, {
            method,
            headers: { 'X-Workbench-Upstream': value, 'x-xbl-contract-version': '107' },
            ...(method === 'POST' ? { body: '{"type":"activity"}' } : {}),
          })
          await expectProxyError(response, 403, 'upstream_not_allowed', `${method} ${value}`)
        }
        expect(canary.counts, value).toEqual({ connections: 0, requests: 0 })
        await healthy(value)
      }
      expect(upstream.received.length).toBe(upstreamBefore)
    })

    it('treats an empty or whitespace X-Workbench-Upstream as the in-process simulator', async () => {
      for (const value of ['', ' ', '\t', 'simulator', ' simulator ']) {
        const response = await fetch(`${server.url}/proxy/handles/${crypto.randomUUID()}`, {
          headers: {
            'X-Workbench-Upstream': value,
            'x-xbl-contract-version': '107',
            Authorization: 'XBL3.0 x=ws;t',
          },
        })
        // The simulator's own 404, not a proxy error.
        expect(response.status, JSON.stringify(value)).toBe(404)
        expect(response.headers.get('x-workbench-proxy-error')).toBeNull()
        expect(await response.text()).toMatch(/wasn't found/)
      }
    })

    it('refuses CRLF-injected upstream values sent on a raw socket', async () => {
      const c = canaryPort
      const injections = [
        `${canaryOrigin}\r\nX-Injected: 1`,
        `simulator\r\nX-Workbench-Upstream: ${canaryOrigin}`,
        `${upstreamOrigin}\r\nHost: 127.0.0.1:${c}`,
        `${upstreamOrigin}\rhttp://127.0.0.1:${c}`,
        `${upstreamOrigin}\nhttp://127.0.0.1:${c}`,
        `${canaryOrigin}\r\n\r\nGET /x HTTP/1.1\r\nHost: 127.0.0.1:${c}`,
      ]
      const upstreamBefore = upstream.received.length
      for (const value of injections) {
        const result = await rawRequest(
          server.port,
          `GET /proxy/handles HTTP/1.1\r\nHost: 127.0.0.1:${server.port}\r\nX-Workbench-Upstream: ${value}\r\nConnection: close\r\n\r\n`,
        )
        // Either the HTTP parser rejects the bytes (400) or the proxy refuses the upstream (403).
        expect(result.status, JSON.stringify(value)).toBeDefined()
        expect([400, 403], JSON.stringify(value)).toContain(result.status)
        // A second Host line makes the Host header name two hosts: refused as a foreign host.
        if (result.status === 403) {
          expect(['upstream_not_allowed', 'origin_not_allowed']).toContain(
            result.headers['x-workbench-proxy-error'],
          )
        }
        expect(canary.counts).toEqual({ connections: 0, requests: 0 })
        await healthy(JSON.stringify(value))
      }
      expect(upstream.received.length).toBe(upstreamBefore)
    })

    it('refuses `//host`, userinfo, control characters, backslashes and encoded traversal in the path with 403 path_not_allowed', async () => {
      const c = canaryPort
      const paths = [
        `//127.0.0.1:${c}`,
        `//127.0.0.1:${c}/x`,
        `/%2f127.0.0.1:${c}/x`,
        `/%2F%2F127.0.0.1:${c}`,
        `/@127.0.0.1:${c}`,
        `/x@127.0.0.1:${c}`,
        `/%40127.0.0.1:${c}`,
        '/..%2f..%2fhealthz',
        '/handles/..%2f..%2f..%2fsim%2f__reset',
        '/a%5c..%5cb',
        '/a%0d%0aHost:%20evil.test',
        '/a%00b',
        '/%E0%A4%A',
      ]
      const upstreamBefore = upstream.received.length
      for (const path of paths) {
        for (const target of [undefined, upstreamOrigin]) {
          const response = await fetch(`${server.url}/proxy${path}`, {
            headers: target ? { 'X-Workbench-Upstream': target } : {},
          })
          await expectProxyError(
            response,
            403,
            'path_not_allowed',
            `${path} via ${target ?? 'simulator'}`,
          )
        }
        await healthy(path)
      }
      expect(upstream.received.length).toBe(upstreamBefore)
    })

    it('refuses an absolute URL in the path with 403 path_not_allowed, as typed or encoded', async () => {
      // README promises it: `/proxy/http://canary/x` is not a path a user means to send anywhere.
      const c = canaryPort
      const upstreamBefore = upstream.received.length
      for (const path of [
        `/http://127.0.0.1:${c}/x?q=1`,
        `/HTTPS://127.0.0.1:${c}`,
        `/http:%2f%2f127.0.0.1:${c}/x`,
        `/http%3a%2f%2f127.0.0.1:${c}/x`,
        `/http%253a%252f%252f127.0.0.1:${c}/x`,
        `/handles/http://127.0.0.1:${c}`,
        `/javascript:alert(1)`,
        `/file:/etc/passwd`,
      ]) {
        for (const target of [upstreamOrigin, 'simulator']) {
          const response = await fetch(`${server.url}/proxy${path}`, {
            headers: {
              'X-Workbench-Upstream': target,
              'x-xbl-contract-version': '107',
              Authorization: 'XBL3.0 x=abs;t',
            },
          })
          await expectProxyError(response, 403, 'path_not_allowed', `${path} via ${target}`)
        }
      }
      expect(upstream.received.length).toBe(upstreamBefore)
      // A colon or a dot inside a segment is an ordinary path: it still goes through.
      for (const path of [
        '/handles/a:b',
        '/handles/a.b',
        '/handles/..a',
        '/handles/a%2eb',
        '/x/...',
      ]) {
        const response = await fetch(`${server.url}/proxy${path}`, {
          headers: { 'X-Workbench-Upstream': upstreamOrigin },
        })
        expect(response.status, path).toBe(207)
        expect(upstream.received.at(-1)?.url, path).toBe(path)
      }
    })

    it('is not fooled by absolute-form request targets, odd Host headers or raw `//host` paths', async () => {
      const c = canaryPort
      const s = server.port
      const cases: { request: string; expect: (r: RawResult) => void }[] = [
        {
          request: `GET http://127.0.0.1:${c}/proxy/handles HTTP/1.1\r\nHost: 127.0.0.1:${s}\r\nX-Workbench-Upstream: ${canaryOrigin}\r\n`,
          expect: (r) => {
            expect(r.status).toBe(403)
            expect(r.headers['x-workbench-proxy-error']).toBe('upstream_not_allowed')
          },
        },
        {
          // Absolute form naming the canary: the host in the target only changes our own URL.
          request: `GET http://127.0.0.1:${c}/proxy/handles/abc HTTP/1.1\r\nHost: 127.0.0.1:${s}\r\nx-xbl-contract-version: 107\r\n`,
          expect: (r) => {
            expect(r.status).toBe(401)
            expect(r.headers['x-workbench-proxy-error']).toBeUndefined()
          },
        },
        {
          request: `GET /proxy/http://127.0.0.1:${c}/x HTTP/1.1\r\nHost: 127.0.0.1:${s}\r\n`,
          expect: (r) => {
            expect(r.status).toBe(403)
            expect(r.headers['x-workbench-proxy-error']).toBe('path_not_allowed')
          },
        },
        {
          request: `GET /proxy//127.0.0.1:${c} HTTP/1.1\r\nHost: 127.0.0.1:${s}\r\n`,
          expect: (r) => {
            expect(r.status).toBe(403)
            expect(r.headers['x-workbench-proxy-error']).toBe('path_not_allowed')
          },
        },
        {
          request: `GET //127.0.0.1:${c}/proxy/handles HTTP/1.1\r\nHost: 127.0.0.1:${s}\r\nX-Workbench-Upstream: ${upstreamOrigin}\r\n`,
          expect: (r) => expect(r.status).toBeGreaterThanOrEqual(400),
        },
        {
          request: `GET /proxy/..%2f..%2f HTTP/1.1\r\nHost: 127.0.0.1:${s}\r\nX-Workbench-Upstream: ${upstreamOrigin}\r\n`,
          expect: (r) => {
            expect(r.status).toBe(403)
            expect(r.headers['x-workbench-proxy-error']).toBe('path_not_allowed')
          },
        },
        ...[
          '/proxy/%2e%2e/%2e%2e/etc/passwd',
          '/proxy/handles/%2e%2e',
          '/proxy/handles/%2E/x',
          '/proxy/a/../../x',
          '/proxy/a/..',
          '/proxy/./handles',
          '/proxy/handles/./x',
          '/proxy/handles/.%2e/x',
          '/proxy/handles/%2e./x',
          '/proxy/handles/%252e%252e/x',
          '/proxy/handles/%25252E%25252E/x',
          '/proxy/%2e%2e/healthz',
          '/proxy/handles/x/..?q=1',
          '/x/../proxy/handles',
          '/proxy/../proxy/handles',
        ].map((path) => ({
          // The app routes on a URL whose dot segments are already resolved (WHATWG); the proxy
          // reads the target as sent and refuses it: what goes upstream is what the user typed.
          request: `GET ${path} HTTP/1.1\r\nHost: 127.0.0.1:${s}\r\nX-Workbench-Upstream: ${upstreamOrigin}\r\n`,
          expect: (r: RawResult) => {
            expect(r.status, path).toBe(403)
            expect(r.headers['x-workbench-proxy-error'], path).toBe('path_not_allowed')
          },
        })),
        {
          request: `GET /proxy\\..\\..\\x HTTP/1.1\r\nHost: 127.0.0.1:${s}\r\nX-Workbench-Upstream: ${upstreamOrigin}\r\n`,
          expect: (r) => expect(r.status).toBeGreaterThanOrEqual(400),
        },
        {
          // DNS rebinding: a foreign name pointing at 127.0.0.1.
          request: `GET /proxy/handles HTTP/1.1\r\nHost: evil.test:${s}\r\n`,
          expect: (r) => {
            expect(r.status).toBe(403)
            expect(r.headers['x-workbench-proxy-error']).toBe('origin_not_allowed')
          },
        },
        {
          request: `GET /proxy/handles HTTP/1.1\r\nHost: 127.0.0.1:${c}@evil.test\r\n`,
          expect: (r) => expect(r.status).toBeGreaterThanOrEqual(400),
        },
        {
          request: `GET /proxy/handles HTTP/1.1\r\nHost: 127.0.0.1.nip.io:${s}\r\n`,
          expect: (r) => {
            expect(r.status).toBe(403)
            expect(r.headers['x-workbench-proxy-error']).toBe('origin_not_allowed')
          },
        },
      ]
      const upstreamBefore = upstream.received.length
      for (const [index, testCase] of cases.entries()) {
        const result = await rawRequest(server.port, `${testCase.request}Connection: close\r\n\r\n`)
        expect(result.status, `case ${index}: ${result.raw.slice(0, 200)}`).toBeDefined()
        testCase.expect(result)
        expect(canary.counts, `case ${index}`).toEqual({ connections: 0, requests: 0 })
        await healthy(`raw case ${index}`)
      }
      for (const seen of upstream.received.slice(upstreamBefore)) {
        expect(seen.url).not.toMatch(/\.\.|%2e|\/\/|127\.0\.0\.1/i)
      }
    })

    it('does not follow an upstream redirect to the canary: the 302 goes back to the caller as it is', async () => {
      const response = await fetch(`${server.url}/proxy/redirect`, {
        headers: { 'X-Workbench-Upstream': upstreamOrigin },
        redirect: 'manual',
      })
      expect(response.status).toBe(302)
      expect(response.headers.get('location')).toBe(`${canaryOrigin}/stolen`)
      expect(await response.text()).toBe('moved')
      expect(upstream.received.at(-1)?.url).toBe('/redirect')
      // Give a stray follow-up request time to show up.
      await new Promise((resolve) => setTimeout(resolve, 200))
      expect(canary.counts).toEqual({ connections: 0, requests: 0 })
    })
  })

  describe('forwarding to an allowed custom upstream', () => {
    it('forwards method, path, query and body; passes status, headers and body back; adds Server-Timing', async () => {
      const body = JSON.stringify({ hello: 'world', n: 1 })
      const response = await fetch(`${server.url}/proxy/handles/query?include=relatedInfo&x=%20y`, {
        method: 'POST',
        headers: {
          'X-Workbench-Upstream': `${upstreamOrigin}/`,
          'Content-Type': 'application/json',
          'x-xbl-contract-version': '107',
          Authorization: CLIENT_TOKEN,
        },
        body,
      })
      expect(response.status).toBe(207)
      expect(response.statusText).toBe('Multi-Status')
      expect(response.headers.get('content-type')).toBe('application/x-test')
      expect(response.headers.get('x-upstream')).toBe('yes')
      expect(response.headers.get('x-repeated')).toBe('one, two')
      expect(response.headers.get('cache-control')).toBe('no-store')
      // Upstream cookies never land on the Workbench origin.
      expect(response.headers.get('set-cookie')).toBeNull()
      expect(response.headers.get('server-timing')).toMatch(/^upstream;dur=\d+(\.\d+)?$/)
      expect(response.headers.get('x-workbench-proxy-error')).toBeNull()
      const bytes = Buffer.from(await response.arrayBuffer())
      expect(bytes.subarray(0, 6)).toEqual(Buffer.from([0, 1, 2, 253, 254, 255]))
      expect(bytes.subarray(6).toString()).toBe(
        `|POST /handles/query?include=relatedInfo&x=%20y|${body}`,
      )

      const seen = upstream.received.at(-1)
      expect(seen?.method).toBe('POST')
      expect(seen?.url).toBe('/handles/query?include=relatedInfo&x=%20y')
      expect(seen?.body.toString()).toBe(body)
      expect(seen?.headers['content-type']).toBe('application/json')
      expect(seen?.headers['x-xbl-contract-version']).toBe('107')
      // The caller's own Authorization goes through untouched; the configured one is for Xbox Live only.
      expect(seen?.headers.authorization).toBe(CLIENT_TOKEN)
      expect(JSON.stringify(seen?.headers)).not.toContain('injected-service-token')
      expect(seen?.headers.host).toBe(upstreamOrigin.replace('http://', ''))
    })

    it('accepts the allowlisted origin spelled with upper-case scheme and a trailing slash', async () => {
      for (const spelling of [
        upstreamOrigin.toUpperCase(),
        `${upstreamOrigin}/`,
        ` ${upstreamOrigin} `,
      ]) {
        const response = await fetch(`${server.url}/proxy/ok`, {
          headers: { 'X-Workbench-Upstream': spelling },
        })
        expect(response.status, spelling).toBe(207)
      }
    })

    it('never injects XBL_AUTHORIZATION into a custom upstream', async () => {
      const response = await fetch(`${server.url}/proxy/no-auth`, {
        headers: { 'X-Workbench-Upstream': upstreamOrigin },
      })
      expect(response.status).toBe(207)
      const seen = upstream.received.at(-1)
      expect(seen?.url).toBe('/no-auth')
      expect(seen?.headers.authorization).toBeUndefined()
      expect(JSON.stringify(seen?.headers)).not.toContain('injected')

      // The dashboard is told a token is configured, but never the token.
      const info = await fetch(`${server.url}/api/upstreams`)
      const text = await info.text()
      expect(text).not.toContain('injected-service-token')
      const parsed = JSON.parse(text) as {
        upstreams: { origin: string }[]
        xblAuthorizationConfigured: boolean
      }
      expect(parsed.xblAuthorizationConfigured).toBe(true)
      expect(parsed.upstreams.map((u) => u.origin)).toEqual([
        'simulator',
        'https://sessiondirectory.xboxlive.com',
        upstreamOrigin,
        `http://127.0.0.1:${closedPort}`,
      ])

      // Nor into the simulator.
      await fetch(`${server.url}/sim/__reset`, { method: 'POST' })
      await fetch(`${server.url}/proxy/handles/${crypto.randomUUID()}`, {
        headers: { 'x-xbl-contract-version': '107' },
      })
      const log = (await (await fetch(`${server.url}/sim/__requests`)).json()) as {
        requests: { headers: Record<string, string> }[]
      }
      expect(log.requests).toHaveLength(1)
      expect(log.requests[0]?.headers.authorization).toBeUndefined()
    })

    it('drops hop-by-hop headers, Cookie, X-Forwarded-*, Forwarded, Proxy-Authorization and its own control headers', async () => {
      const response = await nodeRequest(`${server.url}/proxy/headers`, {
        method: 'POST',
        headers: {
          'X-Workbench-Upstream': upstreamOrigin,
          Connection: 'keep-alive, X-Named-Hop',
          'Keep-Alive': 'timeout=5',
          'X-Named-Hop': 'secret-hop',
          TE: 'trailers',
          'Proxy-Authorization': 'Basic cHJveHk6c2VjcmV0',
          'Proxy-Connection': 'keep-alive',
          Cookie: 'workbench_session=secret-cookie',
          'X-Forwarded-For': '10.0.0.1',
          'X-Forwarded-Host': 'evil.test',
          'X-Forwarded-Proto': 'https',
          Forwarded: 'for=10.0.0.1',
          'X-Real-IP': '10.0.0.2',
          Via: '1.1 evil',
          Referer: `${server.url}/history`,
          'Sec-Fetch-Mode': 'cors',
          'X-Workbench-Other': 'control',
          'X-Custom-Kept': 'kept',
          'x-xbl-contract-version': '107',
          'Content-Type': 'text/plain',
        },
        body: 'payload',
      })
      expect(response.status).toBe(207)
      const seen = upstream.received.at(-1)
      expect(seen?.url).toBe('/headers')
      expect(seen?.body.toString()).toBe('payload')
      const headers = seen?.headers ?? {}
      expect(headers['x-custom-kept']).toBe('kept')
      expect(headers['x-xbl-contract-version']).toBe('107')
      expect(headers['content-type']).toBe('text/plain')
      for (const dropped of [
        'keep-alive',
        'x-named-hop',
        'te',
        'proxy-authorization',
        'proxy-connection',
        'cookie',
        'x-forwarded-for',
        'x-forwarded-host',
        'x-forwarded-proto',
        'forwarded',
        'x-real-ip',
        'via',
        'referer',
        'sec-fetch-mode',
        'x-workbench-upstream',
        'x-workbench-other',
        'origin',
      ]) {
        expect(headers, dropped).not.toHaveProperty(dropped)
      }
      const all = JSON.stringify(headers)
      expect(all).not.toContain('secret-cookie')
      expect(all).not.toContain('secret-hop')
      expect(all).not.toContain('10.0.0.1')
      // Upstream hop-by-hop headers and cookies do not come back either.
      expect(response.headers['set-cookie']).toBeUndefined()
      // (The Workbench's own server sends Keep-Alive: timeout=5; the upstream's value must not leak.)
      expect(response.headers['keep-alive']).not.toBe('timeout=99')
      expect(response.headers['x-repeated']).toBe('one, two')
    })

    it('passes a 204 through without a body', async () => {
      const response = await fetch(`${server.url}/proxy/empty`, {
        method: 'DELETE',
        headers: { 'X-Workbench-Upstream': upstreamOrigin },
      })
      expect(response.status).toBe(204)
      expect(await response.text()).toBe('')
      expect(upstream.received.at(-1)?.method).toBe('DELETE')
    })

    it('forwards GET, POST, PUT and DELETE only: any other method is 405 method_not_allowed, and nothing is sent', async () => {
      const before = upstream.received.length
      for (const method of [
        'TRACE',
        'HEAD',
        'OPTIONS',
        'PATCH',
        'PROPFIND',
        'MKCOL',
        'LOCK',
        'SEARCH',
        'PURGE',
      ]) {
        for (const target of [upstreamOrigin, 'simulator']) {
          const response = await nodeRequest(`${server.url}/proxy/handles`, {
            method,
            headers: { 'X-Workbench-Upstream': target, 'x-xbl-contract-version': '107' },
          })
          const label = `${method} via ${target}`
          expect(response.status, label).toBe(405)
          expect(response.headers['x-workbench-proxy-error'], label).toBe('method_not_allowed')
          expect(response.headers.allow, label).toBe('GET, POST, PUT, DELETE')
          expect(response.headers['content-security-policy'], label).toBeDefined()
          if (method !== 'HEAD') {
            expect(JSON.parse(response.body.toString()), label).toMatchObject({
              error: 'method_not_allowed',
            })
          }
        }
      }
      expect(upstream.received.length).toBe(before)
      for (const method of ['GET', 'POST', 'PUT', 'DELETE']) {
        const response = await nodeRequest(`${server.url}/proxy/method-check`, {
          method,
          headers: { 'X-Workbench-Upstream': upstreamOrigin },
        })
        expect(response.status, method).toBe(207)
        expect(upstream.received.at(-1)?.method, method).toBe(method)
      }
    })
  })

  describe('limits and failures', () => {
    it('answers 413 request_too_large for a body over 1 MiB, declared or streamed, and forwards exactly 1 MiB', async () => {
      const before = upstream.received.length
      const tooBig = Buffer.alloc(REQUEST_BODY_LIMIT + 1, 0x62)
      for (const target of [upstreamOrigin, 'simulator']) {
        const declared = await fetch(`${server.url}/proxy/big`, {
          method: 'POST',
          headers: { 'X-Workbench-Upstream': target },
          body: tooBig,
        })
        await expectProxyError(declared, 413, 'request_too_large', `declared via ${target}`)

        // No Content-Length: a chunked stream that turns out too large.
        const streamed = await nodeRequest(`${server.url}/proxy/big`, {
          method: 'POST',
          headers: { 'X-Workbench-Upstream': target, 'Transfer-Encoding': 'chunked' },
          body: tooBig,
        })
        expect(streamed.status).toBe(413)
        expect(streamed.headers['x-workbench-proxy-error']).toBe('request_too_large')
      }
      expect(upstream.received.length).toBe(before)

      const exact = Buffer.alloc(REQUEST_BODY_LIMIT, 0x63)
      const ok = await fetch(`${server.url}/proxy/exact`, {
        method: 'PUT',
        headers: { 'X-Workbench-Upstream': upstreamOrigin },
        body: exact,
      })
      expect(ok.status).toBe(207)
      expect(upstream.received.at(-1)?.body.length).toBe(REQUEST_BODY_LIMIT)
    })

    it('answers 502 response_too_large when the upstream answers over 10 MiB', async () => {
      const response = await fetch(`${server.url}/proxy/huge`, {
        headers: { 'X-Workbench-Upstream': upstreamOrigin },
      })
      await expectProxyError(response, 502, 'response_too_large', 'huge')
      expect(RESPONSE_BODY_LIMIT).toBe(10 * 1024 * 1024)
    })

    it('answers 504 timeout when the upstream never answers, within the configured timeout', async () => {
      const started = performance.now()
      const response = await fetch(`${server.url}/proxy/hang`, {
        headers: { 'X-Workbench-Upstream': upstreamOrigin },
      })
      const elapsed = performance.now() - started
      await expectProxyError(response, 504, 'timeout', 'hang')
      // undici's headersTimeout runs on its ~500 ms-resolution fast timers, so it may fire up to
      // half a second early; what matters is that it answers, and long before the 30 s default.
      expect(elapsed).toBeGreaterThanOrEqual(TIMEOUT_MS - 600)
      // Generous: a busy CI machine delays the answer, not the timeout; the 30 s default is far off.
      expect(elapsed).toBeLessThan(10_000)
    })

    it('answers 504 timeout when renewing a sign-in takes longer than PROXY_TIMEOUT_MS', async () => {
      const store = server.app.identities.store
      const view = vi.spyOn(store, 'view').mockReturnValue({
        id: '2533274790000009.RETAIL',
        xuid: '2533274790000009',
        gamertag: 'Stuck',
        userhash: '123',
        sandbox: 'RETAIL',
        expiresAt: new Date().toISOString(),
        renewable: true,
        canJoinMultiplayer: true,
        ageGroup: 'Adult',
        problem: null,
      })
      // Microsoft's token endpoint never answers: the renewal hangs.
      const renewal = vi
        .spyOn(store, 'authorizationHeader')
        .mockReturnValue(new Promise<string>(() => {}))
      try {
        const started = performance.now()
        const response = await fetch(`${server.url}/proxy/handles/query`, {
          headers: {
            'X-Workbench-Upstream': 'https://sessiondirectory.xboxlive.com',
            'X-Workbench-Act-As': 'xbl:2533274790000009.RETAIL',
          },
        })
        await expectProxyError(response, 504, 'timeout', 'renewal')
        expect(performance.now() - started).toBeLessThan(10_000)
        expect(renewal).toHaveBeenCalledOnce()
      } finally {
        view.mockRestore()
        renewal.mockRestore()
      }
    })

    it('answers 504 timeout when the in-process simulator is slower than PROXY_TIMEOUT_MS, and the abandoned call stores nothing', async () => {
      const SCID = 'bd6c41c3-01c3-468a-a3b5-3e0fe8133862'
      const user = `slow-${crypto.randomUUID()}`
      const headers = {
        'Content-Type': 'application/json',
        'x-xbl-contract-version': '107',
        Authorization: `XBL3.0 x=${user};t`,
      }
      for (const latency of [TIMEOUT_MS + 400, 9_000]) {
        const started = performance.now()
        const response = await fetch(`${server.url}/proxy/handles?sim_latency_ms=${latency}`, {
          method: 'POST',
          headers,
          body: JSON.stringify({
            type: 'activity',
            version: 1,
            sessionRef: { scid: SCID, templateName: 't', name: `late-${latency}` },
          }),
        })
        const elapsed = performance.now() - started
        expect(response.status, `latency ${latency}`).toBe(504)
        expect(response.headers.get('x-workbench-proxy-error')).toBe('timeout')
        expect(((await response.json()) as { message: string }).message).toMatch(
          `Timed out after ${TIMEOUT_MS} ms`,
        )
        expect(elapsed).toBeGreaterThanOrEqual(TIMEOUT_MS - 50)
        // Generous for a busy CI machine; the 504 above already says the proxy gave up.
        expect(elapsed).toBeLessThan(10_000)
      }
      // Had the simulator carried on after the proxy gave up, the first activity would land now.
      await new Promise((resolve) => setTimeout(resolve, 600))
      const query = await fetch(`${server.url}/proxy/handles/query`, {
        method: 'POST',
        headers: { ...headers, Authorization: 'XBL3.0 x=checker;t' },
        body: JSON.stringify({
          type: 'activity',
          scid: SCID,
          owners: { xuids: [xuidForUserhash(user)] },
        }),
      })
      expect(query.status).toBe(200)
      expect(((await query.json()) as { results: unknown[] }).results).toEqual([])
      expect(server.app.budget.inUse()).toBe(0)
    })

    it('stops the simulator when the browser gives up: an aborted call stores nothing', async () => {
      const SCID = 'bd6c41c3-01c3-468a-a3b5-3e0fe8133862'
      const user = `gone-${crypto.randomUUID()}`
      const headers = {
        'Content-Type': 'application/json',
        'x-xbl-contract-version': '107',
        Authorization: `XBL3.0 x=${user};t`,
      }
      const aborted = await fetch(
        `${server.url}/proxy/handles?sim_latency_ms=${TIMEOUT_MS - 300}`,
        {
          method: 'POST',
          headers,
          body: JSON.stringify({
            type: 'activity',
            version: 1,
            sessionRef: { scid: SCID, templateName: 't', name: 'aborted' },
          }),
          signal: AbortSignal.timeout(150),
        },
      ).catch((error: unknown) => error)
      expect(aborted).toBeInstanceOf(Error)
      await new Promise((resolve) => setTimeout(resolve, TIMEOUT_MS))
      const query = await fetch(`${server.url}/proxy/handles/query`, {
        method: 'POST',
        headers: { ...headers, Authorization: 'XBL3.0 x=checker;t' },
        body: JSON.stringify({
          type: 'activity',
          scid: SCID,
          owners: { xuids: [xuidForUserhash(user)] },
        }),
      })
      expect(((await query.json()) as { results: unknown[] }).results).toEqual([])
    })

    it('answers 502 upstream_unreachable for an allowlisted origin nobody listens on', async () => {
      const response = await fetch(`${server.url}/proxy/x`, {
        headers: { 'X-Workbench-Upstream': `http://127.0.0.1:${closedPort}` },
      })
      await expectProxyError(response, 502, 'upstream_unreachable', 'closed port')
    })

    it('answers 408 request_timeout when the request body trickles in too slowly', async () => {
      const started = performance.now()
      const result = await rawRequest(
        server.port,
        `POST /proxy/slow HTTP/1.1\r\nHost: 127.0.0.1:${server.port}\r\nX-Workbench-Upstream: ${upstreamOrigin}\r\nContent-Length: 100\r\nConnection: close\r\n\r\npartial`,
        TIMEOUT_MS + 3_000,
      )
      expect(result.status).toBe(408)
      expect(result.headers['x-workbench-proxy-error']).toBe('request_timeout')
      expect(performance.now() - started).toBeGreaterThanOrEqual(TIMEOUT_MS - 50)
      expect(upstream.received.at(-1)?.url).not.toBe('/slow')
    })
  })

  describe('callers', () => {
    it('refuses a foreign Origin with 403 origin_not_allowed and allows the same origin', async () => {
      for (const origin of [
        'http://evil.test',
        'null',
        `http://localhost:${server.port + 1}`,
        canaryOrigin,
        `https://127.0.0.1:${server.port}`,
      ]) {
        const response = await fetch(`${server.url}/proxy/handles`, {
          method: 'POST',
          headers: { Origin: origin, 'X-Workbench-Upstream': upstreamOrigin },
          body: '{}',
        })
        await expectProxyError(response, 403, 'origin_not_allowed', origin)
      }
      const before = upstream.received.length
      const same = await fetch(`${server.url}/proxy/same-origin`, {
        method: 'POST',
        headers: { Origin: server.url, 'X-Workbench-Upstream': upstreamOrigin },
        body: '{}',
      })
      expect(same.status).toBe(207)
      expect(upstream.received.length).toBe(before + 1)
      expect(upstream.received.at(-1)?.headers.origin).toBeUndefined()
    })

    it('never writes a token to the log', async () => {
      logLines.length = 0
      await fetch(`${server.url}/proxy/handles/${crypto.randomUUID()}`, {
        headers: { Authorization: CLIENT_TOKEN, 'x-xbl-contract-version': '107' },
      })
      await fetch(`${server.url}/proxy/log-test`, {
        headers: { Authorization: CLIENT_TOKEN, 'X-Workbench-Upstream': upstreamOrigin },
      })
      await fetch(`${server.url}/proxy/log-test`, {
        headers: { Authorization: CLIENT_TOKEN, 'X-Workbench-Upstream': canaryOrigin },
      })
      await fetch(`${server.url}/proxy/handles`, {
        method: 'POST',
        headers: {
          Authorization: CLIENT_TOKEN,
          'X-Workbench-Upstream': `http://127.0.0.1:${closedPort}`,
        },
        body: '{}',
      })
      expect(logLines).toHaveLength(4)
      expect(logLines.some((line) => line.includes('/log-test'))).toBe(true)
      const all = logLines.join('\n')
      expect(all).not.toContain('client-secret-token-91b2')
      expect(all).not.toContain('injected-service-token-7f3a')
      expect(all).not.toContain('client-hash')
    })

    it('never writes a token to the log, even URL-encoded into the path or with text after it', async () => {
      logLines.length = 0
      const token = 'client-secret-token-91b2'
      const paths = [
        `/handles/${encodeURIComponent(CLIENT_TOKEN)}`,
        `/handles/${encodeURIComponent(encodeURIComponent(CLIENT_TOKEN))}`,
        `/handles/${CLIENT_TOKEN.replace(/ /g, '%20')}`,
        `/handles/${token}`,
        `/handles/${token.replace(/-/g, '%2D')}`,
        `/handles/${[...token].map((ch) => `%${ch.charCodeAt(0).toString(16)}`).join('')}`,
        `/handles/x?auth=${encodeURIComponent(CLIENT_TOKEN).replace(/%20/g, '+')}`,
        `/handles/${encodeURIComponent('injected-service-token-7f3a')}`,
        `/handles/${encodeURIComponent('XBL3.0 x=other-hash;other-token-never-seen')}`,
      ]
      for (const path of paths) {
        await fetch(`${server.url}/proxy${path}`, {
          headers: { Authorization: CLIENT_TOKEN, 'X-Workbench-Upstream': upstreamOrigin },
        })
      }
      expect(logLines).toHaveLength(paths.length)
      const all = decodeURIComponent(decodeURIComponent(logLines.join('\n')))
      for (const secret of [token, 'injected-service-token-7f3a', 'other-token-never-seen']) {
        expect(all).not.toContain(secret)
      }
      expect(logLines.every((line) => line.includes('/handles/'))).toBe(true)
    })

    it('answers 200 concurrent connections and stays up', async () => {
      const results = await Promise.all(
        Array.from({ length: 200 }, (_, i) =>
          nodeRequest(`${server.url}/proxy/handles/${crypto.randomUUID()}`, {
            agent: false,
            headers: {
              'x-xbl-contract-version': '107',
              Authorization: `XBL3.0 x=concurrent-${i};t`,
            },
          }),
        ),
      )
      expect(results).toHaveLength(200)
      for (const result of results) {
        expect(result.status).toBe(404)
        expect(result.headers['server-timing']).toMatch(/^upstream;dur=/)
      }
      await healthy('200 concurrent')
    })
  })
})

/** A TCP server that answers each request with bytes of the test's choosing, by path. */
function startRawUpstream(answers: Record<string, string>) {
  const server = createTcpServer((socket) => {
    socket.on('error', () => {})
    socket.once('data', (chunk: Buffer) => {
      const path = chunk.toString('latin1').split(' ')[1] ?? ''
      socket.end(answers[path] ?? 'HTTP/1.1 404 Not Found\r\nContent-Length: 0\r\n\r\n')
    })
  })
  return server
}

describe('upstreams that break HTTP', () => {
  const answers: Record<string, string> = {
    '/s205-body': 'HTTP/1.1 205 Reset Content\r\nContent-Length: 5\r\n\r\nhello',
    '/s205-chunked':
      'HTTP/1.1 205 Reset Content\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nhello\r\n0\r\n\r\n',
    '/s204': 'HTTP/1.1 204 No Content\r\n\r\n',
    '/s204-body': 'HTTP/1.1 204 No Content\r\nContent-Length: 5\r\n\r\nhello',
    '/s304-body': 'HTTP/1.1 304 Not Modified\r\nContent-Length: 5\r\n\r\nhello',
    '/s600': 'HTTP/1.1 600 Odd\r\nContent-Length: 2\r\n\r\nhi',
    '/s777': 'HTTP/1.1 777 Odd\r\nContent-Length: 2\r\n\r\nhi',
    '/s999': 'HTTP/1.1 999 Odd\r\nContent-Length: 2\r\n\r\nhi',
    '/s000': 'HTTP/1.1 000 Zero\r\nContent-Length: 2\r\n\r\nhi',
    '/s099': 'HTTP/1.1 099 Low\r\nContent-Length: 2\r\n\r\nhi',
    '/s1000': 'HTTP/1.1 1000 Long\r\nContent-Length: 2\r\n\r\nhi',
    '/s100-final': 'HTTP/1.1 100 Continue\r\n\r\n',
    '/s101':
      'HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n\r\n',
    '/s199-final': 'HTTP/1.1 199 Odd\r\n\r\n',
    '/s150-body': 'HTTP/1.1 150 Odd\r\nContent-Length: 2\r\n\r\nhi',
    '/s103-then-200':
      'HTTP/1.1 103 Early Hints\r\nLink: </x>\r\n\r\nHTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok',
    '/s299': 'HTTP/1.1 299 Custom\r\nContent-Length: 2\r\n\r\nhi',
    '/s599': 'HTTP/1.1 599 Custom\r\nContent-Length: 2\r\n\r\nhi',
    '/s200-no-reason': 'HTTP/1.1 200\r\nContent-Length: 2\r\n\r\nok',
    '/truncated': 'HTTP/1.1 200 OK\r\nContent-Length: 10\r\n\r\nhi',
    '/two-lengths': 'HTTP/1.1 200 OK\r\nContent-Length: 2\r\nContent-Length: 3\r\n\r\nhi',
    '/garbage': 'garbage\r\n\r\n',
    '/http2': 'HTTP/2 200\r\n\r\n',
    '/hop':
      'HTTP/1.1 200 OK\r\nConnection: X-Hop, x-other-hop\r\nX-Hop: secret-hop\r\nX-Other-Hop: secret-other\r\n' +
      'X-Workbench-Proxy-Error: timeout\r\nX-Workbench-Upstream: evil\r\nKeep-Alive: timeout=99\r\n' +
      'Proxy-Authenticate: Basic\r\nClear-Site-Data: "storage"\r\nAccess-Control-Allow-Origin: *\r\n' +
      'Access-Control-Allow-Credentials: true\r\nAlt-Svc: h2="evil.example:443"\r\n' +
      'Strict-Transport-Security: max-age=31536000\r\nX-Kept: kept\r\nContent-Length: 2\r\n\r\nok',
  }
  // What each answer must become: the same status and body, or the proxy's own 502.
  const passes: Record<string, [number, string]> = {
    '/s205-body': [205, ''],
    '/s205-chunked': [205, ''],
    '/s204': [204, ''],
    '/s103-then-200': [200, 'ok'],
    '/s299': [299, 'hi'],
    '/s599': [599, 'hi'],
    '/s200-no-reason': [200, 'ok'],
    '/hop': [200, 'ok'],
  }
  const upstream = startRawUpstream(answers)
  let origin = ''
  let server: RunningServer
  const logLines: string[] = []

  beforeAll(async () => {
    origin = `http://127.0.0.1:${await listen(upstream)}`
    server = await startWorkbenchServer({
      env: { WORKBENCH_UPSTREAMS: origin, PROXY_TIMEOUT_MS: '2000' },
      port: 0,
      logSink: (line) => logLines.push(line),
      serveDashboard: false,
    })
  })
  afterAll(async () => {
    await server.close()
    await new Promise<void>((resolve) => upstream.close(() => resolve()))
  })

  it('passes every final status through as it is, or answers 502 upstream_bad_response, always with the security headers, a log line and nothing on the console', async () => {
    const consoleError = vi.spyOn(console, 'error')
    const consoleInfo = vi.spyOn(console, 'info')
    try {
      logLines.length = 0
      for (const path of Object.keys(answers)) {
        const response = await nodeRequest(`${server.url}/proxy${path}`, {
          headers: { 'X-Workbench-Upstream': origin },
        })
        const body = response.body.toString()
        const expected = passes[path]
        if (expected) {
          expect([response.status, body], path).toEqual(expected)
          expect(response.headers['x-workbench-proxy-error'], path).toBeUndefined()
        } else {
          expect(response.status, `${path}: ${body}`).toBe(502)
          expect(response.headers['x-workbench-proxy-error'], path).toBe('upstream_bad_response')
          expect(JSON.parse(body), path).toMatchObject({ error: 'upstream_bad_response' })
        }
        expect(response.headers['content-security-policy'], path).toMatch(/script-src 'self'/)
        expect(response.headers['x-content-type-options'], path).toBe('nosniff')
        const health = await fetch(`${server.url}/healthz`)
        expect(health.status, `healthz after ${path}`).toBe(200)
      }
      expect(logLines).toHaveLength(Object.keys(answers).length)
      expect(logLines.every((line) => line.startsWith('proxy GET /'))).toBe(true)
      expect(consoleError).not.toHaveBeenCalled()
      expect(consoleInfo).not.toHaveBeenCalled()
      expect(server.app.budget.inUse()).toBe(0)
    } finally {
      consoleError.mockRestore()
      consoleInfo.mockRestore()
    }
  })

  it("strips the headers an upstream's Connection header names, its hop-by-hop and origin-wide headers and a spoofed X-Workbench-* header", async () => {
    const response = await nodeRequest(`${server.url}/proxy/hop`, {
      headers: { 'X-Workbench-Upstream': origin },
    })
    expect(response.status).toBe(200)
    expect(response.headers['x-kept']).toBe('kept')
    for (const name of [
      'clear-site-data',
      'access-control-allow-origin',
      'access-control-allow-credentials',
      'alt-svc',
      'strict-transport-security',
      'x-hop',
      'x-other-hop',
      'x-workbench-proxy-error',
      'x-workbench-upstream',
      'proxy-authenticate',
    ]) {
      expect(response.headers, name).not.toHaveProperty(name)
    }
    expect(response.headers['keep-alive']).not.toBe('timeout=99')
    expect(response.rawHeaders.join('\n')).not.toMatch(/secret-hop|secret-other/)
  })
})

describe('the buffer budget across requests in flight', () => {
  const MIB = 1024 * 1024
  // Answers of 4 MiB: with and without Content-Length (chunked), each a fresh buffer.
  const upstream = createServer((req, res) => {
    const chunk = Buffer.alloc(256 * 1024, 0x61)
    const chunked = (req.url ?? '').startsWith('/chunked')
    res.writeHead(200, {
      'Content-Type': 'application/octet-stream',
      ...(chunked ? {} : { 'Content-Length': String(4 * MIB) }),
    })
    let sent = 0
    const write = () => {
      while (sent < 16) {
        sent++
        if (!res.write(chunk)) {
          res.once('drain', write)
          return
        }
      }
      res.end()
    }
    res.on('error', () => {})
    write()
  })
  let origin = ''
  let server: RunningServer

  beforeAll(async () => {
    origin = `http://127.0.0.1:${await listen(upstream)}`
    server = await startWorkbenchServer({
      // Room for two such answers at once.
      env: { WORKBENCH_UPSTREAMS: origin, WORKBENCH_BUFFER_BUDGET_MB: '9' },
      port: 0,
      logSink: () => {},
      serveDashboard: false,
    })
  })
  afterAll(async () => {
    await server.close()
    await closeServer(upstream)
  })

  it('answers what fits whole and the rest with 503 server_busy and Retry-After, then gives every byte back', async () => {
    for (const kind of ['sized', 'chunked']) {
      const results = await Promise.all(
        Array.from({ length: 12 }, (_, i) =>
          nodeRequest(`${server.url}/proxy/${kind}/${i}`, {
            agent: false,
            headers: { 'X-Workbench-Upstream': origin },
          }),
        ),
      )
      let whole = 0
      for (const result of results) {
        if (result.status === 200) {
          expect(result.body.length, kind).toBe(4 * MIB)
          whole++
        } else {
          expect(result.status, kind).toBe(503)
          expect(result.headers['x-workbench-proxy-error'], kind).toBe('server_busy')
          expect(result.headers['retry-after'], kind).toBe('1')
        }
      }
      expect(whole, kind).toBeGreaterThanOrEqual(1)
      expect(whole, kind).toBeLessThan(12)
      await expect.poll(() => server.app.budget.inUse(), { timeout: 2_000 }).toBe(0)
    }
    // With the budget back, one at a time always fits.
    for (let i = 0; i < 3; i++) {
      const result = await nodeRequest(`${server.url}/proxy/sized/again-${i}`, {
        headers: { 'X-Workbench-Upstream': origin },
      })
      expect(result.status).toBe(200)
      expect(result.body.length).toBe(4 * MIB)
    }
  })
})
