import { describe, expect, it } from 'vitest'
import { parsePastedJson } from './paste-json'
import { pastedFields, type PasteResult } from './paste-result'
import { parsePastedText } from './paste-text'
import { requestFromFields } from './request-fields'
import { toCurl } from './snippets'
import { toWire } from './to-wire'

/** What the form is set to: the fields the paste said, or nothing when it was refused. */
const filled = (result: PasteResult) => (result.ok ? pastedFields(result) : undefined)

describe('parsePastedJson, Multiplayer Activity bodies (mpa.md §2, §6)', () => {
  it('reads a set-activity body as Set activity, keeping the 64-bit sequence number and counts as digits', () => {
    const result = parsePastedJson(
      '{"sequenceNumber":18446744073709551615,"connectionString":"srv=203.0.113.7:7777;lobby=7f3c","joinRestriction":"Followed","maxPlayers":8,"currentPlayers":3,"groupId":"lobby-7f3c","platform":"Scarlett"}',
    )
    expect(filled(result)).toEqual({
      kind: 'mpaSetActivity',
      sequenceNumber: '18446744073709551615',
      connectionString: 'srv=203.0.113.7:7777;lobby=7f3c',
      joinRestriction: 'Followed',
      maxPlayers: '8',
      currentPlayers: '3',
      groupId: 'lobby-7f3c',
      platform: 'Scarlett',
    })
    // The title and the user are in the URL, which a body does not have.
    expect(result.ok && result.unsaid).toEqual(['mpaTitleId', 'mpaXuid'])
  })

  it('tells each call by its members: invites, query, recent players, delete', () => {
    const kindOf = (text: string) => filled(parsePastedJson(text))?.kind
    expect(kindOf('{"platform":"Scarlett","connectionString":"c","invitedUsers":["1","2"]}')).toBe(
      'mpaSendInvites',
    )
    expect(kindOf('{"users":["2533274822222222"]}')).toBe('mpaQueryActivities')
    expect(kindOf('{"recentPlayers":[{"id":"1"}]}')).toBe('mpaRecentPlayers')
    expect(kindOf('{"sequenceNumber":50156983184}')).toBe('mpaDeleteActivity')
  })

  it('writes lists one XUID per line and recent players as lines, listing what a line cannot hold', () => {
    const invites = parsePastedJson('{"invitedUsers":["2533274822222222",2533274833333333]}')
    expect(filled(invites)).toEqual({
      kind: 'mpaSendInvites',
      invitedUsers: '2533274822222222\n2533274833333333',
    })
    const recent = parsePastedJson(
      '{"recentPlayers":[{"id":"2533274822222222","timestamp":"2025-06-01T12:00:00Z","encounterType":"Teammate","network":"XboxLive"}]}',
    )
    expect(filled(recent)).toEqual({
      kind: 'mpaRecentPlayers',
      recentPlayers: '2533274822222222 Teammate 2025-06-01T12:00:00Z',
    })
    expect(recent.ok && recent.unmapped.map((n) => n.path)).toEqual(['recentPlayers.0.network'])
  })

  it('reads a docs-style sample with comments and placeholders: placeholder fields are left to the form', () => {
    const result = parsePastedJson(`// Set activity
{
  "sequenceNumber": {sequenceNumber},
  "connectionString": "<connectionString>",
  "joinRestriction": "Public",
  "maxPlayers": 10,
}`)
    expect(filled(result)).toEqual({
      kind: 'mpaSetActivity',
      sequenceNumber: '',
      connectionString: '',
      joinRestriction: 'Public',
      maxPlayers: '10',
    })
    expect(result.ok && result.placeholderFields).toEqual(['sequenceNumber', 'connectionString'])
    expect(result.ok && result.repaired).toBe(true)
  })

  it('lists a member of another call instead of keeping it, and never reads an MPSD body as MPA', () => {
    const invites = parsePastedJson('{"invitedUsers":["1"],"joinRestriction":"Public"}')
    expect(filled(invites)).toEqual({ kind: 'mpaSendInvites', invitedUsers: '1' })
    expect(invites.ok && invites.unmapped).toEqual([
      { path: 'joinRestriction', reason: 'not part of a mpaSendInvites body' },
    ])
    // A handle body with an MPA-looking member stays a handle body.
    const handle = parsePastedJson('{"type":"invite","invitedXuid":"1","connectionString":"c"}')
    expect(filled(handle)).toMatchObject({ kind: 'invite', invitedXuid: '1' })
  })
})

describe('parsePastedText, curl commands to Multiplayer Activity', () => {
  const ACTIVITY = requestFromFields({
    kind: 'mpaSetActivity',
    mpaTitleId: '1717113201',
    mpaXuid: '2814679796296491',
    sequenceNumber: '50156982421',
    connectionString: 'srv=203.0.113.7:7777;it\'s "quoted"',
    joinRestriction: 'Followed',
    maxPlayers: '8',
    platform: 'Scarlett',
  })

  it('reads the Workbench’s own “Copy as curl” of an MPA call (to the simulator) back into the same request', () => {
    const wire = toWire(ACTIVITY, { contractVersion: 107 })
    const curl = toCurl(wire, { baseUrl: 'http://127.0.0.1:5173/sim' })
    const pasted = parsePastedText(curl)
    expect(pasted.ok && pastedFields(pasted)).toEqual({
      kind: 'mpaSetActivity',
      mpaTitleId: '1717113201',
      mpaXuid: '2814679796296491',
      sequenceNumber: '50156982421',
      connectionString: 'srv=203.0.113.7:7777;it\'s "quoted"',
      joinRestriction: 'Followed',
      maxPlayers: '8',
      platform: 'Scarlett',
    })
    // The URL says the title and the user: nothing is left to the form.
    expect(pasted.ok && pasted.unsaid).toEqual([])
    expect(pasted.ok && pasted.unmapped).toEqual([
      {
        path: 'header x-xbl-contract-version',
        reason: 'Multiplayer Activity calls always go with contract version 1',
      },
      {
        path: 'header Authorization',
        reason: 'not kept: who sends is chosen in Act as, and a token is never stored',
      },
    ])
  })

  it('reads the call from the method and path: invites, a delete without a body, placeholders in the path', () => {
    const invites = parsePastedText(
      `curl -X POST 'https://multiplayeractivity.xboxlive.com/titles/1717113201/invites' -d '{"invitedUsers":["2533274822222222"]}'`,
    )
    expect(invites.ok && pastedFields(invites)).toEqual({
      kind: 'mpaSendInvites',
      mpaTitleId: '1717113201',
      invitedUsers: '2533274822222222',
    })
    const remove = parsePastedText(`curl -X DELETE "$MPA_BASE_URL/titles/1/users/2/activities"`)
    expect(remove.ok && pastedFields(remove)).toEqual({
      kind: 'mpaDeleteActivity',
      mpaTitleId: '1',
      mpaXuid: '2',
    })
    const placeholders = parsePastedText(
      `curl -X PUT 'https://multiplayeractivity.xboxlive.com/titles/{titleId}/users/<xuid>/activities' -d '{"connectionString":"c","joinRestriction":"Public"}'`,
    )
    expect(placeholders.ok && placeholders.placeholderFields).toEqual(['mpaTitleId', 'mpaXuid'])
  })

  it('names an MPA call the composer does not make instead of guessing', () => {
    expect(
      parsePastedText('curl https://multiplayeractivity.xboxlive.com/titles/1/users/2/activities'),
    ).toEqual({
      ok: false,
      error:
        'GET /titles/1/users/2/activities is not a Multiplayer Activity call the composer makes (set, delete or query activities, send invites, update recent players).',
    })
    expect(parsePastedText(`curl -X POST https://m.test/titles/1/invites -d '[1]'`)).toMatchObject({
      ok: false,
      error: expect.stringContaining('not a JSON object'),
    })
  })
})
