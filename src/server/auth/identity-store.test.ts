// Renewal before expiry, over real loopback HTTP against the fake, with a clock the test moves: the
// fake refuses expired tokens and spent refresh tokens, so a missed or out-of-order renewal fails.
import { afterEach, describe, expect, it } from 'vitest'
import { startAuthHarness, type AuthHarness } from './auth-test-harness'
import { FAKE_DEFAULT_ACCOUNT, type FakeEndpoint } from './fake-xbox-auth'
import { DEFAULT_REFRESH_MARGIN_MS } from './identity-store'

const ID = `${FAKE_DEFAULT_ACCOUNT.xuid}.RETAIL`
const HOUR = 3600_000
const DAY = 24 * HOUR

let h: AuthHarness

afterEach(async () => {
  await h.close()
})

async function signedIn(options: Parameters<typeof startAuthHarness>[0] = {}) {
  h = await startAuthHarness(options)
  const status = await h.signIn()
  if (status.status !== 'signed-in') throw new Error(JSON.stringify(status))
  return h.store.authorizationHeader(ID)
}

/** The sign-in endpoints the fake heard from, in order, since `from` (not the Xbox Live calls). */
function callsSince(from: number): FakeEndpoint[] {
  return h.fake.received
    .slice(from)
    .map((r) => r.endpoint)
    .filter((e) => e !== 'xboxlive')
}

async function xboxLiveAccepts(header: string): Promise<boolean> {
  const answer = await fetch(`${h.fake.url}/handles`, {
    method: 'POST',
    headers: { Authorization: header },
  })
  return answer.status === 200
}

describe('authorizationHeader renews tokens before they expire', () => {
  it('reuses the XSTS token until the refresh margin before its end, then renews only it', async () => {
    const first = await signedIn()
    const mark = h.fake.received.length
    h.clock.advance(16 * HOUR - DEFAULT_REFRESH_MARGIN_MS - 1)
    expect(await h.store.authorizationHeader(ID)).toBe(first)
    expect(callsSince(mark)).toEqual([])

    h.clock.advance(2)
    const renewedAt = h.clock.now()
    const second = await h.store.authorizationHeader(ID)
    expect(second).not.toBe(first)
    // The user token (14 days) is still good: one XSTS call, nothing from Microsoft.
    expect(callsSince(mark)).toEqual(['xsts'])
    h.clock.advance(DEFAULT_REFRESH_MARGIN_MS)
    expect(await xboxLiveAccepts(first)).toBe(false)
    expect(await xboxLiveAccepts(second)).toBe(true)
    expect(h.store.view(ID)?.expiresAt).toBe(new Date(renewedAt + 16 * HOUR).toISOString())
  })

  it('uses the refresh token, then the user token, then XSTS once the user token has expired', async () => {
    await signedIn()
    const issuedRefresh = h.fake.requestsTo('token').length
    const mark = h.fake.received.length
    h.clock.advance(14 * DAY)
    const header = await h.store.authorizationHeader(ID)
    expect(callsSince(mark)).toEqual(['token', 'user', 'xsts'])
    const refresh = h.fake.requestsTo('token')[issuedRefresh]
    expect(refresh?.form).toMatchObject({
      grant_type: 'refresh_token',
      scope: 'XboxLive.signin offline_access',
    })
    expect(await xboxLiveAccepts(header)).toBe(true)

    // The refresh token rotated; the fake no longer takes the first one, so this proves the new one is kept.
    const again = h.fake.received.length
    h.clock.advance(14 * DAY)
    expect(await xboxLiveAccepts(await h.store.authorizationHeader(ID))).toBe(true)
    expect(callsSince(again)).toEqual(['token', 'user', 'xsts'])
    const [firstRefresh, secondRefresh] = h.fake
      .requestsTo('token')
      .filter((r) => r.form?.grant_type === 'refresh_token')
    expect(secondRefresh?.form?.refresh_token).not.toBe(firstRefresh?.form?.refresh_token)
  })

  it('refreshes the Microsoft token once when Xbox rejects one that has not expired yet', async () => {
    await signedIn({ fake: { accessTokenLifetimeSeconds: 30 * 24 * 3600 } })
    h.fake.revokeAccessTokens()
    const mark = h.fake.received.length
    h.clock.advance(14 * DAY)
    expect(await xboxLiveAccepts(await h.store.authorizationHeader(ID))).toBe(true)
    expect(callsSince(mark)).toEqual(['user', 'token', 'user', 'xsts'])
  })

  it('asks to sign in again, on the identity too, when the refresh token was revoked', async () => {
    await signedIn()
    h.fake.revokeRefreshTokens()
    h.clock.advance(14 * DAY)
    await expect(h.store.authorizationHeader(ID)).rejects.toMatchObject({
      code: 'sign_in_expired',
      signInAgain: true,
      message: expect.stringMatching(/expired or was revoked.*Sign in again/),
    })
    const listed = (await h.api('GET', '')).json.identities as Array<{ problem: string | null }>
    expect(listed[0]?.problem).toMatch(/Sign in again/)

    // Signing in again clears it.
    await h.signIn()
    expect(h.store.view(ID)?.problem).toBeNull()
  })

  it('shares one renewal between concurrent callers, such as a batch of invites', async () => {
    await signedIn()
    const mark = h.fake.received.length
    h.clock.advance(16 * HOUR)
    const headers = await Promise.all(
      Array.from({ length: 8 }, () => h.store.authorizationHeader(ID)),
    )
    expect(new Set(headers).size).toBe(1)
    expect(callsSince(mark)).toEqual(['xsts'])
  })

  it('renews on demand after Xbox Live refused a token that looked valid', async () => {
    const first = await signedIn()
    const renewed = await h.store.authorizationHeader(ID, { forceRefresh: true })
    expect(renewed).not.toBe(first)
    expect(await xboxLiveAccepts(renewed)).toBe(true)
  })
})
