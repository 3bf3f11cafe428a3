// One call as sent and answered: failure explanation, status, timing, size, headers and body.
// Shared by the Response panel and the History detail. Bodies are rendered as text, never HTML.
import { useSettings } from '../data/settings/settings-queries'
import { describeUpstream } from '../data/settings/settings-store'
import type { HistoryEntry } from '../data/history/history-entry'
import { formatBody, formatBytes } from './format-body'
import { describeFailure } from './proxy-error-message'
import { Alert } from './alert'

export function ExchangeView({ entry }: { entry: HistoryEntry }) {
  const settings = useSettings()
  const failure = describeFailure(entry, settings.proxyUrl)
  const response = entry.response
  const contentType = response?.headers.find(([name]) => name.toLowerCase() === 'content-type')?.[1]
  const body = response ? formatBody(response.body, contentType) : undefined
  // Any 2xx answer to POST /handles with an id filed a handle (history-write's handleFiledBy).
  const handleId =
    entry.handleId ??
    (entry.kind === 'invite' && response?.status === 201
      ? inviteHandleId(response.body)
      : undefined)
  const handleLabel = entry.kind === 'invite' ? 'Invite handle id' : 'Handle id'
  return (
    <div className="exchange">
      {entry.storageError ? (
        <Alert>This call was not saved to History: {entry.storageError}</Alert>
      ) : null}
      {failure ? (
        <Alert as="div">
          <p>
            <strong>{failure.title}</strong>
          </p>
          <p>{failure.detail}</p>
          <p>{failure.next}</p>
        </Alert>
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
          {handleLabel}: <code aria-label={handleLabel}>{handleId}</code>
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
