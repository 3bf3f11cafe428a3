// A data file for a run: CSV (RFC 4180) whose header row names the variables and whose every other
// row is one iteration of the run, as Postman's collection runner and newman's --iteration-data
// read it. Quoted fields may hold commas, quotes ("") and line breaks; a UTF-8 BOM is skipped;
// CRLF and LF both end a record. Every problem names its line.

export const CSV_MAX_BYTES = 1024 * 1024
/** One iteration per row: a run of more rows than this is a mistake, not a test. */
export const CSV_MAX_ROWS = 10_000

export type CsvData =
  | { ok: true; columns: string[]; rows: Array<Record<string, string>> }
  | { ok: false; error: string }

/** Records as lists of fields, with the line each starts on; an unclosed quote is an error. */
function records(text: string): Array<{ line: number; fields: string[] }> | string {
  const out: Array<{ line: number; fields: string[] }> = []
  let fields: string[] = []
  let field = ''
  let quoted = false
  let line = 1
  let recordLine = 1
  let quoteLine = 1
  let i = 0
  const endField = () => {
    fields.push(field)
    field = ''
  }
  const endRecord = () => {
    endField()
    out.push({ line: recordLine, fields })
    fields = []
  }
  while (i < text.length) {
    const ch = text[i]
    if (quoted) {
      if (ch === '"') {
        if (text[i + 1] === '"') {
          field += '"'
          i += 2
          continue
        }
        quoted = false
      } else {
        if (ch === '\n') line++
        field += ch
      }
      i++
      continue
    }
    if (ch === '"' && field === '') {
      quoted = true
      quoteLine = line
    } else if (ch === ',') endField()
    else if (ch === '\r' || ch === '\n') {
      if (ch === '\r' && text[i + 1] === '\n') i++
      endRecord()
      line++
      recordLine = line
    } else field += ch
    i++
  }
  if (quoted) return `Line ${quoteLine}: a quoted field is never closed`
  if (field !== '' || fields.length > 0) endRecord()
  return out
}

export function parseCsv(input: string): CsvData {
  if (input.length > CSV_MAX_BYTES)
    return { ok: false, error: `Over ${CSV_MAX_BYTES / 1024} KiB: too large for a data file` }
  const text = input.startsWith('\uFEFF') ? input.slice(1) : input
  const read = records(text)
  if (typeof read === 'string') return { ok: false, error: read }
  // Blank lines (a final newline, a gap) are not rows.
  const all = read.filter((r) => !(r.fields.length === 1 && r.fields[0]?.trim() === ''))
  const [head, ...body] = all
  if (!head) return { ok: false, error: 'The file is empty: the first row must name the variables' }
  const columns = head.fields.map((name) => name.trim())
  const empty = columns.findIndex((name) => name === '')
  if (empty !== -1)
    return {
      ok: false,
      error: `Line ${head.line}: column ${empty + 1} has no name in the header row`,
    }
  const twice = columns.find((name, index) => columns.indexOf(name) !== index)
  if (twice !== undefined)
    return { ok: false, error: `Line ${head.line}: the column "${twice}" is named twice` }
  if (body.length === 0) return { ok: false, error: 'The file has a header row but no data rows' }
  if (body.length > CSV_MAX_ROWS)
    return { ok: false, error: `${body.length} rows: at most ${CSV_MAX_ROWS} iterations per run` }
  const rows: Array<Record<string, string>> = []
  for (const record of body) {
    if (record.fields.length !== columns.length)
      return {
        ok: false,
        error: `Line ${record.line}: ${record.fields.length} fields, but the header names ${columns.length}`,
      }
    rows.push(Object.fromEntries(columns.map((name, index) => [name, record.fields[index] ?? ''])))
  }
  return { ok: true, columns, rows }
}
