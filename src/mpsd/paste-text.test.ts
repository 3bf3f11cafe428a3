import { describe, expect, it } from 'vitest'
import { CURL_SCID, workbenchInviteCurl } from '../testing/curl-fixtures'
import { pastedFields } from './paste-result'
import { parsePastedText } from './paste-text'

describe('parsePastedText, curl commands to MPSD', () => {
  it('reads the Workbench’s own “Copy as curl” back into the request, whatever the body holds', () => {
    const curl = workbenchInviteCurl()
    const pasted = parsePastedText(curl)
    expect(pasted.ok && pastedFields(pasted)).toMatchObject({
      kind: 'invite',
      scid: CURL_SCID,
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
      parsePastedText(`curl -X GET -d '{"scid":"${CURL_SCID}"}' https://x.test/other`),
    ).toMatchObject({
      ok: true,
      unmapped: [{ path: 'GET /other' }],
    })
  })
})
