import { describe, expect, it } from 'vitest'
import {
  actAsFor,
  resolveActing,
  senderOf,
  sentAuthorization,
  TOKEN_PLACEHOLDER_SENT,
  type ActingInput,
} from './acting-identity'
import { REDACTED_AUTHORIZATION } from './request-builder'
import type { IdentityView } from './identity'
import { XBOX_LIVE_ORIGIN } from './limits'
import { DEFAULT_SIM_PLAYERS } from './default-sim-players'

const ACCOUNT: IdentityView = {
  id: '2535412345678901.RETAIL',
  xuid: '2535412345678901',
  gamertag: 'DevTester 42',
  userhash: '2953141823785093542',
  sandbox: 'RETAIL',
  expiresAt: '2026-11-30T02:00:00.000Z',
  renewable: true,
  canJoinMultiplayer: true,
  ageGroup: 'Adult',
  problem: null,
}

const base: ActingInput = {
  actAs: 'sim:',
  upstream: 'simulator',
  xboxLiveUpstream: XBOX_LIVE_ORIGIN,
  token: '',
  serverTokenConfigured: false,
  players: DEFAULT_SIM_PLAYERS,
  identities: [ACCOUNT],
}

describe('resolveActing', () => {
  it('a fresh install sends to the simulator as the first player, signed by the server', () => {
    const acting = resolveActing(base)
    expect(acting).toMatchObject({ kind: 'sim', header: 'sim:2814679796296491' })
    expect(sentAuthorization(acting)).toBe('XBL3.0 x=2814679796296491;<server token> (redacted)')
    expect(senderOf(acting)).toEqual({ kind: 'sim', gamertag: 'Sim Ana', xuid: '2814679796296491' })
  })

  it('a pasted token speaks for the user until a player is picked explicitly', () => {
    const token = 'XBL3.0 x=abc;secret'
    expect(resolveActing({ ...base, token })).toMatchObject({ kind: 'token', userhash: 'abc' })
    expect(resolveActing({ ...base, token, actAs: 'sim:2533274790000001' })).toMatchObject({
      kind: 'sim',
      player: { gamertag: 'Sim Ben' },
    })
    expect(senderOf(resolveActing({ ...base, token }))).toEqual({ kind: 'token' })
    // History keeps the placeholder it always kept for a pasted token.
    expect(sentAuthorization(resolveActing({ ...base, token }))).toBe(REDACTED_AUTHORIZATION)
    expect(TOKEN_PLACEHOLDER_SENT).toBe(REDACTED_AUTHORIZATION)
  })

  it('stops a send to Xbox Live that nobody can authorise, saying how to sign in', () => {
    const acting = resolveActing({ ...base, upstream: XBOX_LIVE_ORIGIN })
    expect(acting.kind).toBe('blocked')
    expect(acting.kind === 'blocked' && acting.message).toMatch(/Sign in with Microsoft/)
    expect(resolveActing({ ...base, upstream: XBOX_LIVE_ORIGIN, actAs: 'token' }).kind).toBe(
      'blocked',
    )
    // The server's XBL_AUTHORIZATION still covers it, as before.
    expect(
      resolveActing({ ...base, upstream: XBOX_LIVE_ORIGIN, serverTokenConfigured: true }).kind,
    ).toBe('server')
  })

  it('a signed-in account goes to Xbox Live with its token, to the simulator as its XUID, nowhere else', () => {
    const actAs = `xbl:${ACCOUNT.id}`
    const live = resolveActing({ ...base, actAs, upstream: XBOX_LIVE_ORIGIN })
    expect(live).toMatchObject({ kind: 'xbl', header: actAs })
    expect(sentAuthorization(live)).toBe(
      'XBL3.0 x=2953141823785093542;<Xbox Live token> (redacted)',
    )
    expect(sentAuthorization(resolveActing({ ...base, actAs }))).toBe(
      'XBL3.0 x=2535412345678901;<server token> (redacted)',
    )
    expect(resolveActing({ ...base, actAs, upstream: 'https://mpsd.example' }).kind).toBe('blocked')
    expect(resolveActing({ ...base, actAs: 'xbl:gone.RETAIL' }).kind).toBe('blocked')
  })

  it('"none" sends no Authorization, and History shows none', () => {
    const acting = resolveActing({ ...base, actAs: 'none', token: 'XBL3.0 x=a;b' })
    expect(acting).toEqual({ kind: 'none', header: 'none' })
    expect(sentAuthorization(acting)).toBeUndefined()
  })

  it('a player removed from the roster is not silently replaced by another', () => {
    expect(resolveActing({ ...base, actAs: 'sim:2533274799999999' }).kind).toBe('blocked')
  })
})

describe("actAsFor (Replay sends as the entry's sender)", () => {
  it('picks the same player or account while it is still there, and nobody else', () => {
    const ben = DEFAULT_SIM_PLAYERS[1]!
    const players = DEFAULT_SIM_PLAYERS
    expect(actAsFor({ kind: 'sim', xuid: ben.xuid, gamertag: ben.gamertag }, players, [])).toBe(
      `sim:${ben.xuid}`,
    )
    expect(actAsFor({ kind: 'sim', xuid: '2533274799999999' }, players, [])).toBeUndefined()
    expect(actAsFor({ kind: 'xbl', xuid: ACCOUNT.xuid }, players, [ACCOUNT])).toBe(
      `xbl:${ACCOUNT.id}`,
    )
    expect(actAsFor({ kind: 'xbl', xuid: ACCOUNT.xuid }, players, [])).toBeUndefined()
    expect(actAsFor({ kind: 'none' }, players, [])).toBe('none')
    expect(actAsFor({ kind: 'token' }, players, [])).toBe('token')
  })
})
