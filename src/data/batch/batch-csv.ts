// "Export CSV" of "Batch results": one row per input value, sent or not, in input order.
import type { BatchItem, BatchRun } from './batch-run'

export type ResultRow = {
  xuid: string
  status: string
  /** The handle id when sent, else the error or why it was skipped. */
  detail: string
  at: number | undefined
  kind: 'sent' | 'failed' | 'pending' | 'cancelled' | 'invalid' | 'duplicate'
}

export function itemStatusText(item: BatchItem): string {
  switch (item.status) {
    case 'sent':
      return `Sent${item.httpStatus ? ` (${item.httpStatus})` : ''}`
    case 'failed':
      return `Failed${item.httpStatus ? ` (${item.httpStatus})` : ''}`
    case 'sending':
      return 'Sending'
    case 'cancelled':
      return 'Not sent (cancelled)'
    default:
      return item.httpStatus === 429 ? 'Waiting (429)' : 'Pending'
  }
}

export function resultRows(run: BatchRun): ResultRow[] {
  const rows: ResultRow[] = run.items.map((item) => ({
    xuid: item.xuid,
    status: itemStatusText(item),
    detail: item.status === 'sent' ? (item.handleId ?? '') : (item.error ?? ''),
    at: item.at,
    kind: item.status === 'sending' ? 'pending' : item.status,
  }))
  for (const skipped of run.skipped) {
    rows.push({
      xuid: skipped.raw,
      status: skipped.kind === 'invalid' ? 'Invalid' : 'Duplicate',
      detail: `Line ${skipped.line}: ${skipped.reason}`,
      at: undefined,
      kind: skipped.kind,
    })
  }
  return rows
}

// A cell starting with = + - @ is a formula to a spreadsheet (CSV injection, OWASP); prefix a quote.
function cell(value: string): string {
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value
  return /[",\r\n]/.test(safe) ? `"${safe.replaceAll('"', '""')}"` : safe
}

export function batchResultsCsv(run: BatchRun): string {
  const lines = [['xuid', 'status', 'handle_id_or_error', 'time'].join(',')]
  for (const row of resultRows(run)) {
    lines.push(
      [row.xuid, row.status, row.detail, row.at === undefined ? '' : new Date(row.at).toISOString()]
        .map(cell)
        .join(','),
    )
  }
  return `${lines.join('\r\n')}\r\n`
}
