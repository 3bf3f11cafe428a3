// What part of History to analyse: a time range (From, To, or a quick "last …"), a filter (type,
// status, search) and the grouping. Everything is in the URL, so an analysis can be bookmarked.
import { useEffect, useRef, useState } from 'react'
import type { HistoryFilter } from '../../data/history/history-search'
import { ChoiceSelect } from '../../components/choice-select'
import {
  FILTER_TEXT_DELAY_MS,
  KIND_OPTIONS,
  STATUS_OPTIONS,
} from '../../data/history/history-filter-options'
import { Field } from '../../components/field'

export type RangeInput = { from: string; to: string }

const QUICK_RANGES = [
  { label: 'Last 15 minutes', ms: 15 * 60_000 },
  { label: 'Last hour', ms: 3_600_000 },
  { label: 'Last 24 hours', ms: 86_400_000 },
] as const

/** A datetime-local value (local time, to the second) for `ms`. */
export function localDateTime(ms: number): string {
  const d = new Date(ms)
  const pad = (n: number) => String(n).padStart(2, '0')
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}:${pad(d.getSeconds())}`
}

type Props = {
  filter: HistoryFilter
  range: RangeInput
  rangeError: string | undefined
  onChange: (next: { filter: HistoryFilter; range: RangeInput }) => void
}

export function HistoryRangeForm({ filter, range, rangeError, onChange }: Props) {
  const setFilter = <K extends keyof HistoryFilter>(key: K, value: HistoryFilter[K] | '') => {
    const next = { ...filter }
    if (value === '' || value === undefined) delete next[key]
    else next[key] = value
    onChange({ filter: next, range })
  }
  const urlText = filter.text ?? ''
  const [text, setText] = useState(urlText)
  const [shown, setShown] = useState(urlText)
  // The URL changed from outside (back button): show what it says. Adjusting state during render
  // is React's pattern for this; an effect would render twice.
  if (urlText !== shown) {
    setShown(urlText)
    if (text.trim() !== urlText) setText(urlText)
  }
  const latest = useRef({ filter, range, onChange })
  useEffect(() => {
    latest.current = { filter, range, onChange }
  })
  useEffect(() => {
    if (text.trim() === urlText) return undefined
    const timer = setTimeout(() => {
      const { filter: current, range: currentRange, onChange: change } = latest.current
      const next = { ...current }
      if (text.trim()) next.text = text.trim()
      else delete next.text
      change({ filter: next, range: currentRange })
    }, FILTER_TEXT_DELAY_MS)
    return () => clearTimeout(timer)
  }, [text, urlText])
  return (
    <form
      className="analysis-form"
      aria-label="Calls to analyse"
      onSubmit={(e) => e.preventDefault()}
    >
      <Field label="From">
        {({ id, describedBy }) => (
          <input
            id={id}
            type="datetime-local"
            step={1}
            value={range.from}
            aria-describedby={describedBy}
            onChange={(e) => onChange({ filter, range: { ...range, from: e.target.value } })}
          />
        )}
      </Field>
      <Field label="To" error={rangeError}>
        {({ id, describedBy, invalid }) => (
          <input
            id={id}
            type="datetime-local"
            step={1}
            value={range.to}
            aria-invalid={invalid || undefined}
            aria-describedby={describedBy}
            onChange={(e) => onChange({ filter, range: { ...range, to: e.target.value } })}
          />
        )}
      </Field>
      <div className="button-row">
        {QUICK_RANGES.map((quick) => (
          <button
            key={quick.label}
            type="button"
            onClick={() =>
              onChange({ filter, range: { from: localDateTime(Date.now() - quick.ms), to: '' } })
            }
          >
            {quick.label}
          </button>
        ))}
        <button type="button" onClick={() => onChange({ filter, range: { from: '', to: '' } })}>
          All time
        </button>
      </div>
      <ChoiceSelect
        label="Type"
        value={filter.kind ?? ''}
        options={KIND_OPTIONS}
        onChange={(kind) => setFilter('kind', kind)}
      />
      <ChoiceSelect
        label="Status"
        value={filter.status ?? ''}
        options={STATUS_OPTIONS}
        onChange={(status) => setFilter('status', status)}
      />
      <label>
        Search
        <input type="search" value={text} onChange={(e) => setText(e.target.value)} />
      </label>
    </form>
  )
}
