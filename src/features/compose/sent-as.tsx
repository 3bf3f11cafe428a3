// The preview's Authorization line: exactly what will be sent, and as whom (decision 022). A
// simulated player or signed-in account ("server token"), your pasted token (redacted), the
// server's XBL_AUTHORIZATION, or no Authorization at all; a send nobody can authorise says how to
// sign in instead.
import { useActing } from '../../data/identities/use-acting'
import { describeSender, senderOf, sentAuthorization } from '../../mpsd/acting-identity'
import type { WireRequest } from '../../mpsd/request-builder'
import { Alert } from '../../components/alert'

/** Why nobody can send this, or why Xbox Live will refuse it: on the Preview tab, beside Send. */
export function SenderNotice({
  upstream,
  actAs,
}: {
  upstream: string
  actAs?: string | undefined
}) {
  const acting = useActing(upstream, actAs)
  if (acting.kind === 'blocked') return <Alert>Not sendable: {acting.message}</Alert>
  if (acting.kind === 'xbl' && !acting.identity.canJoinMultiplayer)
    return (
      <Alert>
        {acting.identity.gamertag} lacks the multiplayer privilege (254): Xbox Live will refuse
        invites and activities for this account.
      </Alert>
    )
  return null
}

type PreviewHeadersProps = { request: WireRequest; upstream: string; actAs?: string | undefined }

export function PreviewHeaders({ request, upstream, actAs }: PreviewHeadersProps) {
  const acting = useActing(upstream, actAs)
  const authorization = acting.kind === 'blocked' ? undefined : sentAuthorization(acting)
  const sender = senderOf(acting)
  const lines = [...request.headers, ...(authorization ? [['Authorization', authorization]] : [])]
  return (
    <>
      <p aria-label="Sent as" className="muted">
        {acting.kind === 'blocked' ? null : <>Sent as {sender ? describeSender(sender) : ''}</>}
        {acting.kind === 'sim' ? `, userhash ${acting.player.userhash}; server token` : null}
        {acting.kind === 'xbl'
          ? `, userhash ${acting.identity.userhash}, ${acting.identity.sandbox}; server token`
          : null}
        {acting.kind === 'token' ? ' (redacted)' : null}
        {acting.kind === 'none' ? ': the request carries no Authorization header' : null}
      </p>
      <pre aria-label="Request headers" className="mono">
        {lines.map(([name, value]) => `${name}: ${value}`).join('\n')}
      </pre>
    </>
  )
}
