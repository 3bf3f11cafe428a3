import { describe, expect, it } from 'vitest'
import {
  acceptInviteCall,
  createOrJoinCall,
  memberOf,
  readSessionDocument,
  sessionCall,
} from './session-document'

const ref = {
  scid: '7492baca-c1b4-440d-a391-b7ef364ff8a1',
  templateName: 'GameLobby',
  name: 'lobby 1',
}
const path = `/serviceconfigs/${ref.scid}/sessionTemplates/GameLobby/sessions/lobby%201`

// mpsd-sessions.md §6.2, trimmed to what the reader looks at, plus a reserved and an inactive member.
const document = JSON.stringify({
  contractVersion: 107,
  changeNumber: 2,
  constants: { system: { version: 1, maxMembersCount: 8, inviteProtocol: 'game' }, custom: {} },
  members: {
    '1': {
      constants: { system: { index: 1, xuid: '2535422222222222' } },
      properties: { system: { active: true } },
      gamertag: 'GuestGT',
    },
    '0': {
      constants: { system: { index: 0, xuid: '2535411111111111' } },
      properties: { system: { active: true } },
      gamertag: 'HostGT',
    },
    '4': { constants: { system: { xuid: '3' } }, properties: { system: {} }, reserved: true },
    '5': { constants: { system: { xuid: '4' } }, properties: { system: { active: false } } },
    bad: 'not a member',
  },
  membersInfo: { first: 0, next: 6, count: 4 },
})

describe('readSessionDocument', () => {
  it('lists the members by index with the state XSAPI derives', () => {
    const read = readSessionDocument(document)
    expect(read).toEqual({
      ok: true,
      session: {
        changeNumber: 2,
        inviteProtocol: 'game',
        maxMembersCount: 8,
        members: [
          { index: '0', xuid: '2535411111111111', gamertag: 'HostGT', status: 'active' },
          { index: '1', xuid: '2535422222222222', gamertag: 'GuestGT', status: 'active' },
          { index: '4', xuid: '3', status: 'reserved' },
          { index: '5', xuid: '4', status: 'inactive' },
        ],
      },
    })
    expect(read.ok && memberOf(read.session, '2535422222222222')?.gamertag).toBe('GuestGT')
  })

  it('says why an answer is not a session', () => {
    expect(readSessionDocument('')).toEqual({ ok: false, error: 'The answer is not JSON.' })
    expect(readSessionDocument('{"code":403}').ok).toBe(false)
  })
})

describe('the Session panel’s calls', () => {
  it('checks with a GET, creates with If-None-Match, joins and leaves with If-Match', () => {
    expect(sessionCall('check', ref, '1', 107)).toMatchObject({
      method: 'GET',
      path,
      body: undefined,
    })
    const create = sessionCall('create', ref, '2535411111111111', 107)
    expect(create.method).toBe('PUT')
    expect(create.headers.at(-1)).toEqual(['If-None-Match', '*'])
    expect(create.body).toBe(
      '{"members":{"me":{"constants":{"system":{"xuid":"2535411111111111"}},"properties":{"system":{"active":true}}}}}',
    )
    expect(sessionCall('join', ref, undefined, 107)).toMatchObject({
      body: '{"members":{"me":{"properties":{"system":{"active":true}}}}}',
    })
    expect(sessionCall('join', ref, undefined, 107).headers.at(-1)).toEqual(['If-Match', '*'])
    expect(sessionCall('leave', ref, '1', 107).body).toBe('{"members":{"me":null}}')
  })

  it('creates or joins with no precondition, and accepts through the handle', () => {
    expect(createOrJoinCall(ref, '7', 104).headers).toEqual([
      ['x-xbl-contract-version', '104'],
      ['Content-Type', 'application/json; charset=utf-8'],
    ])
    expect(acceptInviteCall('0f6b2c1e', '7', 107)).toMatchObject({
      method: 'PUT',
      path: '/handles/0f6b2c1e/session',
      body: '{"members":{"me":{"constants":{"system":{"xuid":"7"}},"properties":{"system":{"active":true}}}}}',
    })
  })
})
