// Who a call is sent as, over loopback through the real server: the proxy turns X-Workbench-Act-As
// into Authorization (a simulated player, a signed-in account against the fake Xbox services), the
// roster can be edited, and each player's inbox lists the invites addressed to them (decision 022).
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { XBOX_LIVE_ORIGIN } from '../mpsd/limits'
import { ACT_AS_HEADER, UPSTREAM_HEADER } from '../mpsd/proxy-protocol'
import { inboxResponseSchema } from '../mpsd/sim-players'
import { startFakeXboxAuth, type FakeXboxAuth } from './auth/fake-xbox-auth'
import { startWorkbenchServer, type RunningServer } from './start-server'

const SCID = 'bd6c41c3-01c3-468a-a3b5-3e0fe8133862'
const CLIENT_ID = '00001111-aaaa-2222-bbbb-3333cccc4444'

function invite(invitedXuid: string) {
  return JSON.stringify({
    type: 'invite',
    version: 1,
    sessionRef: { scid: SCID, templateName: 'deathmatch', name: 'session-7' },
    invitedXuid,
    inviteAttributes: { titleId: '1234', context: 'lobby' },
  })
}

describe('acting identities over loopback', () => {
  let fake: FakeXboxAuth
  let server: RunningServer
  const logs: string[] = []

  beforeAll(async () => {
    fake = await startFakeXboxAuth({
      // "Xbox Live" answers an invite as MPSD does, so the dashboard files it.
      xboxLive: (request, account) =>
        Response.json(
          { id: 'fake-handle-1', senderXuid: account.xuid, path: new URL(request.url).pathname },
          { status: 201 },
        ),
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
  })
  afterAll(async () => {
    await server.close()
    await fake.close()
  })

  const send = (headers: Record<string, string>, body = invite('2533274790000001')) =>
    fetch(`${server.url}/proxy/handles`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', 'x-xbl-contract-version': '107', ...headers },
      body,
    })

  it('sends as the first simulated player when the dashboard names no one in particular', async () => {
    const response = await send({ [ACT_AS_HEADER]: 'sim:' })
    expect(response.status).toBe(201)
    expect(await response.json()).toMatchObject({ senderXuid: '2814679796296491' })
  })

  it('sends as the player named, and the invitee finds it in their inbox with the activation URI', async () => {
    const sent = await send({ [ACT_AS_HEADER]: 'sim:2533274790000002' }, invite('2533274790000003'))
    expect(sent.status).toBe(201)
    const handle = (await sent.json()) as { id: string; senderXuid: string }
    expect(handle.senderXuid).toBe('2533274790000002')

    const inbox = inboxResponseSchema.parse(
      await (await fetch(`${server.url}/api/sim/inbox/2533274790000003`)).json(),
    )
    expect(inbox.invites).toHaveLength(1)
    expect(inbox.invites[0]).toMatchObject({
      handleId: handle.id,
      senderXuid: '2533274790000002',
      senderGamertag: 'Sim Cleo',
      context: 'lobby',
      expired: false,
    })
    expect(inbox.invites[0]?.activationUri).toBe(
      `ms-xbl-multiplayer://inviteHandleAccept?handle=${handle.id}&invitedXuid=2533274790000003&senderXuid=2533274790000002&context=lobby`,
    )
    // Nobody else's inbox shows it.
    const other = inboxResponseSchema.parse(
      await (await fetch(`${server.url}/api/sim/inbox/2814679796296491`)).json(),
    )
    expect(other.invites.map((i) => i.handleId)).not.toContain(handle.id)
  })

  it('refuses a player who is not on the roster, and simulated players anywhere but the simulator', async () => {
    const unknown = await send({ [ACT_AS_HEADER]: 'sim:2533274799999999' })
    expect(unknown.status).toBe(400)
    expect(unknown.headers.get('x-workbench-proxy-error')).toBe('identity_not_available')
    const toXbox = await send({ [ACT_AS_HEADER]: 'sim:', [UPSTREAM_HEADER]: XBOX_LIVE_ORIGIN })
    expect(toXbox.status).toBe(400)
    expect(fake.requestsTo('xboxlive')).toHaveLength(0)
  })

  it('"none" sends no Authorization, even when the caller set one: the simulator answers 401', async () => {
    const response = await send({ [ACT_AS_HEADER]: 'none', Authorization: 'XBL3.0 x=1;tok' })
    expect(response.status).toBe(401)
    const log = (await (await fetch(`${server.url}/sim/__requests`)).json()) as {
      requests: Array<{ headers: Record<string, string> }>
    }
    expect(log.requests.at(-1)?.headers).not.toHaveProperty('authorization')
  })

  it('keeps direct callers working: the userhash of their Authorization is the caller', async () => {
    const viaProxy = await send({ Authorization: 'XBL3.0 x=2533274790000001;my-token' })
    expect(await viaProxy.json()).toMatchObject({ senderXuid: '2533274790000001' })
    const direct = await fetch(`${server.url}/sim/handles`, {
      method: 'POST',
      headers: {
        'x-xbl-contract-version': '107',
        Authorization: 'XBL3.0 x=2533274790000002;direct',
      },
      body: invite('2814679796296491'),
    })
    expect(await direct.json()).toMatchObject({ senderXuid: '2533274790000002' })
  })

  it('edits the roster: a player with a non-decimal userhash sends as their XUID; a bad roster is refused with a sentence', async () => {
    const players = [
      { xuid: '2533274711111111', gamertag: 'Roster Rae', userhash: 'abcHash1' },
      { xuid: '2814679796296491', gamertag: 'Sim Ana', userhash: '2814679796296491' },
    ]
    const put = await fetch(`${server.url}/api/sim/players`, {
      method: 'PUT',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ players }),
    })
    expect(put.status).toBe(200)
    expect(await (await fetch(`${server.url}/api/sim/players`)).json()).toEqual({ players })
    const first = await send({ [ACT_AS_HEADER]: 'sim:' })
    expect(await first.json()).toMatchObject({ senderXuid: '2533274711111111' })
    // The same userhash typed straight at /sim is that player too.
    const direct = await send({ Authorization: 'XBL3.0 x=abcHash1;anything' })
    expect(await direct.json()).toMatchObject({ senderXuid: '2533274711111111' })

    const duplicate = await fetch(`${server.url}/api/sim/players`, {
      method: 'PUT',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ players: [players[0], { ...players[1], xuid: '2533274711111111' }] }),
    })
    expect(duplicate.status).toBe(400)
    expect(await duplicate.json()).toMatchObject({
      message: 'Player 2: Another player already has this XUID',
    })
    // Rae's userhash spelling Ana's XUID would make calls as Ana land as Rae.
    const crossed = await fetch(`${server.url}/api/sim/players`, {
      method: 'PUT',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({
        players: [{ ...players[0], userhash: '2814679796296491' }, players[1]],
      }),
    })
    expect(crossed.status).toBe(400)
    expect(await crossed.json()).toMatchObject({
      message:
        'Player 1: Userhash is the XUID of player 2: calls as that player would be sent as this one',
    })
    const empty = await fetch(`${server.url}/api/sim/players`, {
      method: 'PUT',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ players: [] }),
    })
    expect(empty.status).toBe(400)
    // A page on another site cannot rewrite the roster.
    const foreign = await fetch(`${server.url}/api/sim/players`, {
      method: 'PUT',
      headers: { 'Content-Type': 'application/json', Origin: 'https://evil.example' },
      body: JSON.stringify({ players }),
    })
    expect(foreign.status).toBe(403)
    await fetch(`${server.url}/sim/__reset`, { method: 'POST' })
    const reset = (await (await fetch(`${server.url}/api/sim/players`)).json()) as {
      players: unknown[]
    }
    expect(reset.players).toHaveLength(4)
  })

  it('signs an account in against the fake and sends to "Xbox Live" with its XSTS token, which never reaches the caller', async () => {
    fake.queueSignIn({ interval: 1 })
    const started = await fetch(`${server.url}/api/identities/sign-in`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: '{}',
    })
    expect(started.status).toBe(201)
    const { flowId } = (await started.json()) as { flowId: string }
    let identityId = ''
    await expect
      .poll(
        async () => {
          const status = (await (
            await fetch(`${server.url}/api/identities/sign-in/${flowId}`)
          ).json()) as { status: string; identity?: { id: string } }
          identityId = status.identity?.id ?? ''
          return status.status
        },
        { timeout: 8_000, interval: 200 },
      )
      .toBe('signed-in')

    const response = await send({
      [ACT_AS_HEADER]: `xbl:${identityId}`,
      [UPSTREAM_HEADER]: XBOX_LIVE_ORIGIN,
    })
    const text = await response.text()
    expect(response.status).toBe(201)
    const received = fake.requestsTo('xboxlive')
    expect(received).toHaveLength(1)
    const authorization = received[0]?.headers.authorization ?? ''
    expect(authorization).toMatch(/^XBL3\.0 x=2953141823785093542;fake-xsts-/)
    const token = authorization.split(';')[1] ?? ''
    expect(text).not.toContain(token)
    expect(logs.join('\n')).not.toContain(token)

    // The account's token goes to Xbox Live only; in the simulator it is a player by its userhash.
    const custom = await send({
      [ACT_AS_HEADER]: `xbl:${identityId}`,
      [UPSTREAM_HEADER]: 'http://127.0.0.1:1',
    })
    expect(custom.status).not.toBe(201)
    const inSim = await send({ [ACT_AS_HEADER]: `xbl:${identityId}` })
    expect(await inSim.json()).toMatchObject({ senderXuid: '2535412345678901' })
    expect(fake.requestsTo('xboxlive')).toHaveLength(1)

    const gone = await send({
      [ACT_AS_HEADER]: 'xbl:0.RETAIL',
      [UPSTREAM_HEADER]: XBOX_LIVE_ORIGIN,
    })
    expect(gone.status).toBe(400)
    expect(gone.headers.get('x-workbench-proxy-error')).toBe('identity_not_available')
  })
})
