// The findings of one analysis: each with its rule, level, group (console or user, and endpoint),
// a sentence, and links to its calls.
import { useId, type ReactNode } from 'react'
import type { TraceReport } from '../../mpsd/trace-rules/analyze-trace'
import type { TraceCall, TraceFinding } from '../../mpsd/trace-rules/trace-call'

/** A call-frequency finding can hold 3,000 calls: the first ones are linked, the rest counted. */
const MAX_LINKED_CALLS = 20

type Props = {
  report: TraceReport
  /** The link that opens one call (a History entry, or the call's row for a HAR file). */
  callLink: (call: TraceCall) => ReactNode
}

function summary(report: TraceReport): string {
  const n = report.findings.length
  const calls = `${report.callCount.toLocaleString()} ${report.callCount === 1 ? 'call' : 'calls'} analysed, grouped per ${report.grouping}`
  if (n === 0) return `${calls}: no findings, every rule is respected.`
  const counts = new Map<string, number>()
  for (const f of report.findings) counts.set(f.rule, (counts.get(f.rule) ?? 0) + 1)
  const byRule = [...counts].map(([rule, count]) => `${count} ${rule}`).join(', ')
  return `${calls}: ${n} ${n === 1 ? 'finding' : 'findings'} (${byRule}).`
}

export function FindingsList({ report, callLink }: Props) {
  return (
    <section aria-label="Findings" className="analysis-findings">
      <p role="status">{summary(report)}</p>
      {report.notes.length > 0 ? (
        <ul className="notice" aria-label="Notes">
          {report.notes.map((note) => (
            <li key={note}>{note}</li>
          ))}
        </ul>
      ) : null}
      {report.findings.map((finding, i) => (
        <Finding key={i} finding={finding} callLink={callLink} />
      ))}
    </section>
  )
}

function Finding({ finding, callLink }: { finding: TraceFinding; callLink: Props['callLink'] }) {
  const headingId = useId()
  const linked = finding.calls.slice(0, MAX_LINKED_CALLS)
  const more = finding.calls.length - linked.length
  const { group } = finding
  return (
    <article className="analysis-finding" aria-labelledby={headingId}>
      <h3 id={headingId}>
        <code>{finding.rule}</code>{' '}
        <span className={`analysis-level analysis-level-${finding.level}`}>{finding.level}</span>
      </h3>
      <p className="muted small">
        Per {group.by}: {group.name} · endpoint {group.endpoint}
      </p>
      <p>{finding.message}</p>
      <ul aria-label="Calls" className="analysis-calls">
        {linked.map((call, j) => (
          // One call can be listed once per finding; its position keeps keys unique regardless.
          <li key={`${call.index}-${j}`}>{callLink(call)}</li>
        ))}
      </ul>
      {more > 0 ? <p className="muted small">and {more.toLocaleString()} more calls</p> : null}
    </article>
  )
}

/**
 * "12:00:01.120 POST /handles → 204": how one call reads in a link. `base` (the simulator's URL for
 * History calls) is left out of the path, as History shows it.
 */
export function callLabel(call: TraceCall, base?: string): string {
  const time = new Date(call.startedAt).toLocaleTimeString(undefined, {
    hour12: false,
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
    fractionalSecondDigits: 3,
  })
  let path = call.url
  if (base && path.startsWith(`${base}/`)) path = path.slice(base.length)
  else
    try {
      const url = new URL(call.url)
      path = `${url.pathname}${url.search}`
    } catch {
      // Not a URL (an unusual HAR entry): show it as recorded.
    }
  return `${time} ${call.method} ${path} → ${call.status || 'no answer'}`
}
