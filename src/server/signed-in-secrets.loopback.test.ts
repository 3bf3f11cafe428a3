// A signed-in account's tokens over loopback through the real server: they never reach a log line
// (whoever writes it) or the browser, even when the upstream echoes the Authorization it received.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { XBOX_LIVE_ORIGIN } from '../mpsd/limits'
import { ACT_AS_HEADER, UPSTREAM_HEADER } from '../mpsd/proxy-protocol'
import { REDACTED } from '../mpsd/redact'
import { startFakeXboxAuth, type FakeXboxAuth } from './auth/fake-xbox-auth'
import { startWorkbenchServer, type RunningServer } from './start-server'

const CLIENT_ID = '00001111-aaaa-2222-bbbb-3333cccc4444'

describe("signed-in accounts' tokens over loopback", () => {
  let fake: FakeXboxAuth
  let server: RunningServer
  let identityId = ''
  const logs: string[] = []

  beforeAll(async () => {
    fake = await startFakeXboxAuth({
      xboxLive: (request) => {
        const authorization = request.headers.get('authorization') ?? ''
        if (new URL(request.url).pathname.startsWith('/fail'))
          return Response.json({ error: 'unavailable' }, { status: 503 })
        // A misbehaving upstream that hands the caller's credentials back, in a header and the body.
        return Response.json(
          { received: authorization },
          { status: 200, headers: { 'X-Echo-Authorization': authorization } },
        )
      },
    })
    server = await startWorkbenchServer({
      port: 0,
      serveDashboard: false,
      logSink: (line) => logs.push(line),
      env: { ...fake.env, WORKBENCH_MSA_CLIENT_ID: CLIENT_ID, SIM_THROTTLE: 'off' },
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
})
