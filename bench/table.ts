// The shape every section reports, and the plain-text table run.ts prints. One row per figure;
// a section that threw reports one FAIL row carrying its error, so the table is never silent.
import { ratio } from './stats'

export type Figure = {
  section: string
  figure: string
  value: number
  unit: string
  /** The same quantity measured for the reference in the same run (floor app, bare proxy...). */
  reference?: number
  referenceLabel?: string
  /** Human-readable target, e.g. "≤ floor + 20 KB". */
  target: string
  /** undefined for figures that are informative only (no target). */
  pass?: boolean
  note?: string
  error?: string
}

export function failure(section: string, error: unknown): Figure {
  const message = error instanceof Error ? (error.stack ?? error.message) : String(error)
  return {
    section,
    figure: `${section} (section failed)`,
    value: Number.NaN,
    unit: '',
    target: '-',
    pass: false,
    error: message,
  }
}

export function formatValue(value: number | undefined, unit: string): string {
  if (value === undefined || !Number.isFinite(value)) return '-'
  if (unit === 'B') return `${(value / 1024).toFixed(1)} KB`
  if (unit === 'ms') return `${value < 10 ? value.toFixed(2) : value.toFixed(0)} ms`
  if (unit === 'req/s') return `${value.toFixed(0)} req/s`
  if (unit === 'MB') return `${value.toFixed(1)} MB`
  if (unit === 's') return `${value.toFixed(2)} s`
  if (unit === '%') return `${value.toFixed(1)} %`
  return `${Number.isInteger(value) ? value : value.toFixed(2)}${unit ? ` ${unit}` : ''}`
}

function verdict(f: Figure): string {
  if (f.pass === undefined) return 'info'
  return f.pass ? 'PASS' : 'FAIL'
}

export function formatTable(figures: readonly Figure[]): string {
  const header = ['figure', 'value', 'reference', 'ratio', 'target', 'result']
  const rows = figures.map((f) => {
    const r = f.reference === undefined ? Number.NaN : ratio(f.value, f.reference)
    return [
      f.figure,
      formatValue(f.value, f.unit),
      f.reference === undefined
        ? '-'
        : `${formatValue(f.reference, f.unit)}${f.referenceLabel ? ` (${f.referenceLabel})` : ''}`,
      Number.isFinite(r) ? `${r.toFixed(2)}×` : '-',
      f.target,
      verdict(f),
    ]
  })
  const widths = header.map((h, i) =>
    Math.max(h.length, ...rows.map((row) => (row[i] ?? '').length)),
  )
  const line = (cells: readonly string[]) =>
    cells
      .map((c, i) => c.padEnd(widths[i] ?? 0))
      .join(' | ')
      .trimEnd()
  const out = [line(header), widths.map((w) => '-'.repeat(w)).join('-|-')]
  for (const row of rows) out.push(line(row))
  // Errors and notes go under the table so the columns stay readable.
  for (const f of figures) {
    if (f.error) out.push(`  ! ${f.figure}: ${f.error.split('\n').slice(0, 4).join('\n    ')}`)
    else if (f.note) out.push(`  · ${f.figure}: ${f.note}`)
  }
  return out.join('\n')
}
