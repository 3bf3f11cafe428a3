import { lazy, memo, Suspense, useState, type ReactNode } from 'react'
import { CopyButton } from '../../components/copy-button'
import { Tabs } from '../../components/tabs'
import { useAuthorization } from '../../data/settings/settings-queries'
import { describeUpstream, SIMULATOR_UPSTREAM } from '../../data/settings/settings-store'
import { prettyJsonText, type WireRequest } from '../../mpsd/request-builder'
import { upstreamFor } from '../../mpsd/mpa/mpa-path'
import type { ComposeIssue } from './compose-form-schema'

// Who sends and the Authorization line need the roster and sign-ins: loaded after the first paint.
const PreviewHeaders = lazy(() => import('./sent-as').then((m) => ({ default: m.PreviewHeaders })))
const SenderNotice = lazy(() => import('./sent-as').then((m) => ({ default: m.SenderNotice })))

// The snippet generators load on the first copy: most keystrokes never need them.
const snippets = () => import('../../mpsd/snippets')

type RequestPreviewProps = {
  request: WireRequest
  issues: ComposeIssue[]
  upstream: string
  /** Who it goes out as when the environment says so; undefined: the Act as menu's choice. */
  actAs?: string | undefined
  /** Where the values of `{{variables}}` came from (decision 131). */
  variablesUsed?: ReactNode
}

/** Where a snippet sends: the upstream itself, so it runs without the Workbench (decision 003). */
export function snippetBaseUrl(upstream: string): string {
  return upstream === SIMULATOR_UPSTREAM ? `${window.location.origin}/sim` : upstream
}

// Memoized: it re-renders when the (deferred) request changes, not on every keystroke's urgent pass.
export const RequestPreview = memo(function RequestPreview({
  request,
  issues,
  upstream,
  actAs,
  variablesUsed,
}: RequestPreviewProps) {
  const authorization = useAuthorization()
  const [includeToken, setIncludeToken] = useState(false)
  const [tab, setTab] = useState('preview')
  // Readable by default; "Wire" shows the body's exact bytes, as Send and the snippets send them.
  const [wire, setWire] = useState(false)
  // "Xbox Live" covers both hosts: an MPA call goes to multiplayeractivity.xboxlive.com.
  const baseUrl = snippetBaseUrl(upstreamFor(upstream, request.path))
  const options = {
    baseUrl,
    authorization: includeToken && authorization.value ? authorization.value : undefined,
  }
  // Three tabs under the form: what goes out (the request line, the body, then the issues), who
  // sends it and its headers, and the copyable snippets. The body is the default: the point of
  // the tool, visible beside the form without scrolling (decision 130).
  const preview = () => (
    <>
      <Suspense fallback={null}>
        <SenderNotice upstream={upstream} actAs={actAs} />
      </Suspense>
      <pre aria-label="Request line" className="mono">
        {request.method} {baseUrl}
        {request.path}
      </pre>
      {request.body === undefined ? null : (
        <>
          <div className="button-row">
            <button type="button" aria-pressed={wire} onClick={() => setWire(!wire)}>
              Wire
            </button>
            <span className="muted">
              {wire
                ? `The exact bytes sent: ${new TextEncoder().encode(request.body).length} bytes of compact JSON, UTF-8.`
                : 'Laid out for reading; Send and the snippets send it compact (press Wire).'}
            </span>
          </div>
          {wire ? (
            <pre aria-label="Wire body" className="mono wire-body">
              {request.body}
            </pre>
          ) : (
            <pre aria-label="Request body" className="mono">
              {prettyJsonText(request.body)}
            </pre>
          )}
        </>
      )}
      {variablesUsed}
      {issues.length > 0 ? (
        <div id="compose-issues" className="alert compose-issues" aria-live="polite">
          <p>Not sendable yet; this is what would go out:</p>
          <ul>
            {issues.map((issue) => (
              <li key={issue.field}>
                {issue.label}: {issue.message}
              </li>
            ))}
          </ul>
        </div>
      ) : (
        <p id="compose-issues" className="status-2xx">
          Ready to send to {describeUpstream(upstream)}.
        </p>
      )}
    </>
  )
  const headers = () => (
    <Suspense
      fallback={
        <pre aria-label="Request headers" className="mono">
          {request.headers.map(([name, value]) => `${name}: ${value}`).join('\n')}
        </pre>
      }
    >
      <PreviewHeaders request={request} upstream={upstream} actAs={actAs} />
    </Suspense>
  )
  const snippetTab = () => (
    <>
      <div className="button-row">
        <CopyButton
          label="Copy as curl"
          text={async () => (await snippets()).toCurl(request, options)}
        />
        <CopyButton
          label="Copy as fetch"
          text={async () => (await snippets()).toFetch(request, options)}
        />
        <CopyButton
          label="Copy as PowerShell"
          text={async () => (await snippets()).toPowerShell(request, options)}
        />
        <label>
          <input
            type="checkbox"
            checked={includeToken}
            onChange={(event) => setIncludeToken(event.target.checked)}
          />{' '}
          Include token
        </label>
      </div>
      {includeToken && !authorization.value ? (
        <p className="muted">No token is set: add one in Settings.</p>
      ) : null}
      <p className="muted small">
        Each snippet sends the same bytes as Send, to {baseUrl}; the token is a placeholder unless
        “Include token” is ticked.
      </p>
    </>
  )
  return (
    <section className="preview" aria-labelledby="preview-heading">
      <h3 id="preview-heading" className="visually-hidden">
        Request preview
      </h3>
      <Tabs
        label="Request preview"
        tabs={[
          { id: 'preview', label: 'Preview', content: preview },
          { id: 'headers', label: 'Headers', content: headers },
          { id: 'snippets', label: 'Snippets', content: snippetTab },
        ]}
        selected={tab}
        onSelect={setTab}
        panelClassName="preview-panel"
      />
    </section>
  )
})
