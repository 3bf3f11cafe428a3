// The real runner against the real simulator, over loopback through /proxy, with throttling on.
// Time is virtual: only Date is faked, in this process, which also runs the server, so the
// simulator's sliding windows and the runner's waits share one clock and 100 invites take no
// real 45 s. Sockets and timers stay real.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
// Test only: the runner's acceptance test needs the real server (proxy + simulator) on loopback;
// production code in src/data never imports src/server.
// eslint-disable-next-line import-x/no-restricted-paths
import { startWorkbenchServer, type RunningServer } from '../../server/start-server'
import { newBatchRun } from './batch-run'
import { runBatch, type Clock } from './batch-runner'
// The bench's fetch sender is the runner's real-HTTP client here too.
import { BENCH_TEMPLATE, createProxyInviteSend, timeInvites } from '../../../bench/batch-bench'
import { MPSD_BUDGETS } from './token-bucket'

type Logged = { at: string; method: string; path: string }

const virtualClock: Clock = {
  now: () => Date.now(),
  sleep: async (ms, signal) => {
    if (signal.aborted) throw signal.reason
    vi.setSystemTime(Date.now() + ms)
  },
}

describe('batch runner against the simulator (throttling on)', () => {
  let server: RunningServer
  // A server per test, started after Date is faked: the simulator keeps a reference to Date.now.
  beforeEach(async () => {
    vi.useFakeTimers({ toFake: ['Date'] })
    vi.setSystemTime(new Date('2030-01-01T00:00:00Z'))
    // Lenient simulator rules: these calls need no session (decision 100).
    server = await startWorkbenchServer({
      env: { WORKBENCH_SIM_RULES: 'lenient' },
      port: 0,
      logSink: () => {},
      serveDashboard: false,
    })
  })
  afterEach(async () => {
    await server.close()
    vi.useRealTimers()
  })

  const posts = async (): Promise<Logged[]> => {
    const { requests } = (await (await fetch(`${server.url}/sim/__requests`)).json()) as {
      requests: Logged[]
    }
    return requests.filter((r) => r.method === 'POST' && r.path.startsWith('/handles'))
  }
  const maxInWindow = (times: number[], windowMs: number) =>
    Math.max(0, ...times.map((at) => times.filter((t) => t > at - windowMs && t <= at).length))

  it('a 100-XUID batch finishes with zero 429s and never exceeds the budget', async () => {
    const send = createProxyInviteSend({
      baseUrl: server.url,
      authorization: 'XBL3.0 x=batch-user;tok',
    })
    const timing = await timeInvites({ count: 100, send, clock: virtualClock })
    expect(timing.run.items.find((i) => i.status === 'failed')?.error).toBeUndefined()
    expect(timing).toMatchObject({ sent: 100, failed: 0, throttled: 0 })
    const log = await posts()
    expect(log).toHaveLength(100)
    const times = log.map((r) => Date.parse(r.at))
    for (const budget of MPSD_BUDGETS)
      expect(maxInWindow(times, budget.windowMs)).toBeLessThanOrEqual(budget.limit)
    // Paced, not crawled: three burst windows.
    expect((times.at(-1) ?? 0) - (times[0] ?? 0)).toBeLessThan(46_000)
  })

  it('with a forced 429 the run waits its Retry-After, then goes on', async () => {
    const authorization = 'XBL3.0 x=throttled-user;tok'
    // Another client spends this user's burst, unknown to the runner.
    const other = createProxyInviteSend({ baseUrl: server.url, authorization })
    const spender = newBatchRun({
      template: BENCH_TEMPLATE,
      xuids: [],
      budgets: [],
      now: Date.now(),
    })
    for (let i = 0; i < 30; i++) await other(String(2533274799000001n + BigInt(i)), spender)
    vi.setSystemTime(Date.now() + 4_000)
    const run = await runBatch(
      newBatchRun({
        template: BENCH_TEMPLATE,
        xuids: ['2533274790000001', '2533274790000002'],
        budgets: MPSD_BUDGETS,
        now: Date.now(),
      }),
      {
        send: createProxyInviteSend({ baseUrl: server.url, authorization }),
        clock: virtualClock,
      },
    )
    expect(run.items.map((i) => i.status)).toEqual(['sent', 'sent'])
    expect(run.items[0]?.attempts).toBe(2)
    const log = (await posts()).slice(30)
    expect(log).toHaveLength(3)
    const [throttledAt, retriedAt] = log.map((r) => Date.parse(r.at)) as [number, number]
    // The simulator asked for 11 s (the window opens 15 s after the first of the 30).
    expect(retriedAt - throttledAt).toBeGreaterThanOrEqual(11_000)
  })

  it('a cancelled run sends nothing more', async () => {
    const controller = new AbortController()
    const send = createProxyInviteSend({
      baseUrl: server.url,
      authorization: 'XBL3.0 x=cancel-user;tok',
    })
    let calls = 0
    const run = await runBatch(
      newBatchRun({
        template: BENCH_TEMPLATE,
        xuids: Array.from({ length: 50 }, (_, i) => String(2533274790000001 + i)),
        budgets: MPSD_BUDGETS,
        now: Date.now(),
      }),
      {
        clock: virtualClock,
        signal: controller.signal,
        send: async (xuid, r) => {
          calls++
          if (calls === 3) controller.abort('cancel')
          return send(xuid, r)
        },
      },
    )
    expect(run.state).toBe('cancelled')
    await new Promise((resolve) => setTimeout(resolve, 100))
    expect(await posts()).toHaveLength(3)
    expect(run.items.filter((i) => i.status === 'cancelled')).toHaveLength(47)
  })
})
