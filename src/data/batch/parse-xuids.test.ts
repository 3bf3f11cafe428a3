import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { MAX_XUID_ENTRIES, parseCsvRows, parseXuidCsv, parseXuidText } from './parse-xuids'

describe('parseXuidText', () => {
  it('reads one a line, commas, semicolons and spaces, keeping order and line numbers', () => {
    const parsed = parseXuidText(
      '2533274790000001\n2533274790000002, 2533274790000003;2533274790000004 \n\n  2533274790000005',
    )
    expect(parsed.valid).toEqual([
      '2533274790000001',
      '2533274790000002',
      '2533274790000003',
      '2533274790000004',
      '2533274790000005',
    ])
    expect(parsed.entries.map((e) => e.line)).toEqual([1, 2, 2, 2, 4])
  })

  it('marks invalid values with the schema’s reason and duplicates with the first line', () => {
    const parsed = parseXuidText('2533274790000001\nabc\n2533274790000001\n0\n-5\n0123')
    expect(parsed.valid).toEqual(['2533274790000001'])
    expect(parsed.invalid.map((e) => [e.line, e.raw])).toEqual([
      [2, 'abc'],
      [4, '0'],
      [5, '-5'],
      [6, '0123'],
    ])
    expect(parsed.invalid[0]?.reason).toMatch(/XUID must be a decimal number/)
    expect(parsed.duplicates).toEqual([
      {
        kind: 'duplicate',
        line: 3,
        raw: '2533274790000001',
        xuid: '2533274790000001',
        firstLine: 1,
      },
    ])
  })

  it('accepts a JSON array pasted from a log', () => {
    expect(parseXuidText('["2533274790000001","2533274790000002"]').valid).toEqual([
      '2533274790000001',
      '2533274790000002',
    ])
  })

  it('rejects values past uint64', () => {
    expect(parseXuidText('18446744073709551616').invalid).toHaveLength(1)
    expect(parseXuidText('18446744073709551615').valid).toHaveLength(1)
  })

  it('is bounded: a huge paste is cut and says so', () => {
    const parsed = parseXuidText(
      Array.from({ length: MAX_XUID_ENTRIES + 5 }, (_, i) => String(i + 1)).join('\n'),
    )
    expect(parsed.entries).toHaveLength(MAX_XUID_ENTRIES)
    expect(parsed.truncated).toBe(true)
  })

  it('never throws and accounts for every value (property)', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 300 }), (text) => {
        const parsed = parseXuidText(text)
        return (
          parsed.entries.length ===
          parsed.valid.length + parsed.invalid.length + parsed.duplicates.length
        )
      }),
    )
  })
})

describe('parseXuidCsv', () => {
  it('reads only the xuid column when a header names it', () => {
    const parsed = parseXuidCsv(
      'gamertag,XUID\r\n"Smith, J",2533274790000001\r\nAlex,2533274790000002\r\n',
    )
    expect(parsed.valid).toEqual(['2533274790000001', '2533274790000002'])
    expect(parsed.entries.map((e) => e.line)).toEqual([2, 3])
  })

  it('reads a headerless one-column file, spreadsheet ="…" cells and a BOM', () => {
    expect(parseXuidCsv('\uFEFF2533274790000001\n="2533274790000002"\n').valid).toEqual([
      '2533274790000001',
      '2533274790000002',
    ])
  })

  it('marks a gamertag column as invalid rather than guessing it away', () => {
    const parsed = parseXuidCsv('alex,2533274790000001\n')
    expect(parsed.valid).toEqual(['2533274790000001'])
    expect(parsed.invalid.map((e) => e.raw)).toEqual(['alex'])
  })

  it('parses quoted cells with doubled quotes and newlines', () => {
    expect(parseCsvRows('a,"b ""c""\nd"\n1,2')).toEqual([
      { line: 1, cells: ['a', 'b "c"\nd'] },
      { line: 3, cells: ['1', '2'] },
    ])
  })

  it('never throws on arbitrary bytes (property)', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 300 }), (text) =>
        Array.isArray(parseXuidCsv(text).entries),
      ),
    )
  })
})
