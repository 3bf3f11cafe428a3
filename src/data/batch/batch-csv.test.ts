import { describe, expect, it } from 'vitest'
import { newBatchRun } from './batch-run'
import { batchResultsCsv, resultRows } from './batch-csv'

describe('batch results CSV', () => {
  const run = newBatchRun({
    template: { scid: 's', templateName: 't', sessionName: 'n', titleId: '1' },
    xuids: ['1', '2'],
    skipped: [{ raw: '=cmd|x', line: 3, kind: 'invalid', reason: 'XUID must be a decimal number' }],
    budgets: [],
    now: 0,
  })
  run.items[0] = { ...run.items[0]!, status: 'sent', httpStatus: 201, handleId: 'abc', at: 0 }
  run.items[1] = {
    ...run.items[1]!,
    status: 'failed',
    httpStatus: 400,
    error: 'HTTP 400: bad, "very"',
    at: 1000,
  }

  it('lists every input value, sent, failed or skipped', () => {
    expect(resultRows(run).map((r) => [r.xuid, r.status])).toEqual([
      ['1', 'Sent (201)'],
      ['2', 'Failed (400)'],
      ['=cmd|x', 'Invalid'],
    ])
  })

  it('quotes cells and defuses formulas', () => {
    expect(batchResultsCsv(run)).toBe(
      'xuid,status,handle_id_or_error,time\r\n' +
        '1,Sent (201),abc,1970-01-01T00:00:00.000Z\r\n' +
        '2,Failed (400),"HTTP 400: bad, ""very""",1970-01-01T00:00:01.000Z\r\n' +
        "'=cmd|x,Invalid,Line 3: XUID must be a decimal number,\r\n",
    )
  })
})
