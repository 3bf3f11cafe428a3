// The JSON report (`--reporter json`, `--out dir`): each finding names its rule and lists its calls
// as indexes into the HAR's log.entries (0-based), so a script can look each one up.
import { TRACE_RULES, type Grouping, type TraceRule } from '../mpsd/trace-rules/trace-call'
import type { TraceReport } from '../mpsd/trace-rules/analyze-trace'
import type { HarSkip } from '../mpsd/trace-rules/har-calls'

export type JsonReport = {
  tool: 'handles-workbench'
  version: string
  file: string
  grouping: Grouping
  entries: number
  callsAnalysed: number
  skipped: HarSkip[]
  violations: number
  byRule: Record<TraceRule, number>
  findings: Array<{
    rule: TraceRule
    level: 'warning' | 'error'
    group: { by: Grouping; name: string; endpoint: string }
    message: string
    calls: number[]
  }>
  notes: string[]
}

export function jsonReport(input: {
  version: string
  file: string
  entries: number
  skipped: HarSkip[]
  report: TraceReport
}): JsonReport {
  const { report } = input
  const byRule = Object.fromEntries(TRACE_RULES.map((rule) => [rule, 0])) as Record<
    TraceRule,
    number
  >
  for (const finding of report.findings) byRule[finding.rule] += 1
  return {
    tool: 'handles-workbench',
    version: input.version,
    file: input.file,
    grouping: report.grouping,
    entries: input.entries,
    callsAnalysed: report.callCount,
    skipped: input.skipped,
    violations: report.findings.length,
    byRule,
    findings: report.findings.map((finding) => ({
      rule: finding.rule,
      level: finding.level,
      group: finding.group,
      message: finding.message,
      calls: finding.calls.map((call) => call.index),
    })),
    notes: report.notes,
  }
}
