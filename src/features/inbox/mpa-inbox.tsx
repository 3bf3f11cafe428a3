// The invites sent to the player through Multiplayer Activity (decision 110): no handle, a
// connection string, and the accept URI a GDK title on PC is launched with.
import { CopyButton } from '../../components/copy-button'
import type { MpaInboxInvite } from '../../mpsd/sim-players'

export function MpaInbox({ invites }: { invites: readonly MpaInboxInvite[] }) {
  if (invites.length === 0) return null
  return (
    <>
      <h3>Multiplayer Activity invites</h3>
      <table aria-label="Multiplayer Activity invites">
        <thead>
          <tr>
            <th>From</th>
            <th>Title</th>
            <th>Connection string</th>
            <th>Sent</th>
            <th>Expires</th>
            <th>The title receives</th>
          </tr>
        </thead>
        <tbody>
          {invites.map((invite) => (
            <tr key={invite.id}>
              <td>
                {invite.senderGamertag ?? 'unknown player'} ({invite.senderXuid})
              </td>
              <td className="mono">
                {invite.titleId}
                {invite.platform ? ` (${invite.platform})` : ''}
              </td>
              <td className="mono">{invite.connectionString || '(empty)'}</td>
              <td>{new Date(invite.sentAt).toLocaleString()}</td>
              <td>{invite.expired ? 'expired' : new Date(invite.expiresAt).toLocaleString()}</td>
              <td>
                <code className="mono">{invite.acceptUri}</code>{' '}
                <CopyButton label="Copy URI" text={() => invite.acceptUri} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </>
  )
}
