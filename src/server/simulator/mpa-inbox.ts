// The invites sent through Multiplayer Activity to one player, as their Inbox shows them: sender,
// connection string, times, and the accept URI a GDK title would be launched with (mpa.md §4).
import { mpaInviteAcceptUri } from '../../mpsd/mpa/mpa-activities'
import type { MpaInboxInvite } from '../../mpsd/sim-players'
import type { SimulatorState } from './simulator-state'

export function mpaInboxOf(state: SimulatorState, xuid: string, at: number): MpaInboxInvite[] {
  const gamertagOf = (x: string) => state.players.find((p) => p.xuid === x)?.gamertag ?? null
  return state.mpa.invites
    .filter((invite) => invite.invitedUser === xuid)
    .map((invite) => ({
      id: invite.id,
      titleId: invite.titleId,
      senderXuid: invite.sender,
      senderGamertag: gamertagOf(invite.sender),
      connectionString: invite.connectionString,
      platform: invite.platform ?? null,
      sentAt: new Date(invite.sentAt).toISOString(),
      expiresAt: new Date(invite.expiresAt).toISOString(),
      expired: invite.expiresAt <= at,
      acceptUri: mpaInviteAcceptUri({
        invitedUser: xuid,
        sender: invite.sender,
        connectionString: invite.connectionString,
      }),
    }))
    .reverse()
}
