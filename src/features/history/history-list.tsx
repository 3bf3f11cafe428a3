// The History list: virtualized (only the rows on screen are in the DOM), and rows are read from
// IndexedDB a page at a time, so 100,000 entries cost what 50 do.
import { useVirtualizer } from '@tanstack/react-virtual'
import { useMemo, useRef } from 'react'
import { HISTORY_PAGE, useHistoryRows } from '../../data/history/history-queries'
import type { HistoryRow } from '../../data/history/history-read'
import type { HistoryEntry } from '../../data/history/history-entry'
import { describeUpstream } from '../../data/settings/settings-store'

const ROW_HEIGHT = 40
const PAGE = HISTORY_PAGE

type Props = {
  ids: readonly string[]
  selectedId: string | undefined
  onOpen: (id: string) => void
  compare: readonly string[]
  onToggleCompare: (id: string) => void
}

export function HistoryList({ ids, selectedId, onOpen, compare, onToggleCompare }: Props) {
  const scrollRef = useRef<HTMLDivElement>(null)
  // eslint-disable-next-line react-hooks/incompatible-library -- the virtualizer is used as documented
  const virtualizer = useVirtualizer({
    count: ids.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 10,
  })
  const items = virtualizer.getVirtualItems()
  const first = items[0]?.index ?? 0
  const last = items.at(-1)?.index ?? Math.min(ids.length, PAGE) - 1
  // Whole pages keep the query key stable while scrolling inside a page.
  const start = Math.floor(first / PAGE) * PAGE
  const end = Math.min(ids.length, (Math.floor(last / PAGE) + 1) * PAGE)
  const pageIds = useMemo(() => ids.slice(start, end), [ids, start, end])
  const rows = useHistoryRows(pageIds)
  const byId = useMemo(() => new Map((rows.data ?? []).map((row) => [row.id, row])), [rows.data])

  return (
    <div ref={scrollRef} className="history-scroll" tabIndex={-1}>
      <div
        role="list"
        aria-label="History"
        style={{ height: virtualizer.getTotalSize(), position: 'relative' }}
      >
        {items.map((item) => {
          const id = ids[item.index] ?? ''
          const row = byId.get(id)
          return (
            <div
              key={id}
              role="listitem"
              // Only the rows on screen exist: tell assistive technology where each sits in the whole.
              aria-setsize={ids.length}
              aria-posinset={item.index + 1}
              className={`history-row${id === selectedId ? ' selected' : ''}`}
              style={{
                position: 'absolute',
                top: 0,
                left: 0,
                right: 0,
                height: ROW_HEIGHT,
                transform: `translateY(${item.start}px)`,
              }}
            >
              <RowContent
                row={row}
                selected={id === selectedId}
                onOpen={() => onOpen(id)}
                compared={compare.includes(id)}
                onToggleCompare={() => onToggleCompare(id)}
              />
            </div>
          )
        })}
      </div>
    </div>
  )
}

function RowContent({
  row,
  selected,
  onOpen,
  compared,
  onToggleCompare,
}: {
  row: HistoryRow | undefined
  selected: boolean
  onOpen: () => void
  compared: boolean
  onToggleCompare: () => void
}) {
  if (!row) return <span className="muted">Loading…</span>
  if ('corrupt' in row) return <span className="alert">{row.corrupt}</span>
  const entry = row.entry
  const summary = rowSummary(entry)
  return (
    <>
      <input
        type="checkbox"
        checked={compared}
        onChange={onToggleCompare}
        aria-label={`Select for compare: ${summary}`}
      />
      <button type="button" className="history-open" onClick={onOpen} aria-pressed={selected}>
        <span className="cell time">{new Date(entry.startedAt).toLocaleString()}</span>
        <span className="cell kind">{entry.kind}</span>
        <span className="cell target">{describeUpstream(entry.upstream)}</span>
        <span className={`cell status status-${entry.statusClass}`}>{statusText(entry)}</span>
        <span className="cell duration">{entry.durationMs.toFixed(0)} ms</span>
        <span className="cell who">
          {entry.sessionName ?? ''}
          {entry.xuid ? ` · ${entry.xuid}` : ''}
        </span>
      </button>
    </>
  )
}

export function statusText(entry: HistoryEntry): string {
  if (entry.networkError) return 'unreachable'
  if (entry.proxyError) return `proxy: ${entry.proxyError.code}`
  return String(entry.response?.status ?? '')
}

export function rowSummary(entry: HistoryEntry): string {
  return `${entry.kind} ${statusText(entry)} at ${new Date(entry.startedAt).toLocaleTimeString()}${entry.sessionName ? ` ${entry.sessionName}` : ''}`
}
