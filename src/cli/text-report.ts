// The report a person reads (`--reporter cli`): a summary line, then each finding with its rule,
// level, group, sentence and calls, as indexes into the HAR's log.entries.
import { skippedSummary } from '../mpsd/trace-rules/har-calls'
import type { JsonReport } from './json-report'

const MAX_LISTED_CALLS = 20

function plural(n: number, one: string, many = `${one}s`): string {
  return `${n.toLocaleString('en-US')} ${n === 1 ? one : many}`
}

export function textReport(report: JsonReport): string {
  const lines = [
    `${report.file}: ${plural(report.entries, 'entry', 'entries')}, ${plural(report.callsAnalysed, 'call')} analysed${report.skipped.length > 0 ? ` (${skippedSummary(report.skipped)})` : ''}, grouped per ${report.grouping}.`,
  ]
  for (const skip of report.skipped.filter((s) => s.reason === 'invalid'))
    lines.push(`  entries[${skip.index}] skipped: ${skip.detail}`)
  for (const finding of report.findings) {
    const listed = finding.calls.slice(0, MAX_LISTED_CALLS).map((i) => `entries[${i}]`)
    const more = finding.calls.length - listed.length
    lines.push(
      '',
      `${finding.rule} (${finding.level}), ${finding.group.by} "${finding.group.name}", ${finding.group.endpoint}`,
      `  ${finding.message}`,
      `  calls: ${listed.join(', ')}${more > 0 ? `, and ${more.toLocaleString('en-US')} more (all in the JSON report)` : ''}`,
    )
  }
  for (const note of report.notes) lines.push('', `Note: ${note}`)
  const counted = Object.entries(report.byRule).filter(([, n]) => n > 0)
  lines.push(
    '',
    report.violations === 0
      ? 'No violations.'
      : `${plural(report.violations, 'violation')}: ${counted.map(([rule, n]) => `${n} ${rule}`).join(', ')}.`,
  )
  return `${lines.join('\n')}\n`
}
