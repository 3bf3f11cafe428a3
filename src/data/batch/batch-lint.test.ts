import { describe, expect, it } from 'vitest'
import { findAlreadyInvited, findRepeats, lintBatch, type PlannedRequest } from './batch-lint'
import { MPSD_BUDGETS } from '../../mpsd/token-bucket'

const req = (xuid: string): PlannedRequest => ({
  method: 'POST',
  path: '/handles',
  body: `{"invitedXuid":"${xuid}"}`,
  xuid,
})

describe('pre-send lint', () => {
  it('warns when the same request went out less than 5 s ago, not after', () => {
    const planned = [req('1'), req('2')]
    const warnings = lintBatch({
      planned,
      recent: [{ ...req('2'), at: 8_000 }],
      now: 10_000,
      budgets: MPSD_BUDGETS,
      remaining: [30, 300],
    })
    expect(warnings).toHaveLength(1)
    expect(warnings[0]).toMatchObject({ code: 'repeat', xuids: ['2'] })
    expect(warnings[0]?.message).toMatch(/2\.0 s ago/)
    expect(
      lintBatch({
        planned,
        recent: [{ ...req('2'), at: 4_000 }],
        now: 10_000,
        budgets: MPSD_BUDGETS,
        remaining: [30, 300],
      }),
    ).toEqual([])
  })

  it('does not confuse different bodies or paths', () => {
    expect(
      findRepeats([req('1')], [{ ...req('1'), path: '/handles/query', at: 9_999 }], 10_000),
    ).toEqual([])
  })

  it('flags repeats inside the planned list itself', () => {
    expect(findRepeats([req('1'), req('1')], [], 0)).toEqual([
      { request: req('1'), agoMs: undefined },
    ])
  })

  it('warns of a burst over what is left of the budget, quoting the paced ETA', () => {
    const planned = Array.from({ length: 31 }, (_, i) => req(String(i + 1)))
    const [warning] = lintBatch({
      planned,
      recent: [],
      now: 0,
      budgets: MPSD_BUDGETS,
      remaining: [30, 300],
      eta: '15 s',
    })
    expect(warning).toMatchObject({ code: 'burst' })
    expect(warning?.message).toMatch(
      /31 calls is more than the 30 left of the 30 per 15 s budget.*about 15 s/,
    )
    expect(
      lintBatch({
        planned: planned.slice(0, 5),
        recent: [],
        now: 0,
        budgets: MPSD_BUDGETS,
        remaining: [4, 300],
      })[0]?.code,
    ).toBe('burst')
  })

  it('warns when pacing is set above MPSD’s budget', () => {
    const warnings = lintBatch({
      planned: [req('1')],
      recent: [],
      now: 0,
      budgets: [{ limit: 60, windowMs: 15_000 }],
      remaining: [60],
    })
    expect(warnings.map((w) => w.code)).toEqual(['budget-above-mpsd'])
    expect(
      lintBatch({
        planned: [req('1')],
        recent: [],
        now: 0,
        budgets: [{ limit: 10, windowMs: 15_000 }],
        remaining: [10],
      }),
    ).toEqual([])
  })
})

describe('already invited by the last batch', () => {
  it('after Cancel or Discard, names the XUIDs the same request already invited, however long ago', () => {
    const warning = findAlreadyInvited([req('1'), req('2'), req('3')], [req('1'), req('3')])
    expect(warning).toMatchObject({ code: 'already-invited', xuids: ['1', '3'] })
    expect(warning?.message).toMatch(/^2 of these XUIDs were already invited/)
    // Another session (another body) is a new invite, not a repeat.
    const elsewhere = { ...req('1'), body: '{"invitedXuid":"1","name":"other"}' }
    expect(findAlreadyInvited([req('1')], [elsewhere])).toBeUndefined()
  })
})
