// One call as sent and answered: failure explanation, status, timing, size, headers and body.
// Shared by the Response panel and the History detail. Bodies are rendered as text, never HTML.
import { useEffect, useRef } from 'react'
import { useSettings } from '../data/settings/settings-queries'
import { describeUpstream } from '../data/settings/settings-store'
import type { HistoryEntry } from '../data/history/history-entry'
import { formatBody, formatBytes } from './format-body'
import { describeFailure } from './proxy-error-message'
import { Alert } from './alert'
import { CopyButton } from './copy-button'
import { isTyping } from './is-typing'
import { SearchableBody } from './searchable-body'

type ExchangeViewProps = {
  entry: HistoryEntry
  /** Moves the focus to the answer's status (or its failure) once shown, unless the user types. */
  focusOnMount?: boolean
}

export function ExchangeView({ entry, focusOnMount = false }: ExchangeViewProps) {
  const statusRef = useRef<HTMLDivElement>(null)
  useEffect(() => {
    if (focusOnMount && !isTyping()) statusRef.current?.focus()
  }, [focusOnMount])
  const settings = useSettings()
  const failure = describeFailure(entry, settings.proxyUrl)
  const response = entry.response
  const contentType = response?.headers.find(([name]) => name.toLowerCase() === 'content-type')?.[1]
  const body = response ? formatBody(response.body, contentType) : undefined
  const headersText = response?.headers.map(([name, value]) => `${name}: ${value}`).join('\n') ?? ''
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
      {/* The focus target: the failure and the status line, read together when focused. */}
      <div ref={statusRef} tabIndex={-1} className="answer-status">
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
      </div>
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
          {handleLabel}: <code aria-label={handleLabel}>{handleId}</code>{' '}
          <CopyButton label="Copy handle id" text={() => handleId} />
        </p>
      ) : null}
      {response ? (
        <>
          <details>
            <summary>Headers ({response.headers.length})</summary>
            <pre aria-label="Response headers">{headersText}</pre>
          </details>
          <div className="button-row">
            <CopyButton label="Copy headers" text={() => headersText} />
            {body && body.kind !== 'empty' ? (
              <CopyButton label="Copy body" text={() => body.text} />
            ) : null}
          </div>
          <h3>Body</h3>
          {!body || body.kind === 'empty' ? (
            <p className="muted">No body.</p>
          ) : (
            <SearchableBody text={body.text} />
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
