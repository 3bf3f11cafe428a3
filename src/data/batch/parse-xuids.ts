// Turns whatever the user gives ("Invited XUIDs" typed, pasted one a line or comma-separated, a JSON
// array copied from a log, or a CSV export) into XUIDs to invite, each judged on its own with a
// reason, in the order given. Nothing is dropped silently: an invalid or repeated value comes back
// as a marked entry, so the results table can show it beside the ones that were sent.
import { xuidSchema } from '../../mpsd/schemas'

export type XuidEntry =
  | { kind: 'valid'; line: number; raw: string; xuid: string }
  | { kind: 'invalid'; line: number; raw: string; reason: string }
  | { kind: 'duplicate'; line: number; raw: string; xuid: string; firstLine: number }

export type ParsedXuids = {
  entries: XuidEntry[]
  /** The XUIDs to send, deduplicated, in the order first given. */
  valid: string[]
  invalid: Array<Extract<XuidEntry, { kind: 'invalid' }>>
  duplicates: Array<Extract<XuidEntry, { kind: 'duplicate' }>>
  /** Set when the input was cut at MAX_XUID_ENTRIES. */
  truncated: boolean
}

/** Far beyond any real batch (10,000 at MPSD's sustain rate is almost 3 hours), but bounded. */
export const MAX_XUID_ENTRIES = 10_000

// Separators people paste: newlines, commas, semicolons, tabs, spaces.
const SEPARATORS = /[\s,;]+/
// Wrapping a JSON array or a quoted CSV cell leaves these around a value.
const WRAPPERS = /^[[\]"'`]+|[[\]"'`]+$/g

function judge(raw: string, line: number, seen: Map<string, number>): XuidEntry {
  const parsed = xuidSchema.safeParse(raw)
  if (!parsed.success) {
    return { kind: 'invalid', line, raw, reason: parsed.error.issues[0]?.message ?? 'Not a XUID' }
  }
  const first = seen.get(parsed.data)
  if (first !== undefined)
    return { kind: 'duplicate', line, raw, xuid: parsed.data, firstLine: first }
  seen.set(parsed.data, line)
  return { kind: 'valid', line, raw, xuid: parsed.data }
}

function collect(values: Iterable<{ raw: string; line: number }>): ParsedXuids {
  const seen = new Map<string, number>()
  const entries: XuidEntry[] = []
  let truncated = false
  for (const { raw, line } of values) {
    if (entries.length >= MAX_XUID_ENTRIES) {
      truncated = true
      break
    }
    entries.push(judge(raw, line, seen))
  }
  return {
    entries,
    valid: entries.flatMap((e) => (e.kind === 'valid' ? [e.xuid] : [])),
    invalid: entries.filter(
      (e): e is Extract<XuidEntry, { kind: 'invalid' }> => e.kind === 'invalid',
    ),
    duplicates: entries.filter(
      (e): e is Extract<XuidEntry, { kind: 'duplicate' }> => e.kind === 'duplicate',
    ),
    truncated,
  }
}

function* tokensOf(text: string): Generator<{ raw: string; line: number }> {
  const lines = text.split(/\r\n|\r|\n/)
  for (let i = 0; i < lines.length; i++) {
    for (const token of (lines[i] ?? '').split(SEPARATORS)) {
      const raw = token.replace(WRAPPERS, '')
      if (raw !== '') yield { raw, line: i + 1 }
    }
  }
}

/** Typed or pasted text: one a line, comma- or space-separated, or a JSON array of strings. */
export function parseXuidText(text: string): ParsedXuids {
  return collect(tokensOf(text))
}

/** RFC 4180 rows (quoted cells, doubled quotes, CRLF), with the 1-based line each row starts on. */
export function parseCsvRows(text: string): Array<{ line: number; cells: string[] }> {
  const rows: Array<{ line: number; cells: string[] }> = []
  let cells: string[] = []
  let cell = ''
  let quoted = false
  let line = 1
  let rowLine = 1
  const input = text.replace(/^\uFEFF/, '')
  for (let i = 0; i < input.length; i++) {
    const ch = input[i]
    if (quoted) {
      if (ch === '"' && input[i + 1] === '"') {
        cell += '"'
        i++
      } else if (ch === '"') quoted = false
      else {
        if (ch === '\n') line++
        cell += ch
      }
    } else if (ch === '"' && cell.trim() === '') {
      quoted = true
      cell = ''
    } else if (ch === ',' || ch === ';' || ch === '\t') {
      cells.push(cell)
      cell = ''
    } else if (ch === '\n' || ch === '\r') {
      if (ch === '\r' && input[i + 1] === '\n') i++
      cells.push(cell)
      rows.push({ line: rowLine, cells })
      cells = []
      cell = ''
      line++
      rowLine = line
    } else cell += ch
  }
  if (cell !== '' || cells.length > 0) {
    cells.push(cell)
    rows.push({ line: rowLine, cells })
  }
  return rows.filter((row) => row.cells.some((c) => c.trim() !== ''))
}

/**
 * A CSV file: with a header naming a column "xuid" (any case, e.g. "XUID" or "invitedXuid") only
 * that column is read; a one-column file is read whole; otherwise every cell counts, so a
 * gamertag column shows up as invalid entries rather than being guessed away.
 */
export function parseXuidCsv(text: string): ParsedXuids {
  const rows = parseCsvRows(text)
  const header = rows[0]
  const looksLikeHeader = header !== undefined && header.cells.some((c) => /[a-z]/i.test(c))
  const column = looksLikeHeader ? header.cells.findIndex((c) => /xuid/i.test(c)) : -1
  const body = column >= 0 ? rows.slice(1) : rows
  const values: Array<{ raw: string; line: number }> = []
  for (const row of body) {
    const cells = column >= 0 ? [row.cells[column] ?? ''] : row.cells
    for (const cell of cells) {
      const raw = cell.trim().replace(/^=/, '').replace(WRAPPERS, '').trim()
      if (raw !== '') values.push({ raw, line: row.line })
    }
  }
  return collect(values)
}

/** One line per XUID, for appending a CSV file's XUIDs to the textarea the user can still edit. */
export function xuidsAsLines(parsed: ParsedXuids): string {
  return parsed.entries.map((e) => e.raw).join('\n')
}
