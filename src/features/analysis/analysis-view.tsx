// Analysis: Microsoft's Xbox Live Trace Analyzer rules (call frequency, bursts, repeated calls,
// throttled calls, polling) over History (a time range and a filter, in the URL) or over an
// imported HAR file. Each finding links to its calls.
import { useQuery } from '@tanstack/react-query'
import { useCallback, useMemo, useState } from 'react'
import { Link, useLocation, useSearch } from 'wouter'
import {
  ANALYSIS_MAX_CALLS,
  analysisQueries,
  type TimeRange,
} from '../../data/analysis/analysis-queries'
import { historyCalls } from '../../data/analysis/history-calls'
import { filterFromSearch, searchFromFilter } from '../../data/history/history-filter'
import type { HistoryFilter } from '../../data/history/history-search'
import { analyzeTrace } from '../../mpsd/trace-rules/analyze-trace'
import { skippedSummary } from '../../mpsd/trace-rules/har-calls'
import type { Grouping, TraceCall } from '../../mpsd/trace-rules/trace-call'
import { callLabel, FindingsList } from './findings-list'
import { HarImport, type LoadedHar } from './har-import'
import { HistoryRangeForm, type RangeInput } from './history-range-form'
import { Alert } from '../../components/alert'

/** datetime-local text to a range; `to` covers its whole last second (or minute). */
function parseRange(input: RangeInput): { range: TimeRange } | { error: string } {
  const from = input.from ? Date.parse(input.from) : undefined
  const toStart = input.to ? Date.parse(input.to) : undefined
  if (Number.isNaN(from) || Number.isNaN(toStart)) return { error: 'Not a date and time.' }
  const to = toStart === undefined ? undefined : toStart + (input.to.length > 16 ? 999 : 60_000 - 1)
  if (from !== undefined && to !== undefined && to < from) return { error: 'To is before From.' }
  return { range: { ...(from === undefined ? {} : { from }), ...(to === undefined ? {} : { to }) } }
}

export function AnalysisView() {
  const search = useSearch()
  const [, navigate] = useLocation()
  const params = useMemo(() => new URLSearchParams(search), [search])
  const filter = useMemo(() => filterFromSearch(search), [search])
  const rangeInput: RangeInput = { from: params.get('from') ?? '', to: params.get('to') ?? '' }
  const grouping: Grouping = params.get('group') === 'user' ? 'user' : 'console'
  const [har, setHar] = useState<LoadedHar | undefined>()
  const parsedRange = parseRange(rangeInput)

  const go = useCallback(
    (next: { filter: HistoryFilter; range: RangeInput; grouping: Grouping }) =>
      navigate(
        `/analysis${searchFromFilter(next.filter, {
          from: next.range.from,
          to: next.range.to,
          group: next.grouping === 'user' ? 'user' : undefined,
        })}`,
        { replace: true },
      ),
    [navigate],
  )

  return (
    <section className="analysis-view" aria-labelledby="analysis-heading">
      <h2 id="analysis-heading">Analysis</h2>
      <p className="muted">
        The rules Microsoft’s Xbox Live Trace Analyzer applies to session directory calls: call
        frequency (30 per 15 s, 300 per 300 s, 3,000 per 300 s fails certification), bursts (more
        than 3 calls within 2 s), repeated calls (same URI and body within 5 s), throttled calls
        (429) and polling. The analyzer counts per console; MPSD counts its limits per user.
      </p>
      <fieldset className="analysis-grouping">
        <legend>Group calls</legend>
        {(
          [
            ['console', 'Per console (as the trace analyzer)'],
            ['user', 'Per user (userhash)'],
          ] as const
        ).map(([value, label]) => (
          <label key={value}>
            <input
              type="radio"
              name="analysis-grouping"
              value={value}
              checked={grouping === value}
              onChange={() => go({ filter, range: rangeInput, grouping: value })}
            />
            {label}
          </label>
        ))}
      </fieldset>
      <div className="button-row">
        <HarImport onLoad={setHar} />
        {har ? (
          <button type="button" onClick={() => setHar(undefined)}>
            Analyse History instead
          </button>
        ) : null}
      </div>
      {har ? (
        <HarAnalysis har={har} grouping={grouping} />
      ) : (
        <>
          <HistoryRangeForm
            filter={filter}
            range={rangeInput}
            rangeError={'error' in parsedRange ? parsedRange.error : undefined}
            onChange={(next) => go({ ...next, grouping })}
          />
          <HistoryAnalysis filter={filter} rangeInput={rangeInput} grouping={grouping} />
        </>
      )}
    </section>
  )
}

function HistoryAnalysis({
  filter,
  rangeInput,
  grouping,
}: {
  filter: HistoryFilter
  rangeInput: RangeInput
  grouping: Grouping
}) {
  const parsed = parseRange(rangeInput)
  const range = 'range' in parsed ? parsed.range : {}
  const history = useQuery({
    ...analysisQueries.history(filter, range),
    enabled: 'range' in parsed,
  })
  const data = history.data
  // The URL History's HAR export gives simulator calls, so both are analysed alike.
  const simulatorBase = `${window.location.origin}/sim`
  const report = useMemo(
    () =>
      data ? analyzeTrace(historyCalls(data.entries, simulatorBase), { grouping }) : undefined,
    [data, grouping, simulatorBase],
  )
  if ('error' in parsed) return null
  if (history.error) return <Alert>History could not be read: {history.error.message}</Alert>
  if (!data || !report) return <p role="status">Reading History…</p>
  return (
    <>
      {data.matched > data.entries.length + data.unreadable ? (
        <p role="status" className="notice">
          Only the newest {ANALYSIS_MAX_CALLS.toLocaleString()} of {data.matched.toLocaleString()}{' '}
          matching calls were analysed: narrow the time range.
        </p>
      ) : null}
      {data.unreadable > 0 ? (
        <Alert>
          {data.unreadable} matching {data.unreadable === 1 ? 'entry' : 'entries'} could not be read
          and {data.unreadable === 1 ? 'was' : 'were'} left out.
        </Alert>
      ) : null}
      {data.entries.length === 0 ? (
        <p className="muted">No History entry in this range matches the filter.</p>
      ) : null}
      <FindingsList
        report={report}
        callLink={(call) => (
          <Link href={`/history?id=${encodeURIComponent(call.ref ?? '')}`}>
            {callLabel(call, simulatorBase)}
          </Link>
        )}
      />
    </>
  )
}

function HarAnalysis({ har, grouping }: { har: LoadedHar; grouping: Grouping }) {
  const report = useMemo(() => analyzeTrace(har.calls, { grouping }), [har, grouping])
  const inFindings = useMemo(() => {
    const byIndex = new Map<number, TraceCall>()
    for (const finding of report.findings)
      for (const call of finding.calls) byIndex.set(call.index, call)
    return [...byIndex.values()].sort((a, b) => a.index - b.index)
  }, [report])
  const skipped = skippedSummary(har.skipped)
  return (
    <>
      <p className="notice">
        {har.name}: {har.entryCount.toLocaleString()} {har.entryCount === 1 ? 'entry' : 'entries'}
        {skipped ? ` (${skipped})` : ''}.
      </p>
      <FindingsList
        report={report}
        callLink={(call) => (
          <a href={`#har-entry-${call.index}`}>
            entries[{call.index}] {callLabel(call)}
          </a>
        )}
      />
      {inFindings.length > 0 ? (
        <table aria-label="Calls in findings" className="table">
          <thead>
            <tr>
              <th scope="col">Entry</th>
              <th scope="col">Started</th>
              <th scope="col">Request</th>
              <th scope="col">Status</th>
              <th scope="col">User</th>
            </tr>
          </thead>
          <tbody>
            {inFindings.map((call) => (
              <tr key={call.index} id={`har-entry-${call.index}`}>
                <td className="mono">entries[{call.index}]</td>
                <td>{new Date(call.startedAt).toISOString()}</td>
                <td className="mono">
                  {call.method} {call.url}
                </td>
                <td>{call.status || 'no answer'}</td>
                <td className="mono">{call.userhash ?? '—'}</td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
    </>
  )
}
