import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { CURL_INVITE_BODY, CURL_SCID, workbenchInviteCurl } from '../testing/curl-fixtures'
import { parseCurl, shellWords } from './paste-curl'

describe('parseCurl', () => {
  it('reads the Workbench’s own “Copy as curl” back, whatever the body holds', () => {
    const curl = workbenchInviteCurl()
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
        body: CURL_INVITE_BODY,
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
        `  --data-raw $'{"type":"activity","sessionRef":{"scid":"${CURL_SCID}","templateName":"t\\'s"}}'`,
      ].join('\n'),
    )
    expect(read).toMatchObject({
      ok: true,
      command: {
        method: 'POST',
        url: 'https://example.test/handles',
        body: `{"type":"activity","sessionRef":{"scid":"${CURL_SCID}","templateName":"t's"}}`,
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
