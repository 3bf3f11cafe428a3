// Loopback tests of the simulator's sessions (issue 14 items 1-3): the real server on 127.0.0.1,
// driven as XSAPI and the dashboard drive it. Document shapes follow mpsd-sessions.md §6.
import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { SIM_RULE_HEADER, SIM_RULES } from '../../mpsd/sim-rules'
import { readConfig } from '../config'
import { startWorkbenchServer, type RunningServer } from '../start-server'

const SCID = '7492baca-c1b4-440d-a391-b7ef364ff8a1'
const HOST = '2535411111111111'
const GUEST = '2535422222222222'
const THIRD = '2535433333333333'
const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i
const MPSD_TIMESTAMP = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{7}Z$/

type Json = Record<string, unknown>

const templatesDir = mkdtempSync(join(tmpdir(), 'sim-templates-'))
const templatesFile = join(templatesDir, 'templates.json')
writeFileSync(
  templatesFile,
  JSON.stringify({
    OwnedLobby: { hasOwners: true, maxMembersCount: 4 },
    Duo: { maxMembersCount: 2, inviteProtocol: 'party' },
    Browse: { capabilities: { searchable: true }, maxMembersCount: 4 },
    Keep: { inactiveRemovalTimeout: null },
  }),
)

/** The §1.4 body XSAPI, go-xsapi and the community clients send to create or join. */
function joinBody(xuid: string, active = true): Json {
  return {
    members: {
      me: {
        constants: { system: { xuid, initialize: true }, custom: {} },
        properties: {
          system: active
            ? {
                active: true,
                connection: crypto.randomUUID(),
                subscription: { id: crypto.randomUUID(), changeTypes: ['everything'] },
              }
            : {},
          custom: {},
        },
      },
    },
  }
}

function createBody(xuid: string): Json {
  return {
    ...joinBody(xuid),
    properties: {
      system: { joinRestriction: 'followed', readRestriction: 'followed' },
      custom: { mode: 'coop' },
    },
  }
}

function ref(name: string, templateName = 'GameLobby') {
  return { scid: SCID, templateName, name }
}

function inviteBody(name: string, invitedXuid = GUEST, templateName = 'GameLobby'): Json {
  return {
    type: 'invite',
    sessionRef: ref(name, templateName),
    version: 1,
    invitedXuid,
    inviteAttributes: { titleId: '1234567890', context: 'mode=coop' },
  }
}

function activityBody(name: string, templateName = 'GameLobby'): Json {
  return { type: 'activity', sessionRef: ref(name, templateName), version: 1 }
}

function client(base: () => string) {
  const call = async (
    method: string,
    path: string,
    as: string,
    body?: unknown,
    headers: Record<string, string> = {},
  ) => {
    const response = await fetch(`${base()}${path}`, {
      method,
      headers: {
        'Content-Type': 'application/json; charset=utf-8',
        'x-xbl-contract-version': '107',
        Authorization: `XBL3.0 x=${as};token-${as}`,
        ...headers,
      },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    })
    const text = await response.text()
    let json: Json | undefined
    try {
      json = text ? (JSON.parse(text) as Json) : undefined
    } catch {
      json = undefined
    }
    return { status: response.status, headers: response.headers, json, text }
  }
  const sessionPath = (name: string, templateName = 'GameLobby') =>
    `/serviceconfigs/${SCID}/sessionTemplates/${templateName}/sessions/${name}`
  return {
    call,
    sessionPath,
    putSession: (
      name: string,
      as: string,
      body: unknown,
      headers?: Record<string, string>,
      templateName?: string,
    ) => call('PUT', sessionPath(name, templateName), as, body, headers),
    getSession: (name: string, as: string, headers?: Record<string, string>, tpl?: string) =>
      call('GET', sessionPath(name, tpl), as, undefined, headers),
    postHandle: (as: string, body: unknown) => call('POST', '/handles', as, body),
  }
}

/** Asserts the §6 session document structure, members keyed by index. */
function expectSessionShape(doc: Json | undefined, xuids: string[]) {
  expect(doc).toBeDefined()
  const session = doc as Json
  expect(Object.keys(session).slice(0, 9)).toEqual([
    'contractVersion',
    'branch',
    'changeNumber',
    'correlationId',
    'startTime',
    'constants',
    'properties',
    'members',
    'membersInfo',
  ])
  expect(session).toMatchObject({
    contractVersion: 107,
    branch: expect.stringMatching(GUID),
    changeNumber: expect.any(Number),
    correlationId: expect.stringMatching(GUID),
    startTime: expect.stringMatching(MPSD_TIMESTAMP),
    constants: {
      system: {
        version: 1,
        maxMembersCount: expect.any(Number),
        visibility: 'open',
        inviteProtocol: expect.any(String),
        reservedRemovalTimeout: 30000,
        readyRemovalTimeout: 180000,
        sessionEmptyTimeout: 0,
      },
      custom: {},
    },
    properties: { system: { turn: [] }, custom: expect.any(Object) },
    servers: {},
  })
  const members = session.members as Record<string, Json>
  const entries = Object.entries(members)
  expect(entries.map(([, m]) => (m.constants as { system: Json }).system.xuid)).toEqual(xuids)
  for (const [key, member] of entries) {
    expect(key).toMatch(/^\d+$/)
    expect(member).toMatchObject({
      constants: { system: { index: Number(key), xuid: expect.any(String) }, custom: {} },
      properties: { system: expect.any(Object), custom: {} },
      joinTime: expect.stringMatching(MPSD_TIMESTAMP),
      next: expect.any(Number),
    })
  }
  // The members form a linked list through `next`, ending at membersInfo.next (§1.7).
  const info = session.membersInfo as Json
  let at = info.first as number
  for (const [key, member] of entries) {
    expect(Number(key)).toBe(at)
    at = member.next as number
  }
  expect(at).toBe(info.next)
  expect(info.count).toBe(entries.length)
}

describe('simulator sessions (strict rules)', () => {
  let server: RunningServer
  const sim = client(() => `${server.url}/sim`)
  let name: string

  beforeAll(async () => {
    server = await startWorkbenchServer({
      env: { WORKBENCH_SIM_TEMPLATES: templatesFile, SIM_THROTTLE: 'off' },
      port: 0,
      logSink: () => {},
      serveDashboard: false,
    })
  })
  afterAll(async () => {
    await server.close()
  })
  beforeEach(async () => {
    name = crypto.randomUUID().toUpperCase()
    await fetch(`${server.url}/sim/__reset`, { method: 'POST' })
  })

  it('creates a session with 201, ETag and a path-only Content-Location, in the shape of §6.1', async () => {
    const created = await sim.putSession(name, HOST, createBody(HOST), { 'If-None-Match': '*' })
    expect(created.status).toBe(201)
    expect(created.headers.get('etag')).toMatch(/^".+"$/)
    expect(created.headers.get('content-location')).toBe(sim.sessionPath(name))
    expect(created.headers.get('date')).toMatch(/GMT$/)
    expectSessionShape(created.json, [HOST])
    expect(created.json).toMatchObject({
      changeNumber: 1,
      constants: { system: { maxMembersCount: 8, inviteProtocol: 'game' } },
      properties: {
        system: { joinRestriction: 'followed', readRestriction: 'followed' },
        custom: { mode: 'coop' },
      },
      members: {
        '0': {
          constants: { system: { index: 0, xuid: HOST, initialize: true } },
          properties: { system: { active: true, subscription: { changeTypes: ['everything'] } } },
          activeTitleId: expect.any(String),
          next: 1,
        },
      },
      membersInfo: { first: 0, next: 1, count: 1, accepted: 1, active: 1 },
    })
    // No `owners` without hasOwners, no "me" key (§1.7).
    expect((created.json?.members as Json).me).toBeUndefined()

    const read = await sim.getSession(name, THIRD)
    expect(read.status).toBe(200)
    expect(read.json).toEqual(created.json)
    // The other spelling of the path and another case of the names reach the same session (§1.1).
    const lower = await sim.call(
      'GET',
      `/serviceconfigs/${SCID}/sessiontemplates/gamelobby/sessions/${name.toLowerCase()}`,
      THIRD,
    )
    expect(lower.json).toEqual(created.json)
    const unchanged = await sim.getSession(name, HOST, {
      'If-None-Match': created.headers.get('etag') ?? '',
    })
    expect(unchanged.status).toBe(304)
  })

  it('answers 412 with the current session to If-None-Match: * and to a stale If-Match (§6.3), and applies nothing', async () => {
    const created = await sim.putSession(name, HOST, createBody(HOST))
    const staleEtag = created.headers.get('etag') ?? ''
    const again = await sim.putSession(name, HOST, createBody(HOST), { 'If-None-Match': '*' })
    expect(again.status).toBe(412)
    expect(again.json).toEqual(created.json)

    const joined = await sim.putSession(name, GUEST, joinBody(GUEST))
    expect(joined.status).toBe(200)
    const stale = await sim.putSession(
      name,
      HOST,
      { properties: { system: { closed: true } } },
      { 'If-Match': staleEtag },
    )
    expect(stale.status).toBe(412)
    expect(stale.headers.get('etag')).toBe(joined.headers.get('etag'))
    expect(stale.json).toEqual(joined.json)
    expect((stale.json?.properties as { system: Json }).system.closed).toBeUndefined()

    const matching = await sim.putSession(
      name,
      HOST,
      { properties: { system: { closed: true } } },
      { 'If-Match': joined.headers.get('etag') ?? '' },
    )
    expect(matching.status).toBe(200)
    expect(matching.json).toMatchObject({
      changeNumber: 3,
      properties: { system: { closed: true } },
    })
    // UpdateExisting on a session that does not exist fails (§1.2).
    const missing = await sim.putSession('nobody-made-this', HOST, joinBody(HOST), {
      'If-Match': '*',
    })
    expect(missing.status).toBe(412)
  })

  it('fixes constants at creation: 409 on a change or on a conflict with the template', async () => {
    const conflict = await sim.putSession(name, HOST, {
      ...createBody(HOST),
      constants: { system: { maxMembersCount: 4 }, custom: {} },
    })
    expect(conflict.status).toBe(409)
    expect(conflict.json?.rule).toMatch(/Constants are fixed/)
    const created = await sim.putSession(name, HOST, {
      ...createBody(HOST),
      constants: { system: { version: 1, capabilities: { gameplay: true } }, custom: { map: 'x' } },
    })
    expect(created.status).toBe(201)
    expect(created.json).toMatchObject({
      constants: { system: { capabilities: { gameplay: true } }, custom: { map: 'x' } },
    })
    const same = await sim.putSession(name, HOST, {
      constants: { system: { version: 1 }, custom: { map: 'x' } },
    })
    expect(same.status).toBe(200)
    const changed = await sim.putSession(name, HOST, {
      constants: { system: { capabilities: { gameplay: false } } },
    })
    expect(changed.status).toBe(409)
    const read = await sim.getSession(name, HOST)
    expect(read.json).toMatchObject({ constants: { system: { capabilities: { gameplay: true } } } })
  })

  it('merges properties: custom keys patched and deleted by null, system fields replaced whole', async () => {
    await sim.putSession(name, HOST, createBody(HOST))
    const patched = await sim.putSession(name, HOST, {
      properties: {
        system: { joinRestriction: 'none', keywords: ['a'] },
        custom: { mode: null, level: 3, nested: { a: 1 } },
      },
    })
    expect(patched.json).toMatchObject({
      changeNumber: 2,
      properties: {
        system: { joinRestriction: 'none', readRestriction: 'followed', keywords: ['a'] },
        custom: { level: 3, nested: { a: 1 } },
      },
    })
    expect((patched.json?.properties as { custom: Json }).custom.mode).toBeUndefined()
    // A no-op body changes nothing (§1.3): same changeNumber and ETag.
    const noop = await sim.putSession(name, HOST, {})
    expect(noop.json?.changeNumber).toBe(2)
    expect(noop.headers.get('etag')).toBe(patched.headers.get('etag'))
    const bad = await sim.putSession(name, HOST, { bogus: 1 })
    expect(bad.status).toBe(400)
    const existing = await sim.putSession(name, HOST, { members: { '0': null } })
    expect(existing.status).toBe(403)
    expect(existing.json?.message).toMatch(/existing member references/)
  })

  it('keys members by index, reserves, accepts, and deletes the session when the last member leaves (204)', async () => {
    await sim.putSession(name, HOST, {
      ...createBody(HOST),
      members: {
        ...(joinBody(HOST).members as Json),
        reserve_0: { constants: { system: { xuid: THIRD } } },
      },
    })
    const reserved = await sim.getSession(name, HOST)
    expectSessionShape(reserved.json, [HOST, THIRD])
    expect(reserved.json).toMatchObject({
      members: { '1': { reserved: true, constants: { system: { index: 1, xuid: THIRD } } } },
      membersInfo: { count: 2, accepted: 1, active: 1 },
    })
    const joined = await sim.putSession(name, GUEST, joinBody(GUEST))
    expectSessionShape(joined.json, [HOST, THIRD, GUEST])
    expect(joined.json?.membersInfo).toEqual({
      first: 0,
      next: 3,
      count: 3,
      accepted: 2,
      active: 2,
    })
    // The reserved user's first PUT as "me" accepts the reservation.
    const accepted = await sim.putSession(name, THIRD, joinBody(THIRD))
    expect((accepted.json?.members as Record<string, Json>)['1']?.reserved).toBeUndefined()
    expect(accepted.json?.membersInfo).toMatchObject({ accepted: 3, active: 3 })

    const hostLeft = await sim.putSession(name, HOST, { members: { me: null } })
    expect(hostLeft.status).toBe(200)
    expectSessionShape(hostLeft.json, [THIRD, GUEST])
    expect(hostLeft.json?.membersInfo).toMatchObject({ first: 1, next: 3, count: 2 })
    expect(await sim.putSession(name, THIRD, { members: { me: null } })).toMatchObject({
      status: 200,
    })
    const last = await sim.putSession(name, GUEST, { members: { me: null } })
    expect(last.status).toBe(204)
    expect((await sim.getSession(name, HOST)).status).toBe(204)
    // The name starts again with the same correlationId, a new branch and changeNumber 1 (§2.3).
    const again = await sim.putSession(name, HOST, createBody(HOST))
    expect(again.status).toBe(201)
    expect(again.json).toMatchObject({
      changeNumber: 1,
      correlationId: reserved.json?.correlationId,
    })
    expect(again.json?.branch).not.toBe(reserved.json?.branch)
    // A create with no members creates nothing.
    expect((await sim.putSession('empty-one', HOST, {})).status).toBe(204)
    expect((await sim.getSession('empty-one', HOST)).status).toBe(204)
  })

  it('shows inactive members, removed at the next call under the strict rule, kept by a template with a timeout', async () => {
    await sim.putSession(name, HOST, createBody(HOST))
    const inactive = await sim.putSession(name, GUEST, joinBody(GUEST, false))
    expect(inactive.json).toMatchObject({
      members: { '1': { constants: { system: { xuid: GUEST } }, properties: { system: {} } } },
      membersInfo: { count: 2, accepted: 2, active: 1 },
    })
    expect((inactive.json?.members as Record<string, Json>)['1']?.activeTitleId).toBeUndefined()
    const later = await sim.getSession(name, HOST)
    expectSessionShape(later.json, [HOST])

    await sim.putSession(name, HOST, createBody(HOST), undefined, 'Keep')
    await sim.putSession(name, GUEST, joinBody(GUEST, false), undefined, 'Keep')
    const kept = await sim.getSession(name, HOST, undefined, 'Keep')
    expectSessionShape(kept.json, [HOST, GUEST])
  })

  it('refuses an activity from a caller who is not an active member (the rule named), and replaces the previous one', async () => {
    const refused = await sim.postHandle(HOST, activityBody(name))
    expect(refused.status).toBe(403)
    expect(refused.headers.get(SIM_RULE_HEADER)).toBe('activity-needs-active-member')
    expect(refused.json).toMatchObject({
      simRule: 'activity-needs-active-member',
      message: expect.stringContaining('Activity needs an active member'),
    })
    await sim.putSession(name, HOST, createBody(HOST))
    await sim.putSession(`${name}-2`, HOST, createBody(HOST))
    expect((await sim.postHandle(HOST, activityBody(name))).status).toBe(204)
    expect((await sim.postHandle(HOST, activityBody(`${name}-2`))).status).toBe(204)
    const query = await sim.call('POST', '/handles/query?include=relatedInfo', HOST, {
      type: 'activity',
      scid: SCID,
      owners: { xuids: [HOST] },
    })
    const results = query.json?.results as Json[]
    expect(results).toHaveLength(1)
    expect(results[0]).toMatchObject({
      sessionRef: { name: `${name}-2` },
      relatedInfo: { membersCount: 1, maxMembersCount: 8, closed: false },
    })
    // Leaving the session deletes the activity bound to the member (§2.2).
    await sim.putSession(`${name}-2`, HOST, {
      members: { me: { properties: { system: { active: false } } } },
    })
    const after = await sim.call('POST', '/handles/query', HOST, {
      type: 'activity',
      scid: SCID,
      owners: { xuids: [HOST] },
    })
    expect(after.json?.results).toEqual([])
  })

  it('refuses invites to a missing session and from non-members (rules named); owners only with hasOwners', async () => {
    const missing = await sim.postHandle(HOST, inviteBody(name))
    expect(missing.status).toBe(403)
    expect(missing.headers.get(SIM_RULE_HEADER)).toBe('invite-needs-session')
    expect(missing.json?.message).toContain('Invite needs an existing session')

    await sim.putSession(name, HOST, createBody(HOST))
    const outsider = await sim.postHandle(THIRD, inviteBody(name))
    expect(outsider.status).toBe(403)
    expect(outsider.headers.get(SIM_RULE_HEADER)).toBe('invite-sender-member')
    expect(outsider.json?.message).toContain('Invite sender must be a session member')

    const sent = await sim.postHandle(HOST, inviteBody(name))
    expect(sent.status).toBe(201)
    expect(sent.json).toMatchObject({
      type: 'invite',
      id: expect.stringMatching(GUID),
      senderXuid: HOST,
      invitedXuid: GUEST,
      expiration: expect.stringMatching(MPSD_TIMESTAMP),
    })

    // hasOwners: the creator owns the session; a member who is not an owner cannot invite.
    const owned = await sim.putSession(name, HOST, createBody(HOST), undefined, 'OwnedLobby')
    expect(owned.json).toMatchObject({
      constants: { system: { capabilities: { hasOwners: true } } },
      properties: { system: { owners: [0] } },
    })
    await sim.putSession(name, GUEST, joinBody(GUEST), undefined, 'OwnedLobby')
    const nonOwner = await sim.postHandle(GUEST, inviteBody(name, THIRD, 'OwnedLobby'))
    expect(nonOwner.status).toBe(403)
    expect(nonOwner.headers.get(SIM_RULE_HEADER)).toBeNull()
    expect(nonOwner.json?.rule).toMatch(/hasOwners/)
    expect((await sim.postHandle(HOST, inviteBody(name, THIRD, 'OwnedLobby'))).status).toBe(201)
  })

  it('lets the invitee read and join through the invite handle (§6.2); a gone session is 204 to GET and 404 to PUT', async () => {
    await sim.putSession(name, HOST, createBody(HOST))
    const invite = await sim.postHandle(HOST, inviteBody(name))
    const id = invite.json?.id as string
    const read = await sim.call('GET', `/handles/${id}/session`, GUEST)
    expect(read.status).toBe(200)
    expect(read.headers.get('content-location')).toBe(sim.sessionPath(name))
    expectSessionShape(read.json, [HOST])

    const joined = await sim.call('PUT', `/handles/${id}/session`, GUEST, joinBody(GUEST), {
      'If-Match': '*',
    })
    expect(joined.status).toBe(200)
    expect(joined.headers.get('content-location')).toBe(sim.sessionPath(name))
    expect(joined.headers.get('etag')).not.toBe(read.headers.get('etag'))
    expectSessionShape(joined.json, [HOST, GUEST])
    expect(joined.json).toMatchObject({
      changeNumber: 2,
      members: {
        '0': { properties: { system: { active: true } }, next: 1 },
        '1': {
          constants: { system: { index: 1, xuid: GUEST } },
          properties: { system: { active: true } },
          next: 2,
        },
      },
      membersInfo: { first: 0, next: 2, count: 2, accepted: 2, active: 2 },
    })

    await sim.putSession(name, HOST, { members: { me: null } })
    await sim.putSession(name, GUEST, { members: { me: null } })
    expect((await sim.call('GET', `/handles/${id}/session`, GUEST)).status).toBe(204)
    const gone = await sim.call('PUT', `/handles/${id}/session`, GUEST, joinBody(GUEST))
    expect(gone.status).toBe(404)
    const unknown = crypto.randomUUID()
    expect((await sim.call('GET', `/handles/${unknown}/session`, GUEST)).status).toBe(404)
    expect((await sim.call('PUT', `/handles/${unknown}/session`, GUEST, {})).status).toBe(404)
  })

  it('creates invites to closed and full sessions, and refuses the join: closed 403 with the session, full 400', async () => {
    await sim.putSession(name, HOST, createBody(HOST))
    await sim.putSession(name, HOST, { properties: { system: { closed: true } } })
    const toClosed = await sim.postHandle(HOST, inviteBody(name))
    expect(toClosed.status).toBe(201)
    const closedJoin = await sim.call(
      'PUT',
      `/handles/${toClosed.json?.id as string}/session`,
      GUEST,
      joinBody(GUEST),
    )
    expect(closedJoin.status).toBe(403)
    expectSessionShape(closedJoin.json, [HOST])

    await sim.putSession(name, HOST, createBody(HOST), undefined, 'Duo')
    await sim.putSession(name, THIRD, joinBody(THIRD), undefined, 'Duo')
    const toFull = await sim.postHandle(HOST, inviteBody(name, GUEST, 'Duo'))
    expect(toFull.status).toBe(201)
    const fullJoin = await sim.call(
      'PUT',
      `/handles/${toFull.json?.id as string}/session`,
      GUEST,
      joinBody(GUEST),
    )
    expect(fullJoin.status).toBe(400)
    expect(fullJoin.json?.message).toMatch(/full/)
    const duo = await sim.getSession(name, HOST, undefined, 'Duo')
    expect(duo.json).toMatchObject({
      constants: { system: { maxMembersCount: 2, inviteProtocol: 'party' } },
    })
  })

  it('transfer handles: 403 for a missing target; joining needs membership of the origin session', async () => {
    const origin = `${name}-lobby`
    await sim.putSession(origin, HOST, createBody(HOST))
    const body = {
      type: 'transfer',
      sessionRef: ref(name),
      version: 1,
      originSessionRef: ref(origin),
    }
    const missing = await sim.postHandle(HOST, body)
    expect(missing.status).toBe(403)
    expect(missing.json?.rule).toMatch(/transfer/i)
    await sim.putSession(name, HOST, createBody(HOST))
    const created = await sim.postHandle(HOST, body)
    expect(created.status).toBe(201)
    expect(created.json).toEqual({
      id: expect.stringMatching(GUID),
      type: 'transfer',
      version: 1,
      sessionRef: ref(name),
      originSessionRef: ref(origin),
    })
    const id = created.json?.id as string
    expect((await sim.call('PUT', `/handles/${id}/session`, THIRD, joinBody(THIRD))).status).toBe(
      403,
    )
    await sim.putSession(origin, GUEST, joinBody(GUEST))
    const joined = await sim.call('PUT', `/handles/${id}/session`, GUEST, joinBody(GUEST))
    expect(joined.status).toBe(200)
    expectSessionShape(joined.json, [HOST, GUEST])
  })

  it('search handles: searchable sessions only, one per session, queried with filter and orderBy, deleted', async () => {
    await sim.putSession(name, HOST, createBody(HOST))
    const search = (session: string, level: number, mode: string, templateName = 'Browse') => ({
      type: 'search',
      version: 1,
      sessionRef: ref(session, templateName),
      searchAttributes: { tags: ['Coop', 'casual'], numbers: { level }, strings: { mode } },
    })
    const notSearchable = await sim.postHandle(HOST, search(name, 1, 'coop', 'GameLobby'))
    expect(notSearchable.status).toBe(400)
    expect(notSearchable.json?.rule).toMatch(/searchable/)

    const names = [`${name}-a`, `${name}-b`, `${name}-c`]
    for (const session of names)
      await sim.putSession(session, HOST, createBody(HOST), undefined, 'Browse')
    const first = await sim.postHandle(HOST, search(names[0] ?? '', 1, 'coop'))
    expect(first.status).toBe(201)
    const replacement = await sim.postHandle(HOST, search(names[0] ?? '', 5, 'coop'))
    await sim.postHandle(HOST, search(names[1] ?? '', 9, 'coop'))
    await sim.postHandle(HOST, search(names[2] ?? '', 7, 'versus'))
    const session = await sim.getSession(names[0] ?? '', HOST, undefined, 'Browse')
    expect(session.json?.searchHandle).toBe(replacement.json?.id)

    const query = (filter?: string, orderBy?: string) =>
      sim.call('POST', '/handles/query?include=relatedInfo,roleInfo,customProperties', GUEST, {
        type: 'search',
        scid: SCID,
        templateName: 'Browse',
        global: true,
        ...(filter ? { filter } : {}),
        ...(orderBy ? { orderBy } : {}),
      })
    const coop = await query("strings/mode eq 'coop' and numbers/level gt 2", 'numbers/level desc')
    expect(coop.status).toBe(200)
    const results = coop.json?.results as Json[]
    expect(results.map((r) => (r.sessionRef as Json).name)).toEqual([names[1], names[0]])
    expect(results[0]).toMatchObject({
      type: 'search',
      createTime: expect.stringMatching(MPSD_TIMESTAMP),
      relatedInfo: { membersCount: 1, maxMembersCount: 4, sessionOwners: [] },
      roleInfo: { roleTypes: {} },
      customProperties: { mode: 'coop' },
    })
    const tagged = await query(
      `Tags/any(d:tolower(d) eq 'coop') and session/memberXuids/any(d:d eq '${HOST}')`,
      'Numbers/Level asc',
    )
    expect((tagged.json?.results as Json[]).map((r) => (r.sessionRef as Json).name)).toEqual([
      names[0],
      names[2],
      names[1],
    ])
    expect((await query("strings/mode eq 'coop' or")).status).toBe(400)

    expect(
      (await sim.call('DELETE', `/handles/${replacement.json?.id as string}`, HOST)).status,
    ).toBe(204)
    const afterDelete = await sim.getSession(names[0] ?? '', HOST, undefined, 'Browse')
    expect(afterDelete.json?.searchHandle).toBeUndefined()
    expect(((await query()).json?.results as Json[]).length).toBe(2)
  })

  it('names the rule through /proxy too, acting as a roster player (header and body)', async () => {
    const response = await fetch(`${server.url}/proxy/handles`, {
      method: 'POST',
      headers: {
        'Content-Type': 'application/json',
        'x-xbl-contract-version': '107',
        'X-Workbench-Upstream': 'simulator',
        'X-Workbench-Act-As': 'sim:2533274790000001',
      },
      body: JSON.stringify(inviteBody(name)),
    })
    expect(response.status).toBe(403)
    expect(response.headers.get(SIM_RULE_HEADER)).toBe('invite-needs-session')
    expect(await response.json()).toMatchObject({ simRule: 'invite-needs-session' })
  })

  it('serves the rules at /api/sim/rules; a rule switched to lenient accepts what strict refused', async () => {
    const api = `${server.url}/api/sim/rules`
    const listed = (await (await fetch(api)).json()) as { rules: Json[] }
    expect(listed.rules.map((r) => r.id)).toEqual(SIM_RULES.map((r) => r.id))
    expect(listed.rules.every((r) => r.mode === 'strict' && r.title && r.source)).toBe(true)

    const put = (modes: Json, headers: Record<string, string> = {}) =>
      fetch(api, {
        method: 'PUT',
        headers: { 'Content-Type': 'application/json', ...headers },
        body: JSON.stringify({ modes }),
      })
    expect((await put({ nope: 'lenient' })).status).toBe(400)
    expect((await put({ 'invite-needs-session': 'sometimes' })).status).toBe(400)
    expect(
      (await put({ 'invite-needs-session': 'lenient' }, { Origin: 'https://evil.example' })).status,
    ).toBe(403)

    const switched = await put({
      'invite-needs-session': 'lenient',
      'activity-needs-active-member': 'lenient',
    })
    const body = (await switched.json()) as { rules: Json[] }
    expect(body.rules.find((r) => r.id === 'invite-needs-session')?.mode).toBe('lenient')
    expect(body.rules.find((r) => r.id === 'invite-sender-member')?.mode).toBe('strict')
    expect((await sim.postHandle(HOST, inviteBody(name))).status).toBe(201)
    expect((await sim.postHandle(HOST, activityBody(name))).status).toBe(204)
    // The other rules still apply.
    await sim.putSession(name, HOST, createBody(HOST))
    expect((await sim.postHandle(THIRD, inviteBody(name))).status).toBe(403)
    await put({ 'invite-sender-member': 'lenient', 'inactive-removed-at-once': 'lenient' })
    expect((await sim.postHandle(THIRD, inviteBody(name))).status).toBe(201)
    await sim.putSession(name, GUEST, joinBody(GUEST, false))
    expectSessionShape((await sim.getSession(name, HOST)).json, [HOST, GUEST])
    // __reset restores the configured modes.
    await fetch(`${server.url}/sim/__reset`, { method: 'POST' })
    const reset = (await (await fetch(api)).json()) as { rules: Json[] }
    expect(reset.rules.every((r) => r.mode === 'strict')).toBe(true)
  })
})

describe('simulator sessions: configuration', () => {
  it('WORKBENCH_SIM_RULES=lenient accepts handles without sessions; the invite TTL sets expiration, and the inbox marks then drops expired invites', async () => {
    const server = await startWorkbenchServer({
      env: {
        WORKBENCH_SIM_RULES: 'lenient',
        WORKBENCH_SIM_INVITE_TTL_SECONDS: '1',
        SIM_THROTTLE: 'off',
      },
      port: 0,
      logSink: () => {},
      serveDashboard: false,
    })
    try {
      const sim = client(() => `${server.url}/sim`)
      const rules = (await (await fetch(`${server.url}/api/sim/rules`)).json()) as { rules: Json[] }
      expect(rules.rules.every((r) => r.mode === 'lenient')).toBe(true)
      expect((await sim.postHandle(HOST, activityBody('no-session'))).status).toBe(204)
      const before = Date.now()
      const invite = await sim.postHandle(HOST, inviteBody('no-session'))
      expect(invite.status).toBe(201)
      const expiration = Date.parse(invite.json?.expiration as string)
      expect(expiration - before).toBeGreaterThanOrEqual(900)
      expect(expiration - before).toBeLessThan(3000)
      const revoked = await sim.postHandle(HOST, inviteBody('no-session'))
      await sim.call('DELETE', `/handles/${revoked.json?.id as string}`, HOST)
      const inbox = async () =>
        (
          (await (await fetch(`${server.url}/api/sim/inbox/${GUEST}`)).json()) as {
            invites: Json[]
          }
        ).invites
      expect((await inbox()).map((i) => [i.handleId, i.expired])).toEqual([
        [invite.json?.id, false],
      ])
      await new Promise((resolve) => setTimeout(resolve, 1100))
      expect((await inbox()).map((i) => [i.handleId, i.expired])).toEqual([[invite.json?.id, true]])
      expect((await sim.call('GET', `/handles/${invite.json?.id as string}`, GUEST)).status).toBe(
        404,
      )
      expect(await inbox()).toEqual([])
    } finally {
      await server.close()
    }
  })

  it('refuses to start with a bad template file or rules value, naming the file or the variable', () => {
    const bad = join(templatesDir, 'bad.json')
    writeFileSync(bad, '{"Lobby": {"maxMembersCount": "lots"}}')
    expect(() => readConfig({ WORKBENCH_SIM_TEMPLATES: bad })).toThrow(
      new RegExp(`WORKBENCH_SIM_TEMPLATES: ${bad}.*Lobby\\.maxMembersCount`),
    )
    const broken = join(templatesDir, 'broken.json')
    writeFileSync(broken, '{not json')
    expect(() => readConfig({ WORKBENCH_SIM_TEMPLATES: broken })).toThrow(
      /broken\.json is not valid JSON/,
    )
    expect(() =>
      readConfig({ WORKBENCH_SIM_TEMPLATES: join(templatesDir, 'absent.json') }),
    ).toThrow(/cannot read .*absent\.json/)
    expect(() => readConfig({ WORKBENCH_SIM_RULES: 'loose' })).toThrow(/WORKBENCH_SIM_RULES/)
    expect(() => readConfig({ WORKBENCH_SIM_INVITE_TTL_SECONDS: '-5' })).toThrow(
      /WORKBENCH_SIM_INVITE_TTL_SECONDS/,
    )
  })
})
