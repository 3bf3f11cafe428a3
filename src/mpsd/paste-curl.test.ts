import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { parseCurl, shellWords } from './paste-curl'
import { toCurl } from './snippets'

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
