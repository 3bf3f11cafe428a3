// The Inbox (decision 022): the invites addressed to the player you act as, as the simulator holds
// them, with what their title would be launched with. Against the real service there is nothing to
// list (invites arrive as notifications), so a pasted handle id shows the same.
import { useState } from 'react'
import { Alert } from '../../components/alert'
import { MonoId } from '../../components/mono-id'
import { RelativeTime } from '../../components/relative-time'
import { useInbox } from '../../data/identities/players-queries'
import { useActing } from '../../data/identities/use-acting'
import { useSendRequest } from '../../data/send/use-send-request'
import { useSettings } from '../../data/settings/settings-queries'
import { SIMULATOR_UPSTREAM } from '../../mpsd/proxy-protocol'
import { describeSender, senderOf } from '../../mpsd/acting-identity'
import { getHandleRequest } from '../../mpsd/request-builder'
import { inviteActivationUri } from '../../mpsd/sim-players'

export function InboxView() {
  const settings = useSettings()
  const acting = useActing()
  const simulated = settings.upstream === SIMULATOR_UPSTREAM
  const xuid =
    acting.kind === 'sim'
      ? acting.player.xuid
      : acting.kind === 'xbl'
        ? acting.identity.xuid
        : undefined
  const sender = acting.kind === 'blocked' ? undefined : senderOf(acting)
  return (
    <section className="panel" aria-labelledby="inbox-heading">
      <h2 id="inbox-heading">Inbox{sender?.gamertag ? ` of ${describeSender(sender)}` : ''}</h2>
      {simulated && xuid ? <SimulatorInbox xuid={xuid} /> : null}
      {simulated && !xuid ? (
        <p>Pick a simulated player in Act as to see the invites addressed to them.</p>
      ) : null}
      {!simulated ? <RealServiceInbox invitedXuid={xuid} /> : null}
    </section>
  )
}

function SimulatorInbox({ xuid }: { xuid: string }) {
  const inbox = useInbox(xuid)
  if (inbox.isPending) return <p role="status">Loading…</p>
  if (inbox.isError) return <Alert>Could not read the inbox: {inbox.error.message}</Alert>
  const invites = inbox.data.invites
  return (
    <>
      <div className="button-row">
        <button type="button" onClick={() => void inbox.refetch()}>
          Refresh
        </button>
        <span role="status">
          {invites.length === 1 ? '1 invite' : `${invites.length} invites`} for {xuid}
        </span>
      </div>
      {invites.length === 0 ? (
        <p>No invites yet. Send one to {xuid} from another player (Act as, then Compose).</p>
      ) : (
        <table aria-label="Invites">
          <thead>
            <tr>
              <th>From</th>
              <th>Session</th>
              <th>Context</th>
              <th>Sent</th>
              <th>Expires</th>
              <th>The title receives</th>
            </tr>
          </thead>
          <tbody>
            {invites.map((invite) => (
              <tr key={invite.handleId}>
                <td>
                  {invite.senderGamertag ?? 'unknown player'} ({invite.senderXuid})
                </td>
                <td>
                  {invite.sessionRef.templateName}/{invite.sessionRef.name}
                </td>
                <td>{invite.context ?? '—'}</td>
                <td>
                  <RelativeTime time={Date.parse(invite.sentAt)} />
                </td>
                <td>{invite.expired ? 'expired' : new Date(invite.expiresAt).toLocaleString()}</td>
                <td>
                  <MonoId value={invite.activationUri} name="URI" />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </>
  )
}

function RealServiceInbox({ invitedXuid }: { invitedXuid: string | undefined }) {
  const [handleId, setHandleId] = useState('')
  const send = useSendRequest()
  const settings = useSettings()
  const id = handleId.trim()
  return (
    <>
      <p>
        Xbox Live has no inbox to read: an invite reaches the invited player as a notification, and
        accepting it launches the title with an activation URI that names the handle. Paste a handle
        id (from the invite’s 201 answer, or from the invitee’s notification) to see what the title
        receives and to look it up.
      </p>
      <label htmlFor="inbox-handle">Handle id</label>{' '}
      <input
        id="inbox-handle"
        value={handleId}
        onChange={(event) => setHandleId(event.target.value)}
      />{' '}
      <button
        type="button"
        disabled={!id || send.isPending}
        onClick={() =>
          send.mutate({ request: getHandleRequest(id, settings.contractVersion), kind: 'get' })
        }
      >
        Look it up
      </button>
      {id ? (
        <p>
          The title receives{' '}
          <code className="mono">
            {inviteActivationUri({
              handleId: id,
              invitedXuid: invitedXuid ?? '<your XUID>',
              senderXuid: '<sender XUID>',
              context: null,
            })}
          </code>
        </p>
      ) : null}
      {send.data ? (
        <p role="status">
          GET /handles/{id}: {send.data.response?.status ?? send.data.proxyError?.code} (see
          History)
        </p>
      ) : null}
      {send.isError ? <Alert>{send.error.message}</Alert> : null}
    </>
  )
}
