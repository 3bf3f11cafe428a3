// The History list: a grid with column headers, virtualized (only the rows on screen are in the
// DOM), and rows are read from IndexedDB a page at a time, so 100,000 entries cost what 50 do.
import { useVirtualizer } from '@tanstack/react-virtual'
import { useMemo, useRef } from 'react'
import { HISTORY_PAGE, useHistoryRows } from '../../data/history/history-queries'
import type { HistoryRow } from '../../data/history/history-read'
import type { HistoryEntry } from '../../data/history/history-entry'
import { describeUpstream } from '../../data/settings/settings-store'
import { describeSender } from '../../mpsd/acting-identity'

const ROW_HEIGHT = 40
/** The sticky header row above the virtual rows: the virtualizer counts from below it. */
const HEADER_HEIGHT = 32
const PAGE = HISTORY_PAGE

const COLUMNS = [
  'Compare',
  'Time',
  'Type',
  'Status',
  'Sender',
  'Target',
  'Duration',
  'Session / XUID',
] as const

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
    scrollMargin: HEADER_HEIGHT,
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
      {/* Only the rows on screen exist: aria-rowcount and aria-rowindex say where each sits. */}
      <div
        role="grid"
        aria-label="History"
        aria-rowcount={ids.length + 1}
        className="history-grid"
        onKeyDown={(event) => {
          // Up and Down move between entries, as in any grid; Enter or Space then opens one.
          if (event.key !== 'ArrowDown' && event.key !== 'ArrowUp') return
          const row = (event.target as HTMLElement).closest('[aria-rowindex]')
          const index = Number(row?.getAttribute('aria-rowindex')) - 2
          if (!row || Number.isNaN(index) || index < 0) return
          const next = index + (event.key === 'ArrowDown' ? 1 : -1)
          if (next < 0 || next >= ids.length) return
          event.preventDefault()
          virtualizer.scrollToIndex(next)
          // The next row is rendered (overscan), or is once the scroll above has happened.
          const focusNext = () =>
            scrollRef.current
              ?.querySelector<HTMLElement>(`[aria-rowindex="${next + 2}"] .history-open`)
              ?.focus()
          focusNext()
          requestAnimationFrame(focusNext)
        }}
      >
        <div role="rowgroup" className="history-head" style={{ height: HEADER_HEIGHT }}>
          <div role="row" aria-rowindex={1} className="history-row history-columns">
            {COLUMNS.map((name) => (
              <span key={name} role="columnheader">
                {/* The checkbox column: named for assistive technology, too narrow for the word. */}
                {name === 'Compare' ? <span className="visually-hidden">{name}</span> : name}
              </span>
            ))}
          </div>
        </div>
        <div role="rowgroup" style={{ height: virtualizer.getTotalSize(), position: 'relative' }}>
          {items.map((item) => {
            const id = ids[item.index] ?? ''
            const row = byId.get(id)
            return (
              <div
                key={id}
                role="row"
                aria-rowindex={item.index + 2}
                aria-selected={id === selectedId}
                className={`history-row history-columns history-entry${id === selectedId ? ' selected' : ''}`}
                style={{
                  position: 'absolute',
                  top: 0,
                  left: 0,
                  right: 0,
                  height: ROW_HEIGHT,
                  transform: `translateY(${item.start - HEADER_HEIGHT}px)`,
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
  if (!row) {
    return (
      <span role="gridcell" className="muted wide-cell">
        Loading…
      </span>
    )
  }
  if ('corrupt' in row) {
    return (
      <span role="gridcell" className="alert wide-cell">
        {row.corrupt}
      </span>
    )
  }
  const entry = row.entry
  const summary = rowSummary(entry)
  const started = new Date(entry.startedAt)
  return (
    <>
      <span role="gridcell">
        <input
          type="checkbox"
          checked={compared}
          onChange={onToggleCompare}
          aria-label={`Select for compare: ${summary}`}
        />
      </span>
      {/* The whole time, seconds included; the exact instant (milliseconds, UTC) on hover. */}
      <span role="gridcell" className="time" title={exactTime(entry.startedAt)}>
        <button type="button" className="history-open" onClick={onOpen} aria-pressed={selected}>
          <span className="visually-hidden">Open entry </span>
          {started.toLocaleString(undefined, TIME_FORMAT)}
        </button>
      </span>
      <span role="gridcell" className="kind">
        {entry.kind}
      </span>
      <span role="gridcell" className={`status-${entry.statusClass}`}>
        {statusText(entry)}
      </span>
      <span role="gridcell" title={entry.sender ? describeSender(entry.sender) : undefined}>
        {entry.sender ? (entry.sender.gamertag ?? describeSender(entry.sender)) : '—'}
      </span>
      <span role="gridcell">{describeUpstream(entry.upstream)}</span>
      <span role="gridcell" className="duration">
        {entry.durationMs.toFixed(0)} ms
      </span>
      <span role="gridcell" className="who">
        {entry.sessionName ?? ''}
        {entry.xuid ? ` · ${entry.xuid}` : ''}
      </span>
    </>
  )
}

const TIME_FORMAT: Intl.DateTimeFormatOptions = {
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
}

/** "29/11/2026, 22:15:03.482 (2026-11-29T22:15:03.482Z)": local with milliseconds, and UTC. */
export function exactTime(at: number): string {
  const date = new Date(at)
  const local = date.toLocaleString(undefined, { ...TIME_FORMAT, fractionalSecondDigits: 3 })
  return `${local} (${date.toISOString()})`
}

export function statusText(entry: HistoryEntry): string {
  if (entry.networkError) return 'unreachable'
  if (entry.proxyError) return `proxy: ${entry.proxyError.code}`
  return String(entry.response?.status ?? '')
}

export function rowSummary(entry: HistoryEntry): string {
  return `${entry.kind} ${statusText(entry)} at ${new Date(entry.startedAt).toLocaleTimeString()}${entry.sessionName ? ` ${entry.sessionName}` : ''}`
}
