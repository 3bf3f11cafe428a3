// History: every call the Workbench sent, newest first, filterable (the filter is in the URL),
// with detail, replay, compare, HAR export and import, and the retention notice.
import { useCallback, useMemo, useRef, useState } from 'react'
import { useLocation, useSearch } from 'wouter'
import { ConfirmDialog } from '../../components/confirm-dialog'
import { Dialog } from '../../components/dialog'
import { downloadText } from '../../lib/download'
import { readTextFile } from '../../lib/read-text-file'
import { HAR_MAX_BYTES } from '../../data/history/har'
import {
  useClearHistory,
  useHistoryEntry,
  useHistoryListing,
  useHistoryTotal,
  useSetAsideCount,
} from '../../data/history/history-queries'
import { exportHistoryHar, useImportHistory } from '../../data/history/history-transfer'
import { filterFromSearch, isFiltered, searchFromFilter } from '../../data/history/history-filter'
import { dismissPruneNotice, readPruneNotice } from '../../data/history/prune-notice'
import type { HistoryFilter } from '../../data/history/history-search'
import { useUpstreams } from '../../data/settings/upstreams-queries'
import { CompareView } from './compare-view'
import { HistoryDetail } from './history-detail'
import { HistoryFilters } from './history-filters'
import { useIdentities } from '../../data/identities/identities-queries'
import { useSimPlayers } from '../../data/identities/players-queries'
import { HistoryList } from './history-list'
import { Alert } from '../../components/alert'

const REASONS = {
  count: 'History passed its entry limit',
  age: 'they were older than the age limit',
  storage: 'the browser ran short of storage',
} as const

export function HistoryView() {
  const search = useSearch()
  const [, navigate] = useLocation()
  const filter = useMemo(() => filterFromSearch(search), [search])
  const selectedId = new URLSearchParams(search).get('id') ?? undefined
  const listing = useHistoryListing(filter)
  const filtered = isFiltered(filter)
  const total = useHistoryTotal(filtered).data
  const setAside = useSetAsideCount().data ?? 0
  const upstreams = useUpstreams()
  const players = useSimPlayers().data
  const identities = useIdentities().data
  const people = useMemo(
    () => [
      ...(players ?? []).map((p) => ({ xuid: p.xuid, name: p.gamertag })),
      ...(identities ?? [])
        .filter((i) => !players?.some((p) => p.xuid === i.xuid))
        .map((i) => ({ xuid: i.xuid, name: i.gamertag })),
    ],
    [players, identities],
  )
  const [compare, setCompare] = useState<string[]>([])
  const [comparing, setComparing] = useState(false)

  const setFilter = useCallback(
    (next: HistoryFilter) => navigate(`/history${searchFromFilter(next)}`, { replace: true }),
    [navigate],
  )
  const open = (id: string) => navigate(`/history${searchFromFilter(filter, { id })}`)
  const toggleCompare = (id: string) =>
    setCompare((current) =>
      current.includes(id) ? current.filter((c) => c !== id) : [...current, id].slice(-2),
    )

  const list = listing.ids ?? []
  return (
    <section className="history-view" aria-labelledby="history-heading">
      <h2 id="history-heading">History</h2>
      <PruneNotice />
      {setAside > 0 ? (
        <Alert>
          {setAside} unreadable {setAside === 1 ? 'record was' : 'records were'} set aside (kept in
          the database’s quarantine store, not shown).
        </Alert>
      ) : null}
      <HistoryFilters
        filter={filter}
        onChange={setFilter}
        upstreams={upstreams.data?.upstreams.map((u) => u.origin) ?? []}
        people={people}
      />
      <div className="button-row">
        <span role="status" aria-live="polite">
          {listing.isPending
            ? 'Loading history…'
            : !listing.complete
              ? `Newest ${list.length.toLocaleString()} shown; reading the rest…`
              : filtered
                ? `${list.length.toLocaleString()} of ${total?.toLocaleString() ?? '…'} entries match`
                : `${list.length.toLocaleString()} entries`}
        </span>
        <button type="button" disabled={compare.length !== 2} onClick={() => setComparing(true)}>
          Compare
        </button>
        <ExportButton ids={listing.complete ? list : []} />
        <ImportButton />
        <ClearButton disabled={!filtered && listing.complete && list.length === 0} />
      </div>
      {listing.error ? <Alert>History could not be read: {listing.error.message}</Alert> : null}
      <div className="history-layout">
        {list.length === 0 && listing.complete ? (
          <p className="muted">
            {isFiltered(filter)
              ? 'No entry matches this filter.'
              : 'Nothing sent yet. Calls made with Send appear here.'}
          </p>
        ) : (
          <HistoryList
            ids={list}
            selectedId={selectedId}
            onOpen={open}
            compare={compare}
            onToggleCompare={toggleCompare}
          />
        )}
        {selectedId ? (
          <SelectedEntry id={selectedId} onOpen={open} />
        ) : list.length > 0 ? (
          <p className="muted history-detail-empty">
            Open an entry to see its request and answer here.
          </p>
        ) : null}
      </div>
      <Dialog open={comparing} title="Compare" size="wide" onClose={() => setComparing(false)}>
        <CompareSelected ids={compare} />
        <button type="button" onClick={() => setComparing(false)}>
          Close
        </button>
      </Dialog>
    </section>
  )
}

function SelectedEntry({ id, onOpen }: { id: string; onOpen: (id: string) => void }) {
  const entry = useHistoryEntry(id, { keepPrevious: true })
  if (entry.isPending) return <p role="status">Loading entry…</p>
  if (!entry.data) return <Alert>This entry is not in History (it may have been removed).</Alert>
  return <HistoryDetail entry={entry.data} onOpen={onOpen} />
}

function CompareSelected({ ids }: { ids: readonly string[] }) {
  const left = useHistoryEntry(ids[0])
  const right = useHistoryEntry(ids[1])
  if (!left.data || !right.data) return <p role="status">Loading…</p>
  return <CompareView left={left.data} right={right.data} />
}

function PruneNotice() {
  const [notice, setNotice] = useState(readPruneNotice)
  if (!notice) return null
  return (
    <div role="status" className="notice">
      {notice.removed.toLocaleString()} oldest {notice.removed === 1 ? 'entry was' : 'entries were'}{' '}
      removed because {REASONS[notice.reason]} (last on {new Date(notice.at).toLocaleString()}).
      Limits are in Settings.{' '}
      <button
        type="button"
        onClick={() => {
          dismissPruneNotice()
          setNotice(undefined)
        }}
      >
        Dismiss
      </button>
    </div>
  )
}

function ExportButton({ ids }: { ids: readonly string[] }) {
  const [state, setState] = useState<
    { kind: 'idle' } | { kind: 'done'; count: number } | { kind: 'error'; message: string }
  >({ kind: 'idle' })
  return (
    <>
      <button
        type="button"
        disabled={ids.length === 0}
        onClick={async () => {
          try {
            const file = await exportHistoryHar(ids, `${window.location.origin}/sim`)
            downloadText(file.fileName, file.text, 'application/json')
            setState({ kind: 'done', count: file.count })
          } catch (error) {
            setState({
              kind: 'error',
              message: error instanceof Error ? error.message : String(error),
            })
          }
        }}
      >
        Export history
      </button>
      {state.kind === 'done' ? (
        <span role="status">
          Exported {state.count} entries as HAR (token replaced by a placeholder).
        </span>
      ) : null}
      {state.kind === 'error' ? (
        <Alert as="span" variant="inline">
          Export failed: {state.message}
        </Alert>
      ) : null}
    </>
  )
}

function ImportButton() {
  const input = useRef<HTMLInputElement>(null)
  const importHistory = useImportHistory()
  const [readError, setReadError] = useState<string | undefined>()
  const result = importHistory.data
  return (
    <>
      <button
        type="button"
        onClick={() => input.current?.click()}
        disabled={importHistory.isPending}
      >
        Import history
      </button>
      <input
        ref={input}
        type="file"
        accept=".har,application/json"
        aria-label="HAR file to import"
        className="visually-hidden"
        onChange={async (event) => {
          const file = event.target.files?.[0]
          event.target.value = ''
          if (!file) return
          const read = await readTextFile(file, HAR_MAX_BYTES)
          if (!read.ok) {
            setReadError(read.error)
            return
          }
          setReadError(undefined)
          importHistory.mutate({ name: file.name, text: read.text })
        }}
      />
      {readError ? <Alert>{readError}</Alert> : null}
      {importHistory.isError ? <Alert>{importHistory.error.message}</Alert> : null}
      {result ? (
        <div role="status" className="notice import-report">
          <p>
            {result.fileName}: {result.added} {result.added === 1 ? 'entry' : 'entries'} added
            {result.alreadyStored.length > 0
              ? `, ${result.alreadyStored.length} already in History`
              : ''}
            {result.handles > 0
              ? `, ${result.handles} invite ${result.handles === 1 ? 'handle' : 'handles'} filed in Handles`
              : ''}
            {result.tooOld.count > 0
              ? `, ${result.tooOld.count} older than the ${result.tooOld.maxAgeDays}-day limit in Settings not imported`
              : ''}
            {result.skipped.length > 0 ? `, ${result.skipped.length} skipped:` : '.'}
          </p>
          {result.skipped.length > 0 ? (
            <ul aria-label="Skipped entries">
              {result.skipped.slice(0, 50).map((skip) => (
                <li key={skip.index}>
                  Entry {skip.index + 1}: {skip.reason}
                </li>
              ))}
              {result.skipped.length > 50 ? <li>…and {result.skipped.length - 50} more</li> : null}
            </ul>
          ) : null}
        </div>
      ) : null}
    </>
  )
}

function ClearButton({ disabled }: { disabled: boolean }) {
  const [confirming, setConfirming] = useState(false)
  const clear = useClearHistory()
  return (
    <>
      <button type="button" disabled={disabled} onClick={() => setConfirming(true)}>
        Clear history
      </button>
      {clear.isError ? <Alert>History could not be cleared: {clear.error.message}</Alert> : null}
      <ConfirmDialog
        open={confirming}
        title="Clear all history?"
        confirmLabel="Delete all entries"
        danger
        onConfirm={() => {
          clear.mutate()
          setConfirming(false)
        }}
        onCancel={() => setConfirming(false)}
      >
        <p>
          Every History entry is deleted from this browser. Export history first to keep a copy. The
          Handles ledger is kept.
        </p>
      </ConfirmDialog>
    </>
  )
}
