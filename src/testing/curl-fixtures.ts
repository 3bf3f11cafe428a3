// The Workbench's own "Copy as curl" of an MPSD invite whose body holds every character a shell
// quotes (quotes, $, backticks, a newline): what the curl reader and the paste box must read back.
import { toCurl } from '../mpsd/snippets'

export const CURL_SCID = 'bd6c41c3-01c3-468a-a3b5-3e0fe8133862'

export const CURL_INVITE_BODY = JSON.stringify({
  type: 'invite',
  sessionRef: { scid: CURL_SCID, templateName: 'deathmatch', name: 'session-49' },
  version: 1,
  invitedXuid: '2533274790000001',
  inviteAttributes: { titleId: '1234', senderString: 'O\'Brien says "hi" $HOME `x`\nline 2' },
})

export function workbenchInviteCurl(): string {
  return toCurl(
    {
      method: 'POST',
      path: '/handles',
      headers: [
        ['x-xbl-contract-version', '107'],
        ['Content-Type', 'application/json; charset=utf-8'],
      ],
      body: CURL_INVITE_BODY,
    },
    { baseUrl: 'https://sessiondirectory.xboxlive.com' },
  )
}
