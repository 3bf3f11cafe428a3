// One History entry: the request as it was sent (token redacted) and the answer, with "Replay"
// (after a confirmation for invites: a replayed invite is a new invite) and "Open in composer".
import { isRequestKind } from '../../mpsd/request-kinds'
import { useState } from 'react'
import { ExchangeView } from '../../components/exchange-view'
import { ConfirmDialog } from '../../components/confirm-dialog'
import { useOpenInComposer } from '../../data/drafts/draft-queries'
import type { HistoryEntry } from '../../data/history/history-entry'
import { useSendRequest } from '../../data/send/use-send-request'
import { describeUpstream } from '../../data/settings/settings-store'
import { actAsFor, describeSender, senderOf } from '../../mpsd/acting-identity'
import { DEFAULT_SIM_PLAYERS } from '../../mpsd/default-sim-players'
import { useIdentities } from '../../data/identities/identities-queries'
import { useSimPlayers } from '../../data/identities/players-queries'
import { useActing } from '../../data/identities/use-acting'
import { composedRequestOf } from '../../data/history/composed-request'
import { Alert } from '../../components/alert'
import { ExpectationResults } from '../../components/expectation-results'

type HistoryDetailProps = {
  entry: HistoryEntry
  /** Shows another entry: a Replay's new one, so the answer on screen is the Replay's. */
  onOpen?: (id: string) => void
}

export function HistoryDetail({ entry, onOpen }: HistoryDetailProps) {
  const send = useSendRequest()
  const open = useOpenInComposer()
  const [confirming, setConfirming] = useState(false)
  // Kept with the entry it is about: the view shows the next entry in this same component.
  const [openError, setOpenError] = useState<{ id: string; message: string }>()
  const composable = isRequestKind(entry.kind)
  // Replay sends as the entry's sender while that identity is still here, else as Act as does now.
  const players = useSimPlayers().data ?? DEFAULT_SIM_PLAYERS
  const identities = useIdentities().data ?? []
  const replayActAs = entry.sender ? actAsFor(entry.sender, players, identities) : undefined
  const replayActing = useActing(entry.upstream, replayActAs)
  const replaySender = senderOf(replayActing)

  function replay() {
    setConfirming(false)
    send.mutate(
      {
        request: {
          method: entry.request.method,
          path: entry.request.path,
          // The stored headers hold the redacted placeholder; the current token is added at send time.
          headers: entry.request.headers.filter(([name]) => name.toLowerCase() !== 'authorization'),
          body: entry.request.body,
        },
        ...(entry.composed ? { composed: entry.composed } : {}),
        kind: entry.kind,
        upstream: entry.upstream,
        ...(replayActAs ? { actAs: replayActAs } : {}),
        meta: {
          ...(entry.scid ? { scid: entry.scid } : {}),
          ...(entry.xuid ? { xuid: entry.xuid } : {}),
          ...(entry.sessionName ? { sessionName: entry.sessionName } : {}),
        },
      },
      { onSuccess: (replayed) => onOpen?.(replayed.id) },
    )
  }

  function openInComposer() {
    const opened = composedRequestOf(entry)
    setOpenError(opened.ok ? undefined : { id: entry.id, message: opened.error })
    if (!opened.ok) return
    open.mutate({
      request: opened.request,
      source: `History entry of ${new Date(entry.startedAt).toLocaleString()}`,
    })
  }

  return (
    <section className="panel history-detail" aria-label="Entry">
      <h3>
        {entry.kind} to {describeUpstream(entry.upstream)},{' '}
        {new Date(entry.startedAt).toLocaleString()}
        {entry.imported ? ' (imported)' : ''}
      </h3>
      {entry.sender ? <p aria-label="Sender">Sent by {describeSender(entry.sender)}</p> : null}
      <div className="button-row">
        <button
          type="button"
          onClick={() =>
            entry.kind === 'invite' || entry.kind === 'mpaSendInvites'
              ? setConfirming(true)
              : replay()
          }
          disabled={send.isPending}
        >
          Replay
        </button>
        {composable ? (
          <button type="button" onClick={openInComposer}>
            Open in composer
          </button>
        ) : null}
        <span role="status">
          {send.isPending
            ? 'Replaying…'
            : send.isSuccess
              ? send.data.id === entry.id
                ? `Replayed: ${send.data.response?.status ?? send.data.proxyError?.code ?? 'no answer'}; this is the new History entry`
                : `Replayed: ${send.data.response?.status ?? send.data.proxyError?.code ?? 'no answer'} (a new History entry)`
              : ''}
        </span>
      </div>
      {send.isError ? <Alert>Replay failed: {send.error.message}</Alert> : null}
      {openError?.id === entry.id ? (
        <Alert>This entry cannot be opened in the composer: {openError.message}</Alert>
      ) : null}
      {entry.expectations && entry.composed?.expect?.length ? (
        <ExpectationResults results={entry.expectations} />
      ) : null}
      <h4>Request as sent</h4>
      <pre aria-label="Request as sent">
        {`${entry.request.method} ${entry.request.path}\n${entry.request.headers.map(([n, v]) => `${n}: ${v}`).join('\n')}${entry.request.body === undefined ? '' : `\n\n${entry.request.body}`}`}
      </pre>
      <h4>Response</h4>
      <ExchangeView entry={entry} />
      <ConfirmDialog
        open={confirming}
        title="Replay this invite?"
        confirmLabel="Send again"
        onConfirm={replay}
        onCancel={() => setConfirming(false)}
      >
        <p>
          A replayed invite is a new invite:{' '}
          {entry.xuid ? `XUID ${entry.xuid}` : 'the invited user'} gets another notification.
        </p>
        <p>
          {replaySender ? `It is sent as ${describeSender(replaySender)}` : 'It cannot be sent now'}
          {entry.sender && !replayActAs
            ? `, not as ${describeSender(entry.sender)}, who is no longer available.`
            : '.'}
        </p>
      </ConfirmDialog>
    </section>
  )
}
