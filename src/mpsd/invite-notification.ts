// What a title receives for an invite, besides the activation URI (sim-players.ts): the RTA
// notification XSAPI parses on Win32 and other "external" platforms (mpsd-sessions.md §5.1). XSAPI
// drops the event when any field but inviteAttributes.context is missing, inviteInfo's five
// included, so every one is written, empty when the simulator has no value (no images, no
// modern-gamertag suffixes).
import type { SessionRef } from './session-document'

export type InviteNotificationInput = {
  handleId: string
  sessionRef: SessionRef
  invitedXuid: string
  senderXuid: string
  senderGamertag: string | null
  titleId: string
  context: string | null
  /** ISO 8601, as the handle's `expiration`. */
  expiration: string
  /** The session's constants.system.inviteProtocol; the simulator's default template says "game". */
  inviteProtocol?: string
}

/** The notification's event data, keys in §5.1's order: `{"inviteHandle":{…}}`. */
export function inviteNotificationPayload(invite: InviteNotificationInput) {
  const sender = invite.senderGamertag ?? ''
  return {
    inviteHandle: {
      id: invite.handleId,
      type: 'invite',
      version: 1,
      sessionRef: {
        scid: invite.sessionRef.scid,
        templateName: invite.sessionRef.templateName,
        name: invite.sessionRef.name,
      },
      invitedXuid: invite.invitedXuid,
      senderXuid: invite.senderXuid,
      inviteProtocol: invite.inviteProtocol ?? 'game',
      inviteAttributes: {
        titleId: invite.titleId,
        ...(invite.context === null ? {} : { context: invite.context }),
      },
      expiration: invite.expiration,
      inviteInfo: {
        sender,
        senderModernGamertag: sender,
        senderModernGamertagSuffix: '',
        senderUniqueModernGamertag: sender,
        senderImageUrl: '',
      },
    },
  }
}
