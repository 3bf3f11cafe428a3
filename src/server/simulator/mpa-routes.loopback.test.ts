// Loopback tests of Multiplayer Activity in the simulator and through the proxy (decision 110): the
// real server on 127.0.0.1, driven as the dashboard drives it (X-Workbench-Act-As) and as a
// direct caller would.
import { createServer, type IncomingMessage, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { DEFAULT_SIM_PLAYERS } from '../../mpsd/default-sim-players'
import { MPA_ORIGIN } from '../../mpsd/mpa/mpa-limits'
import { SIM_RULE_HEADER } from '../../mpsd/sim-rules'
import { startWorkbenchServer, type RunningServer } from '../start-server'

const [ANA, BEN, CLEO, DEV] = DEFAULT_SIM_PLAYERS.map((p) => p.xuid) as [
  string,
  string,
  string,
  string,
]
const TITLE = '1717113201'
const STRANGER = '2533274899999999'
const DAY = 24 * 60 * 60 * 1000

type Answer = {
  status: number
  headers: Headers
  text: string
  json: () => Record<string, unknown>
}

describe('Multiplayer Activity in the simulator', () => {
  let server: RunningServer
  let clock = Date.UTC(2025, 5, 1, 12)
  let sequence = 50_156_982_421n

  beforeAll(async () => {
    server = await startWorkbenchServer({
      env: { SIM_THROTTLE: 'on' },
      port: 0,
      serveDashboard: false,
      simulatorNow: () => clock,
    })
  })
  afterAll(() => server.close())
  beforeEach(async () => {
    await fetch(`${server.url}/sim/__reset`, { method: 'POST' })
    clock += 10 * 60 * 1000 // Past every rate window of the test before.
  })

  /** Through the proxy to the simulator, as a roster player (the dashboard's way). */
  async function call(
    as: string,
    method: string,
    path: string,
    body?: unknown,
    headers: Record<string, string> = {},
  ): Promise<Answer> {
    const response = await fetch(`${server.url}/proxy${path}`, {
      method,
      headers: {
        'x-xbl-contract-version': '1',
        'Content-Type': 'application/json; charset=utf-8',
        'X-Workbench-Act-As': `sim:${as}`,
        ...headers,
      },
      ...(body === undefined
        ? {}
        : { body: typeof body === 'string' ? body : JSON.stringify(body) }),
    })
    const text = await response.text()
    return {
      status: response.status,
      headers: response.headers,
      text,
      json: () => JSON.parse(text) as Record<string, unknown>,
    }
  }

  /** A direct caller who is on nobody's roster: its decimal userhash is its XUID. */
  async function direct(xuid: string, method: string, path: string, body?: unknown) {
    const response = await fetch(`${server.url}/sim${path}`, {
      method,
      headers: {
        'x-xbl-contract-version': '1',
        'Content-Type': 'application/json; charset=utf-8',
        Authorization: `XBL3.0 x=${xuid};token`,
      },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    })
    return { status: response.status, text: await response.text() }
  }

  const activity = (fields: Record<string, unknown> = {}) => ({
    sequenceNumber: Number(++sequence),
    connectionString: 'srv=203.0.113.7:7777;lobby=7f3c',
    joinRestriction: 'Public',
    maxPlayers: 8,
    currentPlayers: 3,
    groupId: 'lobby-7f3c',
    ...fields,
  })
  const put = (as: string, fields: Record<string, unknown> = {}) =>
    call(as, 'PUT', `/titles/${TITLE}/users/${as}/activities`, activity(fields))
  const query = (as: string, users: string[]) =>
    call(as, 'POST', `/titles/${TITLE}/activities/query`, { users })

  it('sets an activity (204, no body) and answers a query with it, numbers as numbers', async () => {
    const set = await put(ANA, { platform: 'Scarlett' })
    expect(set.status).toBe(204)
    expect(set.text).toBe('')
    const found = await query(BEN, [ANA, CLEO])
    expect(found.status).toBe(200)
    expect(found.text).toBe(
      `{"userActivities":[{"userId":"${ANA}","activities":[{"sequenceNumber":${sequence},"titleId":${TITLE},"connectionString":"srv=203.0.113.7:7777;lobby=7f3c","joinRestriction":"Public","maxPlayers":8,"currentPlayers":3,"groupId":"lobby-7f3c","platform":"Scarlett"}]},{"userId":"${CLEO}","activities":[]}]}`,
    )
    // Per title: another title knows nothing of it.
    const other = await call(BEN, 'POST', '/titles/99/activities/query', { users: [ANA] })
    expect(other.json()).toEqual({ userActivities: [{ userId: ANA, activities: [] }] })
  })

  it('withholds the connection string from callers who may not join', async () => {
    const shown = async (caller: string) => {
      const answer = JSON.parse(
        (await direct(caller, 'POST', `/titles/${TITLE}/activities/query`, { users: [ANA] })).text,
      ) as {
        userActivities: Array<{ activities: Array<Record<string, unknown>> }>
      }
      return 'connectionString' in (answer.userActivities[0]?.activities[0] ?? {})
    }
    // Followed: roster players follow each other; a stranger is followed by nobody.
    expect((await put(ANA, { joinRestriction: 'Followed' })).status).toBe(204)
    expect(await shown(BEN)).toBe(true)
    expect(await shown(STRANGER)).toBe(false)
    expect(await shown(ANA)).toBe(true)
    // Full: nobody else may join.
    expect((await put(ANA, { maxPlayers: 4, currentPlayers: 4 })).status).toBe(204)
    expect(await shown(BEN)).toBe(false)
    // InviteOnly: only whom the owner invited.
    expect((await put(ANA, { joinRestriction: 'InviteOnly' })).status).toBe(204)
    expect(await shown(CLEO)).toBe(false)
    const invited = await call(ANA, 'POST', `/titles/${TITLE}/invites`, { invitedUsers: [CLEO] })
    expect(invited.status).toBe(204)
    expect(await shown(CLEO)).toBe(true)
    expect(await shown(DEV)).toBe(false)
  })

  it('lets users write only their own activity, and explains a bad body in MPA’s error format', async () => {
    const other = await call(ANA, 'PUT', `/titles/${TITLE}/users/${BEN}/activities`, activity())
    expect(other.status).toBe(400)
    expect(other.json().errorCode).toBe('AuthorizationError')
    const bad = await call(ANA, 'PUT', `/titles/${TITLE}/users/${ANA}/activities`, {
      sequenceNumber: 50156982500,
      connectionString: 'srv=203.0.113.7:7777',
      joinRestriction: 'Everyone',
      maxPlayers: 1,
    })
    expect(bad.status).toBe(400)
    expect(bad.json()).toEqual({
      errorCode: 'RequestValidationError',
      debugMessage: expect.stringMatching(
        /joinRestriction is invalid.*maxPlayers must be/,
      ) as unknown,
    })
    const title = await call(ANA, 'POST', '/titles/0/activities/query', { users: [ANA] })
    expect(title.status).toBe(400)
    const tooMany = await query(
      ANA,
      Array.from({ length: 31 }, (_, i) => String(i + 1)),
    )
    expect(tooMany.json().errorCode).toBe('InvalidRequest')
  })

  it('refuses a stale sequence number under the strict rule, takes it when lenient, across PUT and DELETE', async () => {
    const big = '18446744073709551000'
    const path = `/titles/${TITLE}/users/${ANA}/activities`
    const body = (n: string) =>
      `{"sequenceNumber":${n},"connectionString":"cs","joinRestriction":"Public"}`
    expect((await call(ANA, 'PUT', path, body(big))).status).toBe(204)
    // 64-bit digits survive: the stored number is the one sent.
    expect((await query(ANA, [ANA])).text).toContain(`"sequenceNumber":${big},`)
    const stale = await call(ANA, 'PUT', path, body('18446744073709550999'))
    expect(stale.status).toBe(400)
    expect(stale.headers.get(SIM_RULE_HEADER)).toBe('mpa-stale-sequence')
    expect(stale.json()).toMatchObject({
      errorCode: 'RequestValidationError',
      simRule: 'mpa-stale-sequence',
    })
    const staleDelete = await call(ANA, 'DELETE', path, { sequenceNumber: 5 })
    expect(staleDelete.status).toBe(400)
    // The REST reference's string form is accepted too.
    expect(
      (await call(ANA, 'DELETE', path, `{"sequenceNumber":"18446744073709551001"}`)).status,
    ).toBe(204)
    expect((await query(ANA, [ANA])).json()).toEqual({
      userActivities: [{ userId: ANA, activities: [] }],
    })

    const lenient = await fetch(`${server.url}/api/sim/rules`, {
      method: 'PUT',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ modes: { 'mpa-stale-sequence': 'lenient' } }),
    })
    expect(lenient.status).toBe(200)
    expect((await call(ANA, 'PUT', path, body('7'))).status).toBe(204)
  })

  it('removes an activity 24 hours after its last update', async () => {
    expect((await put(ANA)).status).toBe(204)
    clock += DAY - 1000
    expect((await query(BEN, [ANA])).text).toContain('"activities":[{')
    expect((await put(ANA)).status).toBe(204)
    clock += DAY - 1000
    expect((await query(BEN, [ANA])).text).toContain('"activities":[{')
    clock += 1000
    expect((await query(BEN, [ANA])).json()).toEqual({
      userActivities: [{ userId: ANA, activities: [] }],
    })
    expect((await call(BEN, 'GET', `/titles/${TITLE}/users/${ANA}/activities`)).status).toBe(204)
  })

  it('delivers an invite to each invitee’s Inbox with the accept URI a GDK title receives', async () => {
    const sent = await call(ANA, 'POST', `/titles/${TITLE}/invites`, {
      connectionString: 'srv=203.0.113.7:7777;lobby=7f3c',
      invitedUsers: [BEN, CLEO, DEV],
    })
    expect(sent.status).toBe(204)
    for (const xuid of [BEN, CLEO, DEV]) {
      const inbox = (await (await fetch(`${server.url}/api/sim/inbox/${xuid}`)).json()) as {
        mpaInvites: Array<Record<string, unknown>>
      }
      expect(inbox.mpaInvites).toHaveLength(1)
      expect(inbox.mpaInvites[0]).toMatchObject({
        titleId: TITLE,
        senderXuid: ANA,
        senderGamertag: 'Sim Ana',
        connectionString: 'srv=203.0.113.7:7777;lobby=7f3c',
        platform: null,
        expired: false,
        acceptUri: `ms-xbl-multiplayer://inviteAccept?invitedUser=${xuid}&sender=${ANA}&connectionString=srv%3D203.0.113.7%3A7777%3Blobby%3D7f3c`,
      })
    }
    const seventeen = await call(ANA, 'POST', `/titles/${TITLE}/invites`, {
      invitedUsers: Array.from({ length: 17 }, (_, i) => String(2533274790000100 + i)),
    })
    expect(seventeen.status).toBe(400)
    expect(seventeen.json().errorCode).toBe('InvalidRequest')
  })

  it('throttles invites at 7 per 15 s per user and title, with the 429 body and Retry-After', async () => {
    const invite = (as: string, title = TITLE) =>
      call(as, 'POST', `/titles/${title}/invites`, { invitedUsers: [DEV] })
    for (let i = 0; i < 7; i++) expect((await invite(ANA)).status).toBe(204)
    const limited = await invite(ANA)
    expect(limited.status).toBe(429)
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThanOrEqual(1)
    expect(limited.json()).toMatchObject({
      version: 1,
      maxRequests: 7,
      periodInSeconds: 15,
      limitType: 'rate',
      type: 'burst',
    })
    // Another user, another title: their own budgets.
    expect((await invite(BEN)).status).toBe(204)
    expect((await invite(ANA, '42')).status).toBe(204)
    clock += 15_001
    expect((await invite(ANA)).status).toBe(204)
  })

  it('records recent players (1 to 100) and answers 204', async () => {
    const ok = await call(ANA, 'POST', `/titles/${TITLE}/recentplayers`, {
      recentPlayers: [{ id: BEN, timestamp: '2025-06-01T12:00:00Z', encounterType: 'Teammate' }],
    })
    expect(ok.status).toBe(204)
    const bad = await call(ANA, 'POST', `/titles/${TITLE}/recentplayers`, {
      recentPlayers: [{ id: BEN, encounterType: 'Friend' }],
    })
    expect(bad.status).toBe(400)
  })

  it('keeps MPSD’s contract rule for MPSD paths only', async () => {
    const mpsd = await call(ANA, 'POST', '/handles/query', { type: 'activity' })
    expect(mpsd.status).toBe(400)
    expect(mpsd.text).toMatch(/x-xbl-contract-version/)
  })
})

describe('the proxy and the Multiplayer Activity host', () => {
  let upstream: Server
  let seen: Array<{ method: string; url: string; authorization: string | undefined }> = []
  let server: RunningServer

  beforeAll(async () => {
    upstream = createServer((req: IncomingMessage, res) => {
      seen.push({
        method: req.method ?? '',
        url: req.url ?? '',
        authorization: req.headers.authorization,
      })
      req.resume()
      req.on('end', () => {
        res.statusCode = 204
        res.end()
      })
    })
    await new Promise<void>((resolve) => upstream.listen(0, '127.0.0.1', resolve))
    const port = (upstream.address() as AddressInfo).port
    server = await startWorkbenchServer({
      env: {
        WORKBENCH_MPA_ORIGIN: `http://127.0.0.1:${port}`,
        XBL_AUTHORIZATION: 'XBL3.0 x=99;server-held-token',
      },
      port: 0,
      serveDashboard: false,
    })
  })
  afterAll(async () => {
    await server.close()
    await new Promise((resolve) => upstream.close(resolve))
  })
  beforeEach(() => {
    seen = []
  })

  it('allows multiplayeractivity.xboxlive.com and injects the server-held token, as for session directory', async () => {
    const response = await fetch(`${server.url}/proxy/titles/${TITLE}/invites`, {
      method: 'POST',
      headers: { 'X-Workbench-Upstream': MPA_ORIGIN, 'x-xbl-contract-version': '1' },
      body: '{"invitedUsers":["1"]}',
    })
    expect(response.status).toBe(204)
    expect(seen).toEqual([
      {
        method: 'POST',
        url: `/titles/${TITLE}/invites`,
        authorization: 'XBL3.0 x=99;server-held-token',
      },
    ])
  })

  it('refuses a simulated player there (their token exists only in the simulator)', async () => {
    const response = await fetch(`${server.url}/proxy/titles/${TITLE}/invites`, {
      method: 'POST',
      headers: { 'X-Workbench-Upstream': MPA_ORIGIN, 'X-Workbench-Act-As': `sim:${ANA}` },
      body: '{}',
    })
    expect(response.status).toBe(400)
    expect(response.headers.get('x-workbench-proxy-error')).toBe('identity_not_available')
    expect(seen).toEqual([])
  })

  it('offers "Xbox Live" once in Settings: MPA is part of it, not an upstream of its own', async () => {
    const { upstreams } = (await (await fetch(`${server.url}/api/upstreams`)).json()) as {
      upstreams: Array<{ origin: string; label: string }>
    }
    expect(upstreams.filter((u) => u.label === 'Xbox Live')).toEqual([
      { origin: 'https://sessiondirectory.xboxlive.com', label: 'Xbox Live' },
    ])
  })
})
