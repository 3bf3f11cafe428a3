import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { parseCurl, shellWords } from './paste-curl'
import { parsePastedText, pastedFields } from './paste-json'
import { requestFromFields } from './request-fields'
import { toCurl } from './snippets'
import { toWire } from './to-wire'

const SCID = 'bd6c41c3-01c3-468a-a3b5-3e0fe8133862'
const BODY = JSON.stringify({
  type: 'invite',
  sessionRef: { scid: SCID, templateName: 'deathmatch', name: 'session-49' },
  version: 1,
  invitedXuid: '2533274790000001',
  inviteAttributes: { titleId: '1234', senderString: 'O\'Brien says "hi" $HOME `x`\nline 2' },
})

describe('parseCurl', () => {
  it('reads the Workbench’s own “Copy as curl” back, whatever the body holds', () => {
    const curl = toCurl(
      {
        method: 'POST',
        path: '/handles',
        headers: [
          ['x-xbl-contract-version', '107'],
          ['Content-Type', 'application/json; charset=utf-8'],
        ],
        body: BODY,
      },
      { baseUrl: 'https://sessiondirectory.xboxlive.com' },
    )
    const read = parseCurl(curl)
    expect(read).toEqual({
      ok: true,
      command: {
        method: 'POST',
        url: 'https://sessiondirectory.xboxlive.com/handles',
        headers: [
          ['x-xbl-contract-version', '107'],
          ['Content-Type', 'application/json; charset=utf-8'],
          ['Authorization', 'XBL3.0 x=<userhash>;<token>'],
        ],
        body: BODY,
        ignored: [],
      },
    })
    const pasted = parsePastedText(curl)
    expect(pasted.ok && pastedFields(pasted)).toMatchObject({
      kind: 'invite',
      scid: SCID,
      invitedXuid: '2533274790000001',
      senderString: 'O\'Brien says "hi" $HOME `x`\nline 2',
    })
    // The token header is never kept, and says so.
    expect(pasted.ok && pasted.unmapped.map((n) => n.path)).toEqual([
      'header x-xbl-contract-version',
      'header Authorization',
    ])
  })

  it('reads -X, -H and --data-raw/-d/--data in double quotes and ANSI-C strings, on several lines', () => {
    const read = parseCurl(
      [
        'curl "https://example.test/handles" \\',
        '  -XPOST --compressed \\',
        '  -H "Authorization: XBL3.0 x=1;t" \\',
        `  --data-raw $'{"type":"activity","sessionRef":{"scid":"${SCID}","templateName":"t\\'s"}}'`,
      ].join('\n'),
    )
    expect(read).toMatchObject({
      ok: true,
      command: {
        method: 'POST',
        url: 'https://example.test/handles',
        body: `{"type":"activity","sessionRef":{"scid":"${SCID}","templateName":"t's"}}`,
      },
    })
    expect(
      parseCurl(`curl -d '{"a":1}' --data "{\\"b\\":2}" https://x.test/handles`),
    ).toMatchObject({
      ok: true,
      command: { method: 'POST', body: '{"a":1}&{"b":2}' },
    })
    expect(parseCurl('curl -X PUT --request delete https://x.test/handles/1')).toMatchObject({
      ok: true,
      command: { method: 'DELETE', body: undefined },
    })
  })

  it('explains what it cannot read instead of guessing', () => {
    expect(parseCurl("curl -d 'unclosed https://x.test")).toMatchObject({ ok: false })
    expect(parseCurl('curl -d @body.json https://x.test')).toMatchObject({
      ok: false,
      error: expect.stringContaining('paste the body itself'),
    })
    expect(parseCurl('curl -sS')).toEqual({ ok: false, error: 'This curl command has no URL.' })
    expect(parsePastedText('curl https://x.test/handles')).toMatchObject({
      ok: false,
      error: expect.stringContaining('sends no body'),
    })
    expect(
      parsePastedText(`curl -X GET -d '{"scid":"${SCID}"}' https://x.test/other`),
    ).toMatchObject({
      ok: true,
      unmapped: [{ path: 'GET /other' }],
    })
  })

  it('splits any single-quoted word back to itself (the quoting snippets use)', () => {
    fc.assert(
      fc.property(fc.string(), (value) => {
        const quoted = `'${value.replace(/'/g, `'\\''`)}'`
        expect(shellWords(`curl ${quoted}`)).toEqual({ ok: true, words: ['curl', value] })
      }),
      { numRuns: 300 },
    )
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
