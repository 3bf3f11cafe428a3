import { describe, expect, it } from 'vitest'
import { parseCsv } from './csv'

describe('parseCsv', () => {
  it('reads a header and rows, quoted commas, quotes and line breaks, CRLF and a BOM', () => {
    expect(parseCsv('\uFEFFxuid,context\r\n1,"a, ""b"""\r\n2,"two\nlines"\n\n')).toEqual({
      ok: true,
      columns: ['xuid', 'context'],
      rows: [
        { xuid: '1', context: 'a, "b"' },
        { xuid: '2', context: 'two\nlines' },
      ],
    })
  })

  it('names the line of each problem', () => {
    expect(parseCsv('a,b\n1,2\n3\n')).toEqual({
      ok: false,
      error: 'Line 3: 1 fields, but the header names 2',
    })
    expect(parseCsv('a,b\n1,"open\n')).toEqual({
      ok: false,
      error: 'Line 2: a quoted field is never closed',
    })
    expect(parseCsv('a,a\n1,2')).toMatchObject({
      ok: false,
      error: 'Line 1: the column "a" is named twice',
    })
    expect(parseCsv('a,\n1,2')).toMatchObject({ ok: false })
    expect(parseCsv('')).toMatchObject({ ok: false })
    expect(parseCsv('a,b\n')).toMatchObject({
      ok: false,
      error: 'The file has a header row but no data rows',
    })
  })
})
