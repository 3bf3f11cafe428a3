import { describe, expect, it } from 'vitest'
import { fromWire } from '../from-wire'
import { requestFromFields, type RequestFields } from '../request-fields'
import { requestIssues, requestWarnings } from '../request-validate'
import { toWire } from '../to-wire'
import { parseQueryAnswer } from './mpa-activities'
import { nextSequenceNumber, sdkSequenceNumber } from './mpa-sequence'

// SDK unit-test constants [mpa.md §6.1, testh]: MOCK_TITLEID 1234, MOCK_XUID 101010101010.
const TITLE = '1234'
const XUID = '101010101010'
const settings = { contractVersion: 107, now: Date.UTC(2025, 5, 1, 12, 0, 0) }

function wire(fields: Partial<RequestFields> & { kind: RequestFields['kind'] }) {
  return toWire(requestFromFields({ mpaTitleId: TITLE, ...fields }), settings)
}

describe('MPA requests as the SDK sends them (mpa.md §6.1 fixtures, byte for byte)', () => {
  it('set activity: PUT to the user, contract 1, the fixture body after its sequence number', () => {
    const request = wire({
      kind: 'mpaSetActivity',
      mpaXuid: XUID,
      sequenceNumber: '50156982421',
      connectionString: 'mockConnectionString',
      joinRestriction: 'Public',
      maxPlayers: '10',
      currentPlayers: '0',
      groupId: '',
      platform: '',
    })
    expect(request.method).toBe('PUT')
    expect(request.path).toBe('/titles/1234/users/101010101010/activities')
    expect(request.headers).toEqual([
      ['x-xbl-contract-version', '1'],
      ['Content-Type', 'application/json; charset=utf-8'],
    ])
    expect(request.body).toBe(
      '{"sequenceNumber":50156982421,"connectionString":"mockConnectionString","joinRestriction":"Public","maxPlayers":10}',
    )
    expect(request.body?.replace('"sequenceNumber":50156982421,', '')).toBe(
      '{"connectionString":"mockConnectionString","joinRestriction":"Public","maxPlayers":10}',
    )
  })

  it('send invites: platform, connection string, then the XUIDs as strings (SDK byte order)', () => {
    const request = wire({
      kind: 'mpaSendInvites',
      invitedUsers: '1\n2, 3',
      connectionString: 'mockConnectionString',
      platform: 'Win32',
    })
    expect(request.method).toBe('POST')
    expect(request.path).toBe('/titles/1234/invites')
    expect(request.body).toBe(
      '{"platform":"Win32","connectionString":"mockConnectionString","invitedUsers":["1","2","3"]}',
    )
  })

  it('query: the users as decimal strings', () => {
    const request = wire({ kind: 'mpaQueryActivities', users: '1\n2' })
    expect(request.path).toBe('/titles/1234/activities/query')
    expect(request.body).toBe('{"users":["1","2"]}')
  })

  it('recent players: three entries, id, timestamp (no fraction), encounter type', () => {
    const request = wire({ kind: 'mpaRecentPlayers', recentPlayers: '1\n2 Teammate\n3 opponent' })
    expect(request.path).toBe('/titles/1234/recentplayers')
    expect(request.body).toBe(
      '{"recentPlayers":[{"id":"1","timestamp":"2025-06-01T12:00:00Z","encounterType":"Default"},{"id":"2","timestamp":"2025-06-01T12:00:00Z","encounterType":"Teammate"},{"id":"3","timestamp":"2025-06-01T12:00:00Z","encounterType":"Opponent"}]}',
    )
  })

  it('delete: a DELETE with the sequence number as its body', () => {
    const request = wire({ kind: 'mpaDeleteActivity', mpaXuid: XUID, sequenceNumber: '7' })
    expect(request.method).toBe('DELETE')
    expect(request.path).toBe('/titles/1234/users/101010101010/activities')
    expect(request.body).toBe('{"sequenceNumber":7}')
  })

  it('the invented set-activity fixture (§6.2), every optional member in order', () => {
    const request = toWire(
      requestFromFields({
        kind: 'mpaSetActivity',
        mpaTitleId: '1717113201',
        mpaXuid: '2533274811111111',
        sequenceNumber: '50156982421',
        connectionString: 'srv=203.0.113.7:7777;lobby=7f3c',
        joinRestriction: 'Followed',
        maxPlayers: '8',
        currentPlayers: '3',
        groupId: 'lobby-7f3c',
        platform: 'Scarlett',
      }),
      settings,
    )
    expect(request.body).toBe(
      '{"sequenceNumber":50156982421,"connectionString":"srv=203.0.113.7:7777;lobby=7f3c","joinRestriction":"Followed","maxPlayers":8,"currentPlayers":3,"groupId":"lobby-7f3c","platform":"Scarlett"}',
    )
  })

  it('a sequence number past 2^53 goes out with every digit', () => {
    const request = wire({
      kind: 'mpaDeleteActivity',
      mpaXuid: XUID,
      sequenceNumber: '18446744073709551615',
    })
    expect(request.body).toBe('{"sequenceNumber":18446744073709551615}')
  })
})

describe('sequence number "auto"', () => {
  it('is the SDK formula: 100-ns ticks since 2015 shifted right by 16 (≈5.0e10 in mid-2025)', () => {
    expect(sdkSequenceNumber(Date.UTC(2015, 0, 1))).toBe(0n)
    // One step is 65536 ticks of 100 ns = 6.5536 ms: 65.536 s are 10000 steps.
    expect(sdkSequenceNumber(Date.UTC(2015, 0, 1) + 65_536)).toBe(10_000n)
    const mid2025 = sdkSequenceNumber(Date.UTC(2025, 6, 1))
    expect(Number(mid2025)).toBeGreaterThan(4.9e10)
    expect(Number(mid2025)).toBeLessThan(5.1e10)
    // Before 2015 the SDK falls back to Unix seconds.
    expect(sdkSequenceNumber(Date.UTC(2014, 0, 1))).toBe(BigInt(Date.UTC(2014, 0, 1) / 1000))
  })

  it('never goes back below the last number sent for the user (PUT then DELETE)', () => {
    const now = Date.UTC(2025, 6, 1)
    const clock = sdkSequenceNumber(now)
    expect(nextSequenceNumber(now, undefined)).toBe(clock)
    expect(nextSequenceNumber(now, clock)).toBe(clock + 1n)
    expect(nextSequenceNumber(now, 99999999999999n)).toBe(100000000000000n)
    const put = toWire(
      requestFromFields({
        kind: 'mpaSetActivity',
        mpaTitleId: TITLE,
        mpaXuid: XUID,
        sequenceNumber: 'auto',
        joinRestriction: 'Public',
      }),
      {
        contractVersion: 107,
        now,
        lastSequence: (t, x) => (t === TITLE && x === XUID ? clock + 5n : undefined),
      },
    )
    expect(put.body).toContain(`"sequenceNumber":${clock + 6n},`)
  })
})

describe('MPA rules at the field (mpa.md §5) and warnings where the docs disagree (§8)', () => {
  const set = (fields: Partial<RequestFields>) =>
    requestFromFields({
      kind: 'mpaSetActivity',
      mpaTitleId: TITLE,
      mpaXuid: XUID,
      joinRestriction: 'Public',
      ...fields,
    })
  const messages = (fields: Partial<RequestFields>) =>
    Object.fromEntries(requestIssues(set(fields)).map((i) => [i.label, i.message]))

  it('accepts the fixture and an empty connection string', () => {
    expect(requestIssues(set({ connectionString: '' }))).toEqual([])
  })

  it('names each broken field', () => {
    const found = messages({
      mpaTitleId: '0',
      sequenceNumber: '-1',
      joinRestriction: 'public',
      maxPlayers: '1',
      currentPlayers: '101',
      groupId: 'g'.repeat(128),
      platform: 'All',
      connectionString: 'c'.repeat(513),
    })
    expect(Object.keys(found).sort()).toEqual(
      [
        'Connection string',
        'Current players',
        'Group ID',
        'Join restriction',
        'Max players',
        'Platform',
        'Sequence number',
        'Title ID',
      ].sort(),
    )
    expect(found['Join restriction']).toMatch(/exactly Public, InviteOnly, Followed/)
    expect(found['Connection string']).toMatch(/513 characters; the limit is 512/)
  })

  it('counts invitees (16) and queried users (30) per call', () => {
    const invites = (n: number) =>
      requestIssues(
        requestFromFields({
          kind: 'mpaSendInvites',
          mpaTitleId: TITLE,
          invitedUsers: Array.from({ length: n }, (_, i) => String(i + 1)).join('\n'),
        }),
      )
    expect(invites(16)).toEqual([])
    expect(invites(17)[0]?.message).toMatch(/17 XUIDs; at most 16/)
    expect(invites(0)[0]?.message).toMatch(/at least one XUID/)
    const query = requestIssues(
      requestFromFields({ kind: 'mpaQueryActivities', mpaTitleId: TITLE, users: '1\nabc' }),
    )
    expect(query[0]?.message).toMatch(/"abc" is not a XUID/)
  })

  it('warns, without refusing, at 256+ characters, IOS and more players than the maximum', () => {
    const request = set({
      connectionString: 'c'.repeat(300),
      platform: 'IOS',
      maxPlayers: '4',
      currentPlayers: '5',
    })
    expect(requestIssues(request)).toEqual([])
    expect(requestWarnings(request).map((w) => w.label)).toEqual([
      'Connection string',
      'Platform',
      'Current players',
    ])
  })
})

describe('fromWire reads MPA calls back', () => {
  it('round-trips every kind through its bytes', () => {
    const cases: Array<Partial<RequestFields> & { kind: RequestFields['kind'] }> = [
      {
        kind: 'mpaSetActivity',
        mpaXuid: XUID,
        sequenceNumber: '18446744073709551615',
        connectionString: 'cs',
        joinRestriction: 'InviteOnly',
        maxPlayers: '4',
        currentPlayers: '2',
        groupId: 'g',
        platform: 'Scarlett',
      },
      { kind: 'mpaDeleteActivity', mpaXuid: XUID, sequenceNumber: '12' },
      { kind: 'mpaQueryActivities', users: '1\n2' },
      {
        kind: 'mpaSendInvites',
        invitedUsers: '1\n2\n3',
        connectionString: 'cs',
        platform: 'Win32',
      },
      { kind: 'mpaRecentPlayers', recentPlayers: '1 Teammate 2025-06-01T12:00:00Z' },
    ]
    for (const fields of cases) {
      const request = requestFromFields({ mpaTitleId: TITLE, ...fields })
      const back = fromWire(toWire(request, settings))
      expect(back.ok && back.request).toEqual(request)
      expect(back.ok && back.unmapped).toEqual([])
    }
  })
})

describe('query answers as the SDK reads them (mpa.md §6.1 response fixture)', () => {
  const fixture = `{"userActivities":[
 {"userId":"1","activities":[
  {"sequenceNumber":0,"titleId":1234,"connectionString":"connectionString","joinRestriction":"Public","maxPlayers":10,"currentPlayers":2,"groupId":"groupId","platform":"XboxOne"},
  {"sequenceNumber":0,"titleId":0,"connectionString":"connectionString2","joinRestriction":"Public","maxPlayers":0,"currentPlayers":0,"groupId":"string","platform":"XboxOne"}]},
 {"userId":"2","activities":[
  {"sequenceNumber":0,"titleId":1234,"joinRestriction":"Public","maxPlayers":2,"currentPlayers":1,"groupId":"groupId","platform":"IOS"}]}]}`

  it('keeps two: drops the other title, XUID 2 has no connection string, IOS reads as iOS', () => {
    const answer = parseQueryAnswer(fixture, '1234')
    expect(answer.ok).toBe(true)
    if (!answer.ok) return
    expect(answer.activities).toHaveLength(2)
    expect(answer.dropped).toBe(1)
    expect(answer.activities[0]?.connectionString).toBe('connectionString')
    expect(answer.activities[1]).toMatchObject({
      userId: '2',
      connectionString: null,
      platform: 'iOS',
    })
  })

  it('fails without userActivities, as the SDK does', () => {
    expect(parseQueryAnswer('{}', '1234').ok).toBe(false)
  })
})
