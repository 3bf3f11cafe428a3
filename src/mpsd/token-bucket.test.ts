import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { createTokenBucket, estimateFinish, type Budget } from './token-bucket'

const MPSD: Budget[] = [
  { limit: 30, windowMs: 15_000 },
  { limit: 300, windowMs: 300_000 },
]

/** Paces `count` calls through a bucket on a fake clock; returns the spend times. */
function pace(count: number, budgets: Budget[], callMs = 0, marginMs = 0): number[] {
  let clock = 1_000_000
  const bucket = createTokenBucket({ budgets, now: () => clock, marginMs })
  const times: number[] = []
  for (let i = 0; i < count; i++) {
    clock += bucket.waitMs()
    clock += callMs
    bucket.take()
    times.push(clock)
  }
  return times
}

function maxInWindow(times: number[], windowMs: number): number {
  // MPSD's rule: a call counts while it is newer than `at - windowMs`.
  let max = 0
  for (const at of times)
    max = Math.max(max, times.filter((t) => t > at - windowMs && t <= at).length)
  return max
}

describe('token bucket', () => {
  it('starts full: the first 30 calls go at once, the 31st waits for the window to slide', () => {
    let clock = 0
    const bucket = createTokenBucket({ budgets: MPSD, now: () => clock, marginMs: 0 })
    for (let i = 0; i < 30; i++) {
      expect(bucket.waitMs()).toBe(0)
      bucket.take()
    }
    expect(bucket.waitMs()).toBe(15_000)
    clock = 14_999
    expect(bucket.waitMs()).toBe(1)
    clock = 15_000
    expect(bucket.waitMs()).toBe(0)
  })

  it('never lets more than the limit into any window (sliding, as MPSD counts)', () => {
    const times = pace(700, MPSD, 37)
    expect(maxInWindow(times, 15_000)).toBeLessThanOrEqual(30)
    expect(maxInWindow(times, 300_000)).toBeLessThanOrEqual(300)
  })

  it('holds for any budgets and call durations (property)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 20 }),
        fc.integer({ min: 100, max: 5_000 }),
        fc.integer({ min: 0, max: 300 }),
        fc.integer({ min: 1, max: 120 }),
        (limit, windowMs, callMs, count) => {
          const times = pace(count, [{ limit, windowMs }], callMs)
          return maxInWindow(times, windowMs) <= limit
        },
      ),
      { numRuns: 60 },
    )
  })

  it('reports what is left in each window for the meter', () => {
    let clock = 0
    const bucket = createTokenBucket({ budgets: MPSD, now: () => clock, marginMs: 0 })
    for (let i = 0; i < 5; i++) bucket.take()
    const [burst, sustain] = bucket.levels()
    expect(burst).toMatchObject({ limit: 30, remaining: 25, nextTokenAt: 15_000 })
    expect(sustain).toMatchObject({ limit: 300, remaining: 295 })
    clock = 15_001
    expect(bucket.levels()[0]?.remaining).toBe(30)
  })

  it('keeps earlier spends, so a resumed run cannot burst again', () => {
    const clock = 10_000
    const spent = Array.from({ length: 30 }, (_, i) => 5_000 + i)
    const bucket = createTokenBucket({ budgets: MPSD, now: () => clock, spent, marginMs: 0 })
    expect(bucket.waitMs()).toBe(5_000 + 15_000 - 10_000)
  })

  it('blocks everything until a Retry-After has passed', () => {
    let clock = 0
    const bucket = createTokenBucket({ budgets: MPSD, now: () => clock })
    bucket.blockUntil(7_000)
    expect(bucket.waitMs()).toBe(7_000)
    expect(bucket.levels()[0]?.remaining).toBe(0)
    clock = 7_000
    expect(bucket.waitMs()).toBe(0)
  })

  it('ignores nonsense budgets instead of dividing by zero', () => {
    const bucket = createTokenBucket({
      budgets: [
        { limit: 0, windowMs: 1 },
        { limit: 2, windowMs: Number.NaN },
      ],
      now: () => 0,
    })
    bucket.take()
    expect(bucket.waitMs()).toBe(0)
  })

  it('estimates the finish with the same pacing: 100 invites take three burst windows', () => {
    const end = estimateFinish({
      count: 100,
      budgets: MPSD,
      spent: [],
      now: 0,
      callMs: 0,
      marginMs: 0,
    })
    expect(end).toBe(45_000)
    expect(estimateFinish({ count: 0, budgets: MPSD, spent: [], now: 5, callMs: 10 })).toBe(5)
  })
})
