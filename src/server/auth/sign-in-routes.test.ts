// The whole sign-in chain over real loopback HTTP: the identities API, the module behind it, and the
// fake Microsoft / Xbox services, configured through the same environment variables as the server.
import { createServer, request as httpRequest } from 'node:http'
import type { AddressInfo } from 'node:net'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { identityViewSchema, signInStartedSchema, type SignInStatus } from '../../mpsd/identity'
import {
  startAuthHarness,
  TEST_CLIENT_ID,
  TEST_SECOND_MS,
  type AuthHarness,
} from './auth-test-harness'
import { FAKE_DEFAULT_ACCOUNT } from './fake-xbox-auth'
import { SLOW_DOWN_STEP_SECONDS } from './msa-device-code'
import { MAX_PENDING_SIGN_INS } from './sign-in-flows'

let h: AuthHarness

beforeEach(async () => {
  h = await startAuthHarness()
})

afterEach(async () => {
  await h.close()
})

function failure(status: SignInStatus) {
  if (status.status !== 'failed') throw new Error(`expected a failure, got ${status.status}`)
  return status.error
}

function gaps(times: number[]): number[] {
  return times.slice(1).map((t, i) => t - times[i]!)
}

describe('sign in with Microsoft, device code to XSTS', () => {
  it('shows a code and a link, then signs the account in with gamertag, XUID, sandbox and time left', async () => {
    h.fake.queueSignIn({ pendingPolls: 2 })
    const started = await h.api('POST', '/sign-in', { body: {} })
    expect(started.status).toBe(201)
    const flow = signInStartedSchema.parse(started.json)
    expect(flow.userCode).toMatch(/^[0-9A-F]{8}$/)
    expect(flow.verificationUri).toBe('https://www.microsoft.com/link')
    expect(flow.interval).toBe(5)
    expect(flow.sandbox).toBe('RETAIL')
    // 900 protocol seconds from the test clock's now.
    expect(Date.parse(flow.expiresAt) - h.clock.now()).toBe(900 * TEST_SECOND_MS)

    const seen = { count: 0 }
    const outcome = await h.waitForOutcome(flow.flowId, seen)
    expect(seen.count).toBeGreaterThan(0)
    expect(outcome.status).toBe('signed-in')
    const identity = outcome.status === 'signed-in' ? outcome.identity : undefined
    expect(identity).toEqual({
      id: `${FAKE_DEFAULT_ACCOUNT.xuid}.RETAIL`,
      xuid: FAKE_DEFAULT_ACCOUNT.xuid,
      gamertag: 'DevTester 42',
      userhash: FAKE_DEFAULT_ACCOUNT.uhs,
      sandbox: 'RETAIL',
      expiresAt: new Date(h.clock.now() + 16 * 3600_000).toISOString(),
      renewable: true,
      canJoinMultiplayer: true,
      ageGroup: 'Adult',
      problem: null,
    })

    const list = await h.api('GET', '')
    expect(list.json).toEqual({ identities: [identity] })
    expect(list.headers.get('cache-control')).toBe('no-store')

    // What went over the wire, in xbox-auth.md's shapes.
    const [start] = h.fake.requestsTo('devicecode')
    expect(start?.form).toEqual({
      client_id: TEST_CLIENT_ID,
      scope: 'XboxLive.signin offline_access',
    })
    const polls = h.fake.requestsTo('token')
    expect(polls).toHaveLength(3)
    expect(polls[0]?.form?.grant_type).toBe('urn:ietf:params:oauth:grant-type:device_code')
    const [user] = h.fake.requestsTo('user')
    expect(user?.json).toMatchObject({
      RelyingParty: 'http://auth.xboxlive.com',
      Properties: { AuthMethod: 'RPS', RpsTicket: expect.stringMatching(/^d=fake-access-/) },
    })
    const [xsts] = h.fake.requestsTo('xsts')
    expect(xsts?.json).toMatchObject({
      RelyingParty: 'http://xboxlive.com',
      Properties: { SandboxId: 'RETAIL', UserTokens: [expect.stringMatching(/^fake-user-token-/)] },
    })
  })

  it('waits the interval Microsoft asks between polls', async () => {
    const status = await h.signIn({ pendingPolls: 3, interval: 2 })
    expect(status.status).toBe('signed-in')
    const times = [
      h.fake.requestsTo('devicecode')[0]!.at,
      ...h.fake.requestsTo('token').map((r) => r.at),
    ]
    expect(times).toHaveLength(5)
    for (const gap of gaps(times)) expect(gap).toBeGreaterThanOrEqual(2 * TEST_SECOND_MS - 2)
  })

  it('slows down by 5 s for every later poll when Microsoft answers slow_down', async () => {
    const status = await h.signIn({ slowDownPolls: 2, pendingPolls: 2, interval: 1 })
    // The fake answers slow_down again to any poll that comes too soon, so finishing proves it.
    expect(status.status).toBe('signed-in')
    const polls = h.fake.requestsTo('token').map((r) => r.at)
    expect(polls).toHaveLength(5)
    const [afterFirst, afterSecond, ...rest] = gaps(polls)
    const step = SLOW_DOWN_STEP_SECONDS * TEST_SECOND_MS
    expect(afterFirst).toBeGreaterThanOrEqual(1 * TEST_SECOND_MS + step - 2)
    expect(afterSecond).toBeGreaterThanOrEqual(1 * TEST_SECOND_MS + 2 * step - 2)
    for (const gap of rest) expect(gap).toBeGreaterThanOrEqual(1 * TEST_SECOND_MS + 2 * step - 2)
  })

  it('stops polling and says so when the code expires before the user finishes', async () => {
    h.fake.queueSignIn({ waitForApproval: true, expiresIn: 60, interval: 1 })
    const started = await h.api('POST', '/sign-in', { body: {} })
    const flowId = String(started.json.flowId)
    await expect.poll(() => h.fake.requestsTo('token').length).toBeGreaterThan(1)
    h.clock.advance(61 * TEST_SECOND_MS)
    const error = failure(await h.waitForOutcome(flowId))
    expect(error.code).toBe('expired_token')
    expect(error.message).toMatch(/code expired.*Start sign-in again/)
    const polls = h.fake.requestsTo('token').length
    await new Promise((resolve) => setTimeout(resolve, 10 * TEST_SECOND_MS))
    expect(h.fake.requestsTo('token')).toHaveLength(polls)
  })

  it.each([
    ['expired_token', 'expired_token', /code expired/],
    ['authorization_declined', 'declined', /declined in the browser/],
    ['access_denied', 'declined', /declined in the browser/],
    ['bad_verification_code', 'bad_verification_code', /did not recognise this sign-in code/],
    [
      'public_client_disabled',
      'public_client_flows_disabled',
      /"Allow public client flows" to Yes/,
    ],
    ['unknown_client', 'unknown_client', /not found for personal Microsoft accounts/],
  ] as const)('explains a poll ending in %s', async (outcome, code, sentence) => {
    const error = failure(await h.signIn({ outcome, pendingPolls: 1 }))
    expect(error.code).toBe(code)
    expect(error.message).toMatch(sentence)
  })

  it('explains an app registration that is not set up for personal accounts, without starting a flow', async () => {
    h.fake.queueSignIn({ startError: 'not_for_consumers' })
    const answer = await h.api('POST', '/sign-in', { body: {} })
    expect(answer.status).toBe(502)
    expect(answer.json.error).toBe('app_not_for_personal_accounts')
    expect(answer.json.message).toMatch(
      /accepts only work or school accounts.*personal Microsoft accounts/,
    )
    expect(answer.json.message).toContain(TEST_CLIENT_ID)
    expect(h.fake.requestsTo('token')).toHaveLength(0)
  })

  it('uses the client id and sandbox the request names over the server default', async () => {
    const clientId = '99998888-7777-6666-5555-444433332222'
    const status = await h.signIn({}, { clientId, sandbox: 'XDKS.1' })
    expect(status.status === 'signed-in' && status.identity.sandbox).toBe('XDKS.1')
    expect(h.fake.requestsTo('devicecode')[0]?.form?.client_id).toBe(clientId)
    expect(h.fake.requestsTo('xsts')[0]?.json).toMatchObject({
      Properties: { SandboxId: 'XDKS.1' },
    })
  })

  it('refuses a request without any client id, or with a malformed one, with a sentence', async () => {
    await h.close()
    h = await startAuthHarness({ env: { WORKBENCH_MSA_CLIENT_ID: '' } })
    const none = await h.api('POST', '/sign-in', { body: {} })
    expect(none.status).toBe(400)
    expect(none.json.message).toMatch(/Client ID in Settings, or .*WORKBENCH_MSA_CLIENT_ID/)
    const bad = await h.api('POST', '/sign-in', { body: { clientId: 'my-app' } })
    expect(bad.status).toBe(400)
    expect(bad.json.message).toMatch(/Application \(client\) ID/)
    const sandbox = await h.api('POST', '/sign-in', {
      body: { clientId: TEST_CLIENT_ID, sandbox: 'XDKS 1' },
    })
    expect(sandbox.status).toBe(400)
    expect(sandbox.json.message).toMatch(/RETAIL or XDKS\.1/)
    expect(h.fake.requestsTo('devicecode')).toHaveLength(0)
  })

  it('says which service could not be reached when the network is down', async () => {
    await h.close()
    // A loopback port nobody listens on: taken, then released.
    const probe = createServer()
    await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve))
    const port = (probe.address() as AddressInfo).port
    await new Promise<void>((resolve) => probe.close(() => resolve()))
    h = await startAuthHarness({
      env: { WORKBENCH_MSA_AUTHORITY: `http://127.0.0.1:${port}/consumers` },
    })
    const answer = await h.api('POST', '/sign-in', { body: {} })
    expect(answer.status).toBe(502)
    expect(answer.json).toMatchObject({ error: 'network' })
    expect(answer.json.message).toMatch(
      new RegExp(`127\\.0\\.0\\.1:${port} could not be reached.*ECONNREFUSED.*Check the network`),
    )
  })

  it('stops polling when the dashboard cancels the sign-in', async () => {
    h.fake.queueSignIn({ waitForApproval: true, interval: 1 })
    const started = await h.api('POST', '/sign-in', { body: {} })
    const flowId = String(started.json.flowId)
    await expect.poll(() => h.fake.requestsTo('token').length).toBeGreaterThan(0)
    expect((await h.api('DELETE', `/sign-in/${flowId}`)).status).toBe(204)
    expect(failure(await h.waitForOutcome(flowId)).code).toBe('cancelled')
    const polls = h.fake.requestsTo('token').length
    await new Promise((resolve) => setTimeout(resolve, 10 * TEST_SECOND_MS))
    expect(h.fake.requestsTo('token')).toHaveLength(polls)
    expect((await h.api('GET', '/sign-in/not-a-flow')).status).toBe(404)
  })

  it('holds concurrent starts to the cap of pending sign-ins: the rest are told to finish one first', async () => {
    for (let i = 0; i < 10; i++) h.fake.queueSignIn({ waitForApproval: true, interval: 1 })
    const answers = await Promise.all(
      Array.from({ length: 10 }, () => h.api('POST', '/sign-in', { body: {} })),
    )
    const statuses = answers.map((a) => a.status)
    expect(statuses.filter((s) => s === 201)).toHaveLength(MAX_PENDING_SIGN_INS)
    expect(statuses.filter((s) => s === 429)).toHaveLength(10 - MAX_PENDING_SIGN_INS)
    expect(answers.find((a) => a.status === 429)?.json.message).toMatch(/Finish or cancel one/)
    expect(h.fake.requestsTo('devicecode').length).toBeLessThanOrEqual(MAX_PENDING_SIGN_INS)
  })
})

describe('XSTS refusals read as sentences a developer can act on', () => {
  it.each([
    [2148916233, /no Xbox profile yet.*xbox\.com/],
    [2148916238, /child account.*not part of a Microsoft family.*adult/],
    [2148916235, /not available in this account's country or region/],
    [2148916236, /age verification/],
    [2148916237, /curfew/],
    [2148916229, /family settings.*account\.microsoft\.com\/family/],
    [2148916227, /banned/],
    [2148916234, /terms of use/],
    [2148916248, /retail account may not sign in to sandbox RETAIL/],
    [2148916249, /Sandbox RETAIL may not be used here/],
    [2148916241, /not allowed in sandbox RETAIL/],
    [2148916246, /too many devices/],
    [2148916254, /already signed in to this title elsewhere/],
    [2148916299, /XErr 2148916299, 0x8015DC4B/],
  ])('XErr %d', async (xerr, sentence) => {
    const error = failure(await h.signIn({ account: { ...FAKE_DEFAULT_ACCOUNT, xstsError: xerr } }))
    expect(error.code).toBe(`xerr_${xerr}`)
    expect(error.message).toMatch(sentence)
    expect((await h.api('GET', '')).json).toEqual({ identities: [] })
  })

  it('names the sandbox when the account has no access to it', async () => {
    const account = { ...FAKE_DEFAULT_ACCOUNT, sandboxes: ['RETAIL'] }
    const error = failure(await h.signIn({ account }, { sandbox: 'XLDP.5' }))
    expect(error.code).toBe('xerr_2148916242')
    expect(error.message).toMatch(
      /no access to sandbox XLDP\.5.*Partner Center test account.*case-sensitive/,
    )
  })

  it('explains a rejected Microsoft token at Xbox user authentication', async () => {
    const account = { ...FAKE_DEFAULT_ACCOUNT, userAuthStatus: 403 }
    const error = failure(await h.signIn({ account }))
    expect(error.code).toBe('user_token_rejected')
    expect(error.message).toMatch(/rejected the Microsoft token \(HTTP 403\).*Correlation id: 5f3c/)
  })

  it('says when an account may not join multiplayer sessions (no privilege 254)', async () => {
    const account = {
      ...FAKE_DEFAULT_ACCOUNT,
      xuid: '2535400000000007',
      ageGroup: 'Teen',
      privileges: [190, 252],
    }
    const status = await h.signIn({ account })
    expect(status.status === 'signed-in' && status.identity).toMatchObject({
      canJoinMultiplayer: false,
      ageGroup: 'Teen',
    })
  })
})

describe('several identities, sign-out, and secrets', () => {
  it('keeps a sender and an invitee signed in at once, and signing one out forgets only it', async () => {
    const invitee = {
      ...FAKE_DEFAULT_ACCOUNT,
      xuid: '2535400000000002',
      gamertag: 'Invitee',
      uhs: '777',
    }
    await h.signIn()
    await h.signIn({ account: invitee })
    const list = (await h.api('GET', '')).json.identities as unknown[]
    expect(list.map((v) => identityViewSchema.parse(v).gamertag)).toEqual([
      'DevTester 42',
      'Invitee',
    ])

    const sender = await h.store.authorizationHeader(`${FAKE_DEFAULT_ACCOUNT.xuid}.RETAIL`)
    const other = await h.store.authorizationHeader('2535400000000002.RETAIL')
    expect(sender).toMatch(new RegExp(`^XBL3\\.0 x=${FAKE_DEFAULT_ACCOUNT.uhs};fake-xsts-token-`))
    expect(other).toMatch(/^XBL3\.0 x=777;fake-xsts-token-/)
    // The fake's "Xbox Live" takes each header as its own user.
    for (const [header, xuid] of [
      [sender, FAKE_DEFAULT_ACCOUNT.xuid],
      [other, '2535400000000002'],
    ] as const) {
      const answer = await fetch(`${h.fake.url}/handles`, {
        method: 'POST',
        headers: { Authorization: header },
      })
      expect(await answer.json()).toMatchObject({ fake: 'xboxlive', xuid })
    }

    expect((await h.api('DELETE', `/${FAKE_DEFAULT_ACCOUNT.xuid}.RETAIL`)).status).toBe(204)
    expect(
      ((await h.api('GET', '')).json.identities as Array<{ gamertag: string }>).map(
        (v) => v.gamertag,
      ),
    ).toEqual(['Invitee'])
    await expect(
      h.store.authorizationHeader(`${FAKE_DEFAULT_ACCOUNT.xuid}.RETAIL`),
    ).rejects.toMatchObject({
      code: 'not_signed_in',
    })
    expect(h.store.secrets().some((s) => sender.includes(s))).toBe(false)
    expect((await h.api('DELETE', `/${FAKE_DEFAULT_ACCOUNT.xuid}.RETAIL`)).status).toBe(404)
  })

  it('signing in the same account in the same sandbox again replaces it, another sandbox adds one', async () => {
    await h.signIn()
    await h.signIn()
    await h.signIn({}, { sandbox: 'XDKS.1' })
    const list = (await h.api('GET', '')).json.identities as Array<{ id: string }>
    expect(list.map((v) => v.id)).toEqual([
      `${FAKE_DEFAULT_ACCOUNT.xuid}.RETAIL`,
      `${FAKE_DEFAULT_ACCOUNT.xuid}.XDKS.1`,
    ])
  })

  it('never puts a token or device code in any answer or log line', async () => {
    const started = await h.api('POST', '/sign-in', { body: {} })
    await h.waitForOutcome(String(started.json.flowId))
    await h.signIn({ account: { ...FAKE_DEFAULT_ACCOUNT, xstsError: 2148916233 } })
    await h.signIn({ outcome: 'authorization_declined' })
    await h.api('GET', '')
    // Force every kind of renewal, so refresh and rotated tokens exist too.
    h.clock.advance(15 * 24 * 3600_000)
    await h.store.authorizationHeader(`${FAKE_DEFAULT_ACCOUNT.xuid}.RETAIL`)
    await h.api('GET', '')
    await h.api('GET', `/sign-in/${String(started.json.flowId)}`)
    await h.api('DELETE', `/${FAKE_DEFAULT_ACCOUNT.xuid}.RETAIL`)

    const secrets = h.fake.issuedSecrets()
    expect(secrets.filter((s) => s.startsWith('fake-refresh')).length).toBeGreaterThanOrEqual(2)
    expect(secrets.some((s) => s.startsWith('fake-device-code'))).toBe(true)
    const everything = [...h.answers, ...h.logs].join('\n')
    expect(h.answers.length).toBeGreaterThan(5)
    for (const secret of secrets) expect(everything).not.toContain(secret)
    expect(everything).not.toMatch(/fake-(access|refresh|user-token|xsts-token|device-code)-/)
  })

  it('refuses other origins and other host names', async () => {
    const crossSite = await h.api('POST', '/sign-in', {
      body: {},
      headers: { Origin: 'https://evil.example' },
    })
    expect(crossSite.status).toBe(403)
    // The same refusal as the proxy's, so the dashboard shows it the same way.
    expect(crossSite.headers.get('x-workbench-proxy-error')).toBe('origin_not_allowed')
    expect(crossSite.json.message).toBe(
      'Only the Workbench dashboard itself may use the sign-in API from a browser.',
    )
    // fetch() sets Host itself; node:http sends what a DNS-rebinding page's request would carry.
    const rebinding = await new Promise<number>((resolve, reject) => {
      const req = httpRequest(
        `${h.url}/api/identities`,
        { headers: { Host: 'evil.example' } },
        (res) => {
          res.resume()
          resolve(res.statusCode ?? 0)
        },
      )
      req.on('error', reject)
      req.end()
    })
    expect(rebinding).toBe(403)
    const sameOrigin = await h.api('GET', '', { headers: { Origin: h.url } })
    expect(sameOrigin.status).toBe(200)
    expect(h.fake.requestsTo('devicecode')).toHaveLength(0)
  })
})
