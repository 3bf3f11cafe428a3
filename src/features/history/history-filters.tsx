// The History filters. They edit the URL (the source of truth), so a filtered view can be
// bookmarked; text fields wait for a pause in typing before they filter.
import { useEffect, useRef, useState } from 'react'
import type { HistoryFilter } from '../../data/history/history-search'
import { ChoiceSelect } from '../../components/choice-select'
import {
  EXPECT_OPTIONS,
  FILTER_TEXT_DELAY_MS,
  KIND_OPTIONS,
  SERVICE_OPTIONS,
  STATUS_OPTIONS,
} from '../../data/history/history-filter-options'
import { SENDER_KINDS_WITHOUT_XUID } from '../../mpsd/acting-identity'
import { XBOX_LIVE_ORIGIN } from '../../mpsd/limits'
import { SIMULATOR_UPSTREAM } from '../../mpsd/proxy-protocol'

type Props = {
  filter: HistoryFilter
  onChange: (filter: HistoryFilter) => void
  /** Allowed custom upstreams, offered beside the simulator and Xbox Live. */
  upstreams?: readonly string[]
  /** Players and accounts offered under "Sent by" (by XUID). */
  people?: ReadonlyArray<{ xuid: string; name: string }>
}

export function HistoryFilters({ filter, onChange, upstreams = [], people = [] }: Props) {
  const set = <K extends keyof HistoryFilter>(key: K, value: HistoryFilter[K] | '') => {
    const next = { ...filter }
    if (value === '' || value === undefined) delete next[key]
    else next[key] = value
    onChange(next)
  }
  const upstreamOptions = [
    SIMULATOR_UPSTREAM,
    XBOX_LIVE_ORIGIN,
    ...upstreams.filter((u) => u !== SIMULATOR_UPSTREAM && u !== XBOX_LIVE_ORIGIN),
  ]
  return (
    <form
      className="history-filters"
      role="search"
      aria-label="Filter history"
      onSubmit={(e) => e.preventDefault()}
    >
      <ChoiceSelect
        label="Type"
        value={filter.kind ?? ''}
        options={KIND_OPTIONS}
        onChange={(kind) => set('kind', kind)}
      />
      <ChoiceSelect
        label="Service"
        value={filter.service ?? ''}
        options={SERVICE_OPTIONS}
        onChange={(service) => set('service', service)}
      />
      <ChoiceSelect
        label="Status"
        value={filter.status ?? ''}
        options={STATUS_OPTIONS}
        onChange={(status) => set('status', status)}
      />
      <ChoiceSelect
        label="Expectations"
        value={filter.expect ?? ''}
        options={EXPECT_OPTIONS}
        onChange={(expect) => set('expect', expect)}
      />
      <label>
        Target
        <select value={filter.upstream ?? ''} onChange={(e) => set('upstream', e.target.value)}>
          <option value="">All</option>
          {upstreamOptions.map((u) => (
            <option key={u} value={u}>
              {u === SIMULATOR_UPSTREAM ? 'Simulator' : u === XBOX_LIVE_ORIGIN ? 'Xbox Live' : u}
            </option>
          ))}
          {filter.upstream && !upstreamOptions.includes(filter.upstream) ? (
            <option value={filter.upstream}>{filter.upstream}</option>
          ) : null}
        </select>
      </label>
      <SenderSelect value={filter.from ?? ''} people={people} onChange={(v) => set('from', v)} />
      <DelayedText
        label="SCID"
        value={filter.scid ?? ''}
        onCommit={(v) => set('scid', v.toLowerCase())}
      />
      <DelayedText label="XUID" value={filter.xuid ?? ''} onCommit={(v) => set('xuid', v)} />
      <DelayedText
        label="Search"
        value={filter.text ?? ''}
        onCommit={(v) => set('text', v)}
        type="search"
      />
    </form>
  )
}

const SENDER_LABELS: Record<(typeof SENDER_KINDS_WITHOUT_XUID)[number], string> = {
  token: 'Your token',
  server: 'Server token',
  none: 'No Authorization',
}

/** "Sent by": a simulated player or signed-in account (by XUID), your token, the server's, none. */
function SenderSelect({
  value,
  people,
  onChange,
}: {
  value: string
  people: ReadonlyArray<{ xuid: string; name: string }>
  onChange: (value: string) => void
}) {
  const known =
    people.some((p) => p.xuid === value) ||
    (SENDER_KINDS_WITHOUT_XUID as readonly string[]).includes(value)
  return (
    <label>
      Sent by
      <select value={value} onChange={(e) => onChange(e.target.value)}>
        <option value="">Anyone</option>
        {people.map((p) => (
          <option key={p.xuid} value={p.xuid}>
            {p.name} · {p.xuid}
          </option>
        ))}
        {SENDER_KINDS_WITHOUT_XUID.map((kind) => (
          <option key={kind} value={kind}>
            {SENDER_LABELS[kind]}
          </option>
        ))}
        {value && !known ? <option value={value}>{value}</option> : null}
      </select>
    </label>
  )
}

function DelayedText({
  label,
  value,
  onCommit,
  type = 'text',
}: {
  label: string
  value: string
  onCommit: (value: string) => void
  type?: string
}) {
  const [text, setText] = useState(value)
  const [shown, setShown] = useState(value)
  // The URL changed from outside (back button, a bookmark): show what it says. Adjusting state
  // during render is React's pattern for this; an effect would render twice.
  if (value !== shown) {
    setShown(value)
    if (text.trim() !== value) setText(value)
  }
  // The latest onCommit, without restarting the pause timer each time the parent re-renders.
  const commit = useRef(onCommit)
  useEffect(() => {
    commit.current = onCommit
  })
  useEffect(() => {
    if (text.trim() === value) return undefined
    const timer = setTimeout(() => commit.current(text.trim()), FILTER_TEXT_DELAY_MS)
    return () => clearTimeout(timer)
  }, [text, value])
  return (
    <label>
      {label}
      <input
        type={type}
        value={text}
        onChange={(e) => setText(e.target.value)}
        autoComplete="off"
        spellCheck={false}
      />
    </label>
  )
}
