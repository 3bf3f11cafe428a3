import { describe, expect, it } from 'vitest'
import { pastedFields } from './paste-result'
import { parsePastedText } from './paste-text'
import { toCurl } from './snippets'

const SCID = 'bd6c41c3-01c3-468a-a3b5-3e0fe8133862'
const BODY = JSON.stringify({
  type: 'invite',
  sessionRef: { scid: SCID, templateName: 'deathmatch', name: 'session-49' },
  version: 1,
  invitedXuid: '2533274790000001',
  inviteAttributes: { titleId: '1234', senderString: 'O\'Brien says "hi" $HOME `x`\nline 2' },
})

describe('parsePastedText, curl commands to MPSD', () => {
  it('reads the Workbench’s own “Copy as curl” back into the request, whatever the body holds', () => {
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

  it('explains a command without a body, and lists a method and path the form does not keep', () => {
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
})
