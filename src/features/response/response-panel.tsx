import { useMutationState } from '@tanstack/react-query'
import { useSettings } from '../../data/settings/settings-queries'
import { describeUpstream } from '../../data/settings/settings-store'
import type { HistoryEntry } from '../../data/history/history-entry'
import { SEND_MUTATION_KEY, type SendInput } from '../../data/send/use-send-request'
import { formatBody, formatBytes } from './format-body'
import { describeFailure } from './proxy-error-message'

type SendState = { status: string; data: HistoryEntry | undefined; error: Error | null; variables: SendInput | undefined }

/** Shows the latest call made with "Send", read from React Query's mutation cache. */
export function ResponsePanel() {
  const sends = useMutationState({
    filters: { mutationKey: SEND_MUTATION_KEY },
    select: (mutation): SendState => ({
      status: mutation.state.status,
      data: mutation.state.data as HistoryEntry | undefined,
      error: mutation.state.error,
      variables: mutation.state.variables as SendInput | undefined,
    }),
  })
  const latest = sends.at(-1)
  return (
    <section className="panel" aria-label="Response">
      <h2>Response</h2>
      {!latest ? <p className="muted">Send a request to see the answer here.</p> : null}
      {latest?.status === 'pending' ? <p role="status">Sending…</p> : null}
      {latest?.status === 'error' ? (
        <div role="alert" className="alert">
          <p>The request could not be sent: {latest.error?.message}</p>
        </div>
      ) : null}
      {latest?.status === 'success' && latest.data ? <ExchangeView entry={latest.data} /> : null}
    </section>
  )
}

export function ExchangeView({ entry }: { entry: HistoryEntry }) {
  const settings = useSettings()
  const failure = describeFailure(entry, settings.proxyUrl)
  const response = entry.response
  const contentType = response?.headers.find(([name]) => name.toLowerCase() === 'content-type')?.[1]
  const body = response ? formatBody(response.body, contentType) : undefined
  const handleId = entry.kind === 'invite' && response?.status === 201 ? inviteHandleId(response.body) : undefined
  return (
    <div className="exchange">
      {failure ? (
        <div role="alert" className="alert">
          <p>
            <strong>{failure.title}</strong>
          </p>
          <p>{failure.detail}</p>
          <p>{failure.next}</p>
        </div>
      ) : null}
      {response ? (
        <p className={`status-line status-${entry.statusClass}`} aria-label="Status">
          <strong>
            {response.status} {response.statusText}
          </strong>
        </p>
      ) : null}
      <dl className="facts">
        <dt>Upstream</dt>
        <dd>{describeUpstream(entry.upstream)}</dd>
        <dt>Time</dt>
        <dd>
          {entry.durationMs.toFixed(0)} ms total
          {entry.upstreamMs !== undefined ? `, ${entry.upstreamMs.toFixed(1)} ms upstream` : ''}
        </dd>
        {response ? (
          <>
            <dt>Size</dt>
            <dd>{formatBytes(response.sizeBytes)}</dd>
          </>
        ) : null}
      </dl>
      {handleId ? (
        <p>
          Invite handle id: <code aria-label="Invite handle id">{handleId}</code>
        </p>
      ) : null}
      {response ? (
        <>
          <details>
            <summary>Headers ({response.headers.length})</summary>
            <pre aria-label="Response headers">
              {response.headers.map(([name, value]) => `${name}: ${value}`).join('\n')}
            </pre>
          </details>
          <h3>Body</h3>
          {body?.kind === 'empty' ? (
            <p className="muted">No body.</p>
          ) : (
            <pre aria-label="Response body">{body?.text}</pre>
          )}
        </>
      ) : null}
    </div>
  )
}

function inviteHandleId(body: string): string | undefined {
  try {
    const parsed = JSON.parse(body) as { id?: unknown }
    return typeof parsed.id === 'string' ? parsed.id : undefined
  } catch {
    return undefined
  }
}
