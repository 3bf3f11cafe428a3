import { describe, expect, it } from 'vitest'
import { newBatchRun, recoverRun, requeueFailed, type BatchRun } from './batch-run'
import { parseRetryAfter, runBatch, type Clock, type SendOutcome } from './batch-runner'
import type { Budget } from '../../mpsd/token-bucket'

const TEMPLATE = {
  scid: 'bd6c41c3-01c3-468a-a3b5-3e0fe8133862',
  templateName: 't',
  sessionName: 's',
  titleId: '1234',
}
const MPSD: Budget[] = [
  { limit: 30, windowMs: 15_000 },
  { limit: 300, windowMs: 300_000 },
]

/** A clock whose sleeps advance virtual time at once (and honour aborts). */
function fakeClock(start = 1_000_000): Clock & { sleeps: number[] } {
  let now = start
  const sleeps: number[] = []
  return {
    sleeps,
    now: () => now,
    sleep: async (ms, signal) => {
      if (signal.aborted) throw signal.reason
      sleeps.push(ms)
      now += ms
    },
  }
}

const xuids = (n: number) => Array.from({ length: n }, (_, i) => String(2533274790000000 + i + 1))

function runOf(n: number, budgets = MPSD): BatchRun {
  return newBatchRun({ template: TEMPLATE, xuids: xuids(n), budgets, now: 0 })
}

describe('runBatch', () => {
  it('sends one request per XUID, in order, and paces 100 within the budget', async () => {
    const clock = fakeClock()
    const sentAt: number[] = []
    const order: string[] = []
    const run = await runBatch(runOf(100), {
      clock,
      marginMs: 0,
      send: async (xuid) => {
        sentAt.push(clock.now())
        order.push(xuid)
        return { kind: 'sent', status: 201, handleId: `h-${xuid}` }
      },
    })
    expect(order).toEqual(xuids(100))
    expect(run.state).toBe('done')
    expect(run.items.every((i) => i.status === 'sent' && i.handleId === `h-${i.xuid}`)).toBe(true)
    for (const at of sentAt)
      expect(sentAt.filter((t) => t > at - 15_000 && t <= at).length).toBeLessThanOrEqual(30)
    expect((sentAt.at(-1) ?? 0) - (sentAt[0] ?? 0)).toBe(45_000)
  })

  it('goes on past failures and never retries them on its own', async () => {
    const clock = fakeClock()
    const calls: string[] = []
    const run = await runBatch(runOf(3), {
      clock,
      send: async (xuid) => {
        calls.push(xuid)
        return xuid.endsWith('2')
          ? { kind: 'failed', status: 503, error: 'HTTP 503: overloaded' }
          : { kind: 'sent', status: 201 }
      },
    })
    expect(calls).toHaveLength(3)
    expect(run.items.map((i) => i.status)).toEqual(['sent', 'failed', 'sent'])
    expect(run.items[1]).toMatchObject({
      httpStatus: 503,
      error: 'HTTP 503: overloaded',
      attempts: 1,
    })
    expect(run.note).toMatch(/1 failed/)
  })

  it('waits out a 429’s Retry-After, then sends the same XUID (nothing was created) and goes on', async () => {
    const clock = fakeClock()
    const log: Array<[string, number]> = []
    let throttledOnce = false
    const run = await runBatch(runOf(3), {
      clock,
      send: async (xuid): Promise<SendOutcome> => {
        log.push([xuid, clock.now()])
        if (xuid.endsWith('2') && !throttledOnce) {
          throttledOnce = true
          return { kind: 'throttled', status: 429, retryAfterMs: 7_000 }
        }
        return { kind: 'sent', status: 201 }
      },
    })
    expect(log.map(([x]) => x.slice(-1))).toEqual(['1', '2', '2', '3'])
    const [, [, throttledAt], [, retriedAt]] = log as [unknown, [string, number], [string, number]]
    expect(retriedAt - throttledAt).toBeGreaterThanOrEqual(7_000)
    expect(run.items.every((i) => i.status === 'sent')).toBe(true)
    expect(run.items[1]?.attempts).toBe(2)
  })

  it('marks a XUID failed after three 429s in a row rather than hammering MPSD', async () => {
    const run = await runBatch(runOf(2), {
      clock: fakeClock(),
      send: async (xuid) =>
        xuid.endsWith('1')
          ? { kind: 'throttled', status: 429, retryAfterMs: 1_000 }
          : { kind: 'sent', status: 201 },
    })
    expect(run.items[0]).toMatchObject({ status: 'failed', throttled: 3, attempts: 3 })
    expect(run.items[1]?.status).toBe('sent')
  })

  it('a cancelled run sends nothing more and marks the rest cancelled', async () => {
    const controller = new AbortController()
    const calls: string[] = []
    const run = await runBatch(runOf(10), {
      clock: fakeClock(),
      signal: controller.signal,
      send: async (xuid) => {
        calls.push(xuid)
        if (calls.length === 4) controller.abort('cancel')
        return { kind: 'sent', status: 201 }
      },
    })
    expect(calls).toHaveLength(4)
    expect(run.state).toBe('cancelled')
    expect(run.items.filter((i) => i.status === 'cancelled')).toHaveLength(6)
  })

  it('cancel during a pacing wait stops at once', async () => {
    const controller = new AbortController()
    const calls: string[] = []
    const clock = fakeClock()
    const sleep = clock.sleep
    clock.sleep = async (ms, signal) => {
      controller.abort('cancel')
      return sleep(ms, signal)
    }
    const run = await runBatch(runOf(40), {
      clock,
      signal: controller.signal,
      send: async (x) => (calls.push(x), { kind: 'sent', status: 201 }),
    })
    expect(calls).toHaveLength(30)
    expect(run.state).toBe('cancelled')
  })

  it('pause keeps the rest pending; resuming the persisted run carries on with the pacing log', async () => {
    const controller = new AbortController()
    const stored: BatchRun[] = []
    const clock = fakeClock()
    const calls: number[] = []
    const paused = await runBatch(runOf(40), {
      clock,
      signal: controller.signal,
      persist: (r) => void stored.push(r),
      send: async () => {
        calls.push(clock.now())
        if (calls.length === 25) controller.abort('pause')
        return { kind: 'sent', status: 201 }
      },
    })
    expect(paused.state).toBe('paused')
    expect(paused.items.filter((i) => i.status === 'pending')).toHaveLength(15)
    expect(stored.at(-1)).toEqual(paused)
    expect(paused.spent).toHaveLength(25)
    // "Reload": a fresh runner from the stored record; the first 5 go, then it waits for the window.
    const resumed = await runBatch(structuredClone(paused), {
      clock,
      marginMs: 0,
      send: async () => (calls.push(clock.now()), { kind: 'sent', status: 201 }),
    })
    expect(resumed.state).toBe('done')
    expect(calls).toHaveLength(40)
    for (const at of calls)
      expect(calls.filter((t) => t > at - 15_000 && t <= at).length).toBeLessThanOrEqual(30)
  })

  it('never sends again an XUID this run already had a 2xx for, whatever its queue says', async () => {
    const run = runOf(3)
    // A copy merged from a stale tab: XUID 1 accepted earlier, yet queued; XUID 3 listed twice.
    run.items[0] = { ...run.items[0]!, status: 'pending', handleId: 'h-1', invitedAt: 5 }
    run.items.push({ xuid: run.items[2]!.xuid, status: 'pending', attempts: 0 })
    const calls: string[] = []
    const done = await runBatch(run, {
      clock: fakeClock(),
      send: async (xuid) => (calls.push(xuid), { kind: 'sent', status: 201 }),
    })
    expect(calls).toEqual([xuids(3)[1], xuids(3)[2]])
    expect(done.items.map((i) => i.status)).toEqual(['sent', 'sent', 'sent', 'cancelled'])
    expect(done.items[0]?.handleId).toBe('h-1')
    expect(done.items[3]?.error).toMatch(/Already invited by this run/)
  })

  it('treats a throwing send as a failure with unknown outcome', async () => {
    const run = await runBatch(runOf(2), {
      clock: fakeClock(),
      send: async (x) => {
        if (x.endsWith('1')) throw new Error('boom')
        return { kind: 'sent', status: 201 }
      },
    })
    expect(run.items.map((i) => i.status)).toEqual(['failed', 'sent'])
    expect(run.items[0]?.error).toBe('boom')
  })
})

describe('recovery and retry', () => {
  it('after a crash, a XUID caught sending is marked failed (unknown), never re-sent by itself', () => {
    const run = runOf(3)
    run.state = 'running'
    run.items[0] = { ...run.items[0]!, status: 'sent' }
    run.items[1] = { ...run.items[1]!, status: 'sending', attempts: 1 }
    const recovered = recoverRun(run, 5)
    expect(recovered.state).toBe('paused')
    expect(recovered.items.map((i) => i.status)).toEqual(['sent', 'failed', 'pending'])
    expect(recovered.items[1]?.error).toMatch(/outcome is unknown/)
  })

  it('"Retry failed" puts only failed XUIDs back, never one that had a 2xx', () => {
    const run = runOf(4)
    run.state = 'done'
    run.items = run.items.map((i, n) => ({ ...i, status: n === 1 || n === 3 ? 'failed' : 'sent' }))
    // Accepted once, then marked failed by a later copy: it stays out of the queue.
    run.items[3] = { ...run.items[3]!, invitedAt: 5 }
    expect(requeueFailed(run).items.map((i) => i.status)).toEqual([
      'sent',
      'pending',
      'sent',
      'failed',
    ])
  })

  it('a new run lists each XUID once', () => {
    const run = newBatchRun({
      template: TEMPLATE,
      xuids: ['2533274790000001', '2533274790000002', '2533274790000001'],
      budgets: MPSD,
    })
    expect(run.items.map((i) => i.xuid)).toEqual(['2533274790000001', '2533274790000002'])
  })
})

describe('parseRetryAfter', () => {
  it('reads seconds and HTTP dates, and refuses junk', () => {
    expect(parseRetryAfter('7')).toBe(7_000)
    expect(
      parseRetryAfter('Wed, 21 Oct 2015 07:28:10 GMT', Date.parse('Wed, 21 Oct 2015 07:28:00 GMT')),
    ).toBe(10_000)
    expect(parseRetryAfter('soon')).toBeUndefined()
    expect(parseRetryAfter(undefined)).toBeUndefined()
    expect(parseRetryAfter('999999')).toBe(15 * 60_000)
  })
})
