// The Inbox (decision 022): the invites addressed to the player you act as, as the simulator holds
// them, with what their title would be launched with: the activation URI and the RTA notification
// (mpsd-sessions.md §5), each copyable. "Accept" joins the session through the invite handle as
// that player (issue 14). Against the real service there is nothing to list (invites arrive as
// notifications), so a pasted handle id shows the same.
import { useState } from 'react'
import { Alert } from '../../components/alert'
import { CopyButton } from '../../components/copy-button'
import { SessionMembers } from '../../components/session-members'
import { useAcceptInvite, type SessionCallResult } from '../../data/sessions/session-queries'
import { inviteNotificationPayload } from '../../mpsd/invite-notification'
import { prettyJsonText } from '../../mpsd/request-builder'
import type { InboxInvite } from '../../mpsd/sim-players'
import { RelativeTime } from '../../components/relative-time'
import { useInbox } from '../../data/identities/players-queries'
import { useActing } from '../../data/identities/use-acting'
import { useSendRequest } from '../../data/send/use-send-request'
import { useSettings } from '../../data/settings/settings-queries'
import { ACT_AS_SIM_PREFIX, SIMULATOR_UPSTREAM } from '../../mpsd/proxy-protocol'
import { describeSender, senderOf } from '../../mpsd/acting-identity'
import { getHandleRequest } from '../../mpsd/request-builder'
import { inviteActivationUri } from '../../mpsd/sim-players'
import { MpaInbox } from './mpa-inbox'

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

function notificationOf(invite: InboxInvite, invitedXuid: string): string {
  return JSON.stringify(
    inviteNotificationPayload({
      handleId: invite.handleId,
      sessionRef: invite.sessionRef,
      invitedXuid,
      senderXuid: invite.senderXuid,
      senderGamertag: invite.senderGamertag,
      titleId: invite.titleId,
      context: invite.context,
      expiration: invite.expiresAt,
    }),
  )
}

function SimulatorInbox({ xuid }: { xuid: string }) {
  const inbox = useInbox(xuid)
  const settings = useSettings()
  const accept = useAcceptInvite()
  const [accepted, setAccepted] = useState<{ invite: InboxInvite; result: SessionCallResult }>()
  async function onAccept(invite: InboxInvite) {
    // The Inbox is this player's: the call goes out as them, whoever Act as names later.
    const result = await accept.accept(
      invite.handleId,
      xuid,
      `${ACT_AS_SIM_PREFIX}${xuid}`,
      settings.contractVersion,
    )
    setAccepted({ invite, result })
  }
  if (inbox.isPending) return <p role="status">Loading…</p>
  if (inbox.isError) return <Alert>Could not read the inbox: {inbox.error.message}</Alert>
  const invites = inbox.data.invites
  // MPSD invite handles and Multiplayer Activity invites, counted together.
  const count = invites.length + inbox.data.mpaInvites.length
  return (
    <>
      <div className="button-row">
        <button type="button" onClick={() => void inbox.refetch()}>
          Refresh
        </button>
        <span role="status">
          {count === 1 ? '1 invite' : `${count} invites`} for {xuid}
        </span>
      </div>
      {count === 0 ? (
        <p>No invites yet. Send one to {xuid} from another player (Act as, then Compose).</p>
      ) : invites.length === 0 ? null : (
        <table aria-label="Invites">
          <thead>
            <tr>
              <th>From</th>
              <th>Session</th>
              <th>Context</th>
              <th>Sent</th>
              <th>Expires</th>
              <th>The title receives</th>
              <th>Actions</th>
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
                  <code className="mono">{invite.activationUri}</code>{' '}
                  <CopyButton label="Copy URI" text={() => invite.activationUri} />
                  <details>
                    <summary>Notification payload</summary>
                    <pre aria-label="Notification payload" className="mono">
                      {prettyJsonText(notificationOf(invite, xuid))}
                    </pre>
                  </details>
                  <CopyButton label="Copy notification" text={() => notificationOf(invite, xuid)} />
                </td>
                <td>
                  <button
                    type="button"
                    disabled={invite.expired || accept.isPending}
                    onClick={() => void onAccept(invite)}
                  >
                    Accept
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {accept.isPending ? <p role="status">Accepting…</p> : null}
      {accept.isError ? <Alert>{accept.error.message}</Alert> : null}
      {accepted ? <AcceptedInvite {...accepted} invitedXuid={xuid} /> : null}
      <MpaInbox invites={inbox.data.mpaInvites} />
    </>
  )
}

function AcceptedInvite({
  invite,
  result,
  invitedXuid,
}: {
  invite: InboxInvite
  result: SessionCallResult
  invitedXuid: string
}) {
  const { response } = result.entry
  const ref = `${invite.sessionRef.templateName}/${invite.sessionRef.name}`
  if (!response || response.status < 200 || response.status >= 300)
    return (
      <Alert>
        Accepting the invite to {ref} failed:{' '}
        {result.entry.networkError ??
          result.entry.proxyError?.message ??
          `HTTP ${response?.status ?? '?'} ${response?.body.slice(0, 300) ?? ''}`}
      </Alert>
    )
  return (
    <section aria-label="Accepted session">
      <h3>
        Joined {ref} (PUT /handles/{invite.handleId}/session: {response.status})
      </h3>
      {result.session ? (
        <SessionMembers
          session={result.session}
          you={invitedXuid}
          label="Members of the accepted session"
        />
      ) : (
        <p>The answer carries no session: it no longer exists.</p>
      )}
    </section>
  )
}

function RealServiceInbox({ invitedXuid }: { invitedXuid: string | undefined }) {
  const [handleId, setHandleId] = useState('')
  const send = useSendRequest()
  const accept = useAcceptInvite()
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
      </button>{' '}
      <button
        type="button"
        disabled={!id || accept.isPending}
        onClick={() =>
          void accept.accept(id, invitedXuid ?? '', settings.actAs, settings.contractVersion)
        }
      >
        Accept
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
      {accept.data ? (
        <>
          <p role="status">
            PUT /handles/{id}/session:{' '}
            {accept.data.entry.response?.status ?? accept.data.entry.proxyError?.code} (see History)
          </p>
          {accept.data.session ? (
            <SessionMembers
              session={accept.data.session}
              you={invitedXuid}
              label="Members of the accepted session"
            />
          ) : null}
        </>
      ) : null}
      {accept.isError ? <Alert>{accept.error.message}</Alert> : null}
    </>
  )
}
