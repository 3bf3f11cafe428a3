// A session's members and their states, as the Session panel (Compose) and the Inbox's Accept show
// them: index, player, XUID and XSAPI's status (active, ready, reserved, inactive).
import type { SessionView } from '../mpsd/session-document'

export function SessionMembers({
  session,
  you,
  label = 'Session members',
}: {
  session: SessionView
  /** The acting player's XUID, marked "(you)". */
  you?: string | undefined
  label?: string
}) {
  if (session.members.length === 0) return <p className="muted">No members.</p>
  return (
    <table aria-label={label}>
      <thead>
        <tr>
          <th scope="col">Index</th>
          <th scope="col">Player</th>
          <th scope="col">XUID</th>
          <th scope="col">State</th>
        </tr>
      </thead>
      <tbody>
        {session.members.map((member) => (
          <tr key={member.index}>
            <td>{member.index}</td>
            <td>
              {member.gamertag ?? '—'}
              {you && member.xuid === you ? ' (you)' : ''}
            </td>
            <td className="mono">{member.xuid}</td>
            <td>{member.status}</td>
          </tr>
        ))}
      </tbody>
    </table>
  )
}
