// Calls as a signed-in account over loopback through the real server: its tokens never reach a log
// line (whoever writes it) or the browser, even when the upstream echoes the Authorization it
// received; a GET Xbox Live refuses is retried once with a renewed token, a POST never is.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { XBOX_LIVE_ORIGIN } from '../mpsd/limits'
import { ACT_AS_HEADER, UPSTREAM_HEADER } from '../mpsd/proxy-protocol'
import { REDACTED } from '../mpsd/redact'
import { startFakeXboxAuth, type FakeXboxAuth } from './auth/fake-xbox-auth'
import { startWorkbenchServer, type RunningServer } from './start-server'

const CLIENT_ID = '00001111-aaaa-2222-bbbb-3333cccc4444'

describe('calls as a signed-in account over loopback', () => {
  let fake: FakeXboxAuth
  let server: RunningServer
  let identityId = ''
  const logs: string[] = []
  const refused = new Set<string>()

  beforeAll(async () => {
    fake = await startFakeXboxAuth({
      xboxLive: (request) => {
        const authorization = request.headers.get('authorization') ?? ''
        const path = new URL(request.url).pathname
        if (path.startsWith('/fail'))
          return Response.json({ error: 'unavailable' }, { status: 503 })
        // Xbox Live no longer takes the first token it is shown for these paths (revoked early).
        if (path.startsWith('/revoked')) {
          if (refused.has(path)) return Response.json({ path }, { status: 200 })
          refused.add(path)
          return new Response(null, { status: path.endsWith('401') ? 401 : 403 })
        }
        // A misbehaving upstream that hands the caller's credentials back, in a header and the body.
        return Response.json(
          { received: authorization },
          { status: 200, headers: { 'X-Echo-Authorization': authorization } },
        )
      },
    })
    // Lenient simulator rules: these calls need no session (decision 100).
    server = await startWorkbenchServer({
      port: 0,
      serveDashboard: false,
      logSink: (line) => logs.push(line),
      env: {
        ...fake.env,
        WORKBENCH_MSA_CLIENT_ID: CLIENT_ID,
        SIM_THROTTLE: 'off',
        WORKBENCH_SIM_RULES: 'lenient',
      },
    })
    fake.queueSignIn({ interval: 1 })
    const started = await fetch(`${server.url}/api/identities/sign-in`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: '{}',
    })
    const { flowId } = (await started.json()) as { flowId: string }
    // Polled by hand: expect.poll works only inside a test.
    for (let i = 0; i < 40 && !identityId; i++) {
      const status = (await (
        await fetch(`${server.url}/api/identities/sign-in/${flowId}`)
      ).json()) as { status: string; identity?: { id: string } }
      if (status.status === 'signed-in') identityId = status.identity?.id ?? ''
      else await new Promise((resolve) => setTimeout(resolve, 200))
    }
    expect(identityId).not.toBe('')
  })
  afterAll(async () => {
    await server.close()
    await fake.close()
  })

  const asAccount = (path: string) =>
    fetch(`${server.url}/proxy${path}`, {
      headers: { [ACT_AS_HEADER]: `xbl:${identityId}`, [UPSTREAM_HEADER]: XBOX_LIVE_ORIGIN },
    })

  it("masks every token of the account in a failed call's log line, not only the one sent", async () => {
    const tokens = server.app.identities.store.secrets()
    expect(tokens.length).toBeGreaterThanOrEqual(3)
    // A path that happens to hold the account's tokens (a pasted URL), on a call that fails.
    const response = await asAccount(`/fail/${tokens.map(encodeURIComponent).join('/')}`)
    expect(response.status).toBe(503)
    const line = logs.find((l) => l.includes('/fail/'))
    expect(line).toContain(`${REDACTED}/${REDACTED}`)
    for (const token of tokens) expect(logs.join('\n')).not.toContain(token)
  })

  it('masks the token the proxy injected when the upstream echoes it back', async () => {
    const response = await asAccount('/echo')
    expect(response.status).toBe(200)
    const sent = fake.requestsTo('xboxlive').at(-1)?.headers.authorization ?? ''
    const token = sent.split(';')[1] ?? ''
    expect(token).toMatch(/^fake-xsts-/)
    const echoedHeader = response.headers.get('x-echo-authorization') ?? ''
    const body = (await response.json()) as { received: string }
    expect(echoedHeader).toBe(REDACTED)
    expect(body.received).toBe(REDACTED)
  })

  it('renews the token and asks once more when Xbox Live refuses a GET with 401 or 403', async () => {
    for (const path of ['/revoked/403', '/revoked/401']) {
      const xstsBefore = fake.requestsTo('xsts').length
      const response = await asAccount(path)
      expect(response.status, path).toBe(200)
      expect(await response.json()).toEqual({ path })
      const sent = fake.requestsTo('xboxlive').filter((r) => r.path === path)
      expect(sent).toHaveLength(2)
      expect(sent[1]?.headers.authorization).not.toBe(sent[0]?.headers.authorization)
      expect(fake.requestsTo('xsts').length).toBe(xstsBefore + 1)
    }
  })

  it('never resends a POST Xbox Live refuses: a second invite would be a new invite', async () => {
    const response = await fetch(`${server.url}/proxy/revoked/post`, {
      method: 'POST',
      headers: {
        [ACT_AS_HEADER]: `xbl:${identityId}`,
        [UPSTREAM_HEADER]: XBOX_LIVE_ORIGIN,
        'Content-Type': 'application/json',
      },
      body: '{}',
    })
    expect(response.status).toBe(403)
    expect(fake.requestsTo('xboxlive').filter((r) => r.path === '/revoked/post')).toHaveLength(1)
  })
})
