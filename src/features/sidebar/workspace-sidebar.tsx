// The workspace's left pane (at 1200 px and wider): presets and recent History, one search for
// both; a click opens the item in the composer through the same flows as the Presets view's
// "Load" and History's "Open in composer". Loaded on demand: it is not part of the first load.
import { useQuery } from '@tanstack/react-query'
import { useDeferredValue, useId, useState } from 'react'
import { Alert } from '../../components/alert'
import { RelativeTime } from '../../components/relative-time'
import { StatusChip, toneOfStatus } from '../../components/status-chip'
import { useOpenInComposer } from '../../data/drafts/draft-queries'
import { composedRequestOf } from '../../data/history/composed-request'
import type { HistoryEntry } from '../../data/history/history-entry'
import { HISTORY_PAGE, historyQueries, useHistoryRows } from '../../data/history/history-queries'
import { draftRequestOf } from '../../data/presets/preset-draft'
import { usePresetList } from '../../data/presets/preset-queries'

/** How many of each the sidebar lists; the Presets and History views have the rest. */
const SHOWN = 20

function statusLabel(entry: HistoryEntry): string {
  if (entry.networkError) return 'unreachable'
  if (entry.proxyError) return 'proxy error'
  return String(entry.response?.status ?? '…')
}

export function WorkspaceSidebar() {
  const [text, setText] = useState('')
  // The lists follow the search a render behind the field, so typing stays quick.
  const query = useDeferredValue(text.trim())
  const searchId = useId()
  const open = useOpenInComposer()
  const [openError, setOpenError] = useState<string | undefined>()

  const presets = usePresetList(query ? { text: query } : {})
  const head = useQuery(historyQueries.head(query ? { text: query } : {}))
  const ids = head.data ?? []
  const rows = useHistoryRows(ids.slice(0, HISTORY_PAGE))
  const entries = (rows.data ?? [])
    .flatMap((row) => ('entry' in row ? [row.entry] : []))
    .slice(0, SHOWN)
  const presetList = (presets.data?.presets ?? []).slice(0, SHOWN)

  function openEntry(entry: HistoryEntry) {
    const opened = composedRequestOf(entry)
    if (!opened.ok) {
      setOpenError(`This entry cannot be opened in the composer: ${opened.error}`)
      return
    }
    setOpenError(undefined)
    open.mutate({
      request: opened.request,
      source: `History entry of ${new Date(entry.startedAt).toLocaleString()}`,
    })
  }

  return (
    <div className="sidebar">
      <label htmlFor={searchId} className="sidebar-search">
        Search presets and History
      </label>
      <input
        id={searchId}
        type="search"
        value={text}
        onChange={(event) => setText(event.target.value)}
        autoComplete="off"
      />
      {openError ? <Alert>{openError}</Alert> : null}
      <h2 className="sidebar-heading">Presets</h2>
      {presetList.length === 0 ? (
        <p className="muted small">{query ? 'No preset matches.' : 'No presets yet.'}</p>
      ) : (
        <ul className="sidebar-list" aria-label="Presets">
          {presetList.map((preset) => (
            <li key={preset.id}>
              <button
                type="button"
                className="sidebar-item"
                onClick={() =>
                  open.mutate({
                    request: draftRequestOf(preset),
                    source: `preset “${preset.name}”`,
                  })
                }
              >
                <span className="sidebar-item-title">{preset.name}</span>
                <span className="sidebar-item-detail">{preset.request.kind}</span>
              </button>
            </li>
          ))}
        </ul>
      )}
      <h2 className="sidebar-heading">Recent History</h2>
      {entries.length === 0 ? (
        <p className="muted small">
          {head.isPending ? 'Loading…' : query ? 'No entry matches.' : 'Nothing sent yet.'}
        </p>
      ) : (
        <ul className="sidebar-list" aria-label="Recent History">
          {entries.map((entry) => (
            <li key={entry.id}>
              <button type="button" className="sidebar-item" onClick={() => openEntry(entry)}>
                <span className="sidebar-item-title">
                  <StatusChip tone={toneOfStatus(entry.response?.status)}>
                    {statusLabel(entry)}
                  </StatusChip>{' '}
                  {entry.kind}
                  {entry.sessionName ? ` ${entry.sessionName}` : ''}
                </span>
                <RelativeTime time={entry.startedAt} className="sidebar-item-detail" />
              </button>
            </li>
          ))}
        </ul>
      )}
    </div>
  )
}
