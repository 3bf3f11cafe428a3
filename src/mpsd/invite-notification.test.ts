import { describe, expect, it } from 'vitest'
import { inviteNotificationPayload } from './invite-notification'

const invite = {
  handleId: '0f6b2c1e-8d4a-4e7b-b1c2-9a3d5e7f1a2b',
  sessionRef: {
    scid: '7492baca-c1b4-440d-a391-b7ef364ff8a1',
    templateName: 'GameLobby',
    name: 'B6F0C7A2-5E1D-4C8A-9F37-2D8E1A6C4B90',
  },
  invitedXuid: '2535422222222222',
  senderXuid: '2535411111111111',
  senderGamertag: 'HostGT',
  titleId: '1234567890',
  context: 'mode=coop',
  expiration: '2026-03-01T20:04:11.2830000Z',
}

describe('inviteNotificationPayload', () => {
  it('is the §5.1 example: every field XSAPI requires, in its order', () => {
    expect(JSON.stringify(inviteNotificationPayload(invite))).toBe(
      '{"inviteHandle":{"id":"0f6b2c1e-8d4a-4e7b-b1c2-9a3d5e7f1a2b","type":"invite","version":1,' +
        '"sessionRef":{"scid":"7492baca-c1b4-440d-a391-b7ef364ff8a1","templateName":"GameLobby","name":"B6F0C7A2-5E1D-4C8A-9F37-2D8E1A6C4B90"},' +
        '"invitedXuid":"2535422222222222","senderXuid":"2535411111111111","inviteProtocol":"game",' +
        '"inviteAttributes":{"titleId":"1234567890","context":"mode=coop"},"expiration":"2026-03-01T20:04:11.2830000Z",' +
        '"inviteInfo":{"sender":"HostGT","senderModernGamertag":"HostGT","senderModernGamertagSuffix":"",' +
        '"senderUniqueModernGamertag":"HostGT","senderImageUrl":""}}}',
    )
  })

  it('leaves out only the context when there is none, and keeps a session’s own protocol', () => {
    const payload = inviteNotificationPayload({
      ...invite,
      context: null,
      senderGamertag: null,
      inviteProtocol: 'party',
    })
    expect(payload.inviteHandle.inviteAttributes).toEqual({ titleId: '1234567890' })
    expect(payload.inviteHandle.inviteProtocol).toBe('party')
    expect(Object.keys(payload.inviteHandle.inviteInfo)).toHaveLength(5)
  })
})
