// Pause, "Send invites" and Resume through the real controller (runs stored in fake-indexeddb)
// against the real simulator over loopback, with throttling on and virtual time, as in
// batch-runner.loopback.test.ts: each XUID gets exactly one accepted invite.
import 'fake-indexeddb/auto'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
// Test only: the controller's acceptance test needs the real server (proxy + simulator) on
// loopback; production code in src/data never imports src/server.
// eslint-disable-next-line import-x/no-restricted-paths
import { startWorkbenchServer, type RunningServer } from '../../server/start-server'
import { BENCH_TEMPLATE, createProxyInviteSend } from '../../../bench/batch-bench'
import { freshWorkbenchDBPerTest } from '../../testing/history-fixtures'
import { DEFAULT_SIM_PLAYERS } from '../../mpsd/default-sim-players'
import { readHistoryEntries } from '../history/history-read'
import type { Settings } from '../settings/settings-schema'
import { DEFAULT_SETTINGS } from '../settings/settings-store'
import {
  BatchBlockedError,
  resetBatchController,
  resumeBatch,
  startBatch,
  stopBatch,
  type DriveOptions,
} from './batch-controller'
import { newBatchRun } from './batch-run'
import type { Clock } from './batch-runner'
import { MPSD_BUDGETS } from '../../mpsd/token-bucket'

freshWorkbenchDBPerTest()

const virtualClock: Clock = {
  now: () => Date.now(),
  sleep: async (ms, signal) => {
    if (signal.aborted) throw signal.reason
    vi.setSystemTime(Date.now() + ms)
  },
}

describe('batch controller against the simulator (throttling on)', () => {
  let server: RunningServer
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
    resetBatchController()
    await server.close()
    vi.useRealTimers()
  })

  it('paused during a 429 wait: Send invites is refused, Resume invites each XUID once', async () => {
    const authorization = 'XBL3.0 x=pause-user;tok'
    // Another client spends 29 of this user's burst of 30, unknown to the run.
    const other = createProxyInviteSend({ baseUrl: server.url, authorization })
    const spender = newBatchRun({ template: BENCH_TEMPLATE, xuids: [], budgets: [] })
    for (let i = 0; i < 29; i++) await other(String(2533274799000001n + BigInt(i)), spender)

    const proxySend = createProxyInviteSend({ baseUrl: server.url, authorization })
    const options: DriveOptions = {
      settings: async () => ({ settings: DEFAULT_SETTINGS, authorization }),
      clock: virtualClock,
      send: async (xuid, run) => {
        const outcome = await proxySend(xuid, run)
        // The user presses Pause as the 429 comes in.
        if (outcome.kind === 'throttled') stopBatch('pause')
        return outcome
      },
    }
    const xuids = Array.from({ length: 4 }, (_, i) => String(2533274790000001 + i))
    const input = { template: BENCH_TEMPLATE, xuids, skipped: [], budgets: MPSD_BUDGETS }

    const paused = await startBatch(input, options)
    expect(paused.state).toBe('paused')
    expect(paused.items.map((i) => i.status)).toEqual(['sent', 'pending', 'pending', 'pending'])
    expect(paused.items[1]?.httpStatus).toBe(429)

    await expect(startBatch(input, options)).rejects.toBeInstanceOf(BatchBlockedError)

    const done = await resumeBatch(paused, options)
    expect(done.items.map((i) => i.status)).toEqual(['sent', 'sent', 'sent', 'sent'])
    expect(new Set(done.items.map((i) => i.handleId)).size).toBe(4)

    const { requests } = (await (await fetch(`${server.url}/sim/__requests`)).json()) as {
      requests: Array<{ method: string; path: string; body: string }>
    }
    const invited = requests
      .filter((r) => r.method === 'POST' && r.path === '/handles')
      .map((r) => (JSON.parse(r.body) as { invitedXuid: string }).invitedXuid)
      .filter((x) => xuids.includes(x))
    // XUID 2 twice: its 429 (nothing created) and its invite after Retry-After; the rest once.
    expect(invited).toEqual([xuids[0], xuids[1], xuids[1], xuids[2], xuids[3]])
  })

  it('Resume after switching Act as still invites as the sender the run started with', async () => {
    const [ana, ben] = DEFAULT_SIM_PLAYERS
    let settings: Settings = {
      ...DEFAULT_SETTINGS,
      proxyUrl: `${server.url}/proxy`,
      actAs: `sim:${ana!.xuid}`,
    }
    // The real send path (sendAndRecord), reading the settings of the moment for each invite.
    const options: DriveOptions = {
      settings: async () => ({ settings, authorization: '' }),
      clock: virtualClock,
      onStep: (run) => {
        if (run.items.filter((i) => i.status === 'sent').length === 1) stopBatch('pause')
      },
    }
    const xuids = Array.from({ length: 3 }, (_, i) => String(2533274791000001 + i))
    const input = { template: BENCH_TEMPLATE, xuids, skipped: [], budgets: MPSD_BUDGETS }

    const paused = await startBatch(input, options)
    expect(paused.state).toBe('paused')
    expect(paused.actAs).toBe(`sim:${ana!.xuid}`)

    settings = { ...settings, actAs: `sim:${ben!.xuid}` }
    const done = await resumeBatch(paused, { ...options, onStep: () => {} })
    expect(done.items.map((i) => i.status)).toEqual(['sent', 'sent', 'sent'])

    const entries = await readHistoryEntries(done.items.map((i) => i.historyId!))
    expect(entries.map((e) => e.sender?.xuid)).toEqual([ana!.xuid, ana!.xuid, ana!.xuid])
  })
})
