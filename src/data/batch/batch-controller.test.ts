import 'fake-indexeddb/auto'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { entry, freshWorkbenchDBPerTest, inviteAnswer } from '../../testing/history-fixtures'
import { recordExchange } from '../history/history-write'
import { DEFAULT_SETTINGS } from '../settings/settings-store'
import {
  BatchBlockedError,
  discardBatch,
  resetBatchController,
  resumeBatch,
  retryFailed,
  startBatch,
  stopBatch,
  type DriveOptions,
} from './batch-controller'
import { newBatchRun, type BatchRun } from './batch-run'
import type { Clock, SendOutcome } from './batch-runner'
import { getBatchRun, latestBatchRun, listBatchRuns, saveBatchRun } from './batch-store'

freshWorkbenchDBPerTest()

const TEMPLATE = {
  scid: 'bd6c41c3-01c3-468a-a3b5-3e0fe8133862',
  templateName: 'deathmatch',
  sessionName: 'session-1',
  titleId: '1234',
}
const XUIDS = Array.from({ length: 5 }, (_, i) => String(2533274790000001 + i))
const BUDGETS = [{ limit: 30, windowMs: 15_000 }]

/** A clock whose sleeps advance virtual time at once (and honour aborts). */
function fakeClock(): Clock {
  let now = Date.UTC(2026, 0, 1)
  return {
    now: () => now,
    sleep: async (ms, signal) => {
      if (signal.aborted) throw signal.reason
      now += ms
    },
  }
}

/** MPSD as the tests need it: every call logged; `answer` decides the outcome (201 by default). */
function fakeMpsd(answer: (xuid: string, call: number) => SendOutcome | 'pause' = () => 'pause') {
  const calls: string[] = []
  const clock = fakeClock()
  const options: DriveOptions = {
    settings: async () => ({ settings: DEFAULT_SETTINGS, authorization: '' }),
    clock,
    send: async (xuid) => {
      calls.push(xuid)
      const outcome = answer(xuid, calls.length)
      if (outcome !== 'pause') return outcome
      // The user presses Pause while this invite is in flight: it completes, then the run stops.
      stopBatch('pause')
      return { kind: 'sent', status: 201, handleId: `h-${xuid}` }
    },
  }
  const accepted = (run: BatchRun) =>
    run.items.filter((i) => i.status === 'sent').map((i) => i.xuid)
  return { calls, options, clock, accepted }
}

const sent = (xuid: string): SendOutcome => ({ kind: 'sent', status: 201, handleId: `h-${xuid}` })
const input = { template: TEMPLATE, xuids: XUIDS, skipped: [], budgets: BUDGETS }

/** Starts a batch that is paused by the user while its `pauseAt`-th invite is in flight. */
async function pausedRun(pauseAt: number) {
  const mpsd = fakeMpsd((xuid, call) => (call === pauseAt ? 'pause' : sent(xuid)))
  const paused = await startBatch(input, mpsd.options)
  return { mpsd, paused }
}

afterEach(() => {
  resetBatchController()
  vi.unstubAllGlobals()
})

describe('a paused run blocks a new one until it is resumed or discarded', () => {
  it('Send invites while paused starts nothing; Resume invites each XUID exactly once', async () => {
    const { mpsd, paused } = await pausedRun(2)
    expect(paused.state).toBe('paused')
    expect(mpsd.calls).toEqual(XUIDS.slice(0, 2))

    const again = startBatch(input, mpsd.options)
    await expect(again).rejects.toBeInstanceOf(BatchBlockedError)
    await expect(again).rejects.toThrow(
      'This batch is paused: 2 of 5 already invited, 3 left. Resume it or discard it before starting another.',
    )
    expect(mpsd.calls).toHaveLength(2)
    // The paused run's results are still there, and it is the only run.
    expect(await listBatchRuns()).toHaveLength(1)
    expect(mpsd.accepted((await getBatchRun(paused.id))!)).toEqual(XUIDS.slice(0, 2))

    const done = await resumeBatch(paused, mpsd.options)
    expect(done.state).toBe('done')
    expect(mpsd.calls).toEqual(XUIDS)
    expect(mpsd.accepted(done)).toEqual(XUIDS)
  })

  it('after a reload (module state gone) the stored paused run still blocks Send', async () => {
    const { mpsd } = await pausedRun(3)
    resetBatchController()
    const shown = await latestBatchRun()
    expect(shown?.state).toBe('paused')
    await expect(startBatch(input, mpsd.options)).rejects.toBeInstanceOf(BatchBlockedError)
    expect(mpsd.calls).toHaveLength(3)
  })

  it('a double click on Resume sends each remaining XUID once', async () => {
    const { mpsd, paused } = await pausedRun(1)
    const first = resumeBatch(paused, mpsd.options)
    const second = resumeBatch(paused, mpsd.options)
    await expect(second).rejects.toThrow('A batch is already running in this tab.')
    await first
    expect(mpsd.calls).toEqual(XUIDS)
  })

  it('Discard run keeps who was invited, marks the rest not sent, and lets a new batch start', async () => {
    const { mpsd, paused } = await pausedRun(2)
    const discarded = await discardBatch(paused)
    expect(discarded.state).toBe('cancelled')
    expect(discarded.note).toBe('Discarded: 2 of 5 invited; the 3 left were not sent.')
    expect(discarded.items.map((i) => i.status)).toEqual([
      'sent',
      'sent',
      'cancelled',
      'cancelled',
      'cancelled',
    ])
    const next = await startBatch({ ...input, xuids: XUIDS.slice(2) }, mpsd.options)
    expect(next.id).not.toBe(paused.id)
    expect(mpsd.calls).toEqual(XUIDS)
    // The discarded run is kept with its results.
    expect((await getBatchRun(paused.id))?.note).toMatch(/^Discarded/)
  })

  it('Cancel while sending ends the run: Send then starts a new one', async () => {
    const mpsd = fakeMpsd((xuid, call) => {
      if (call === 2) stopBatch('cancel')
      return sent(xuid)
    })
    const cancelled = await startBatch(input, mpsd.options)
    expect(cancelled.state).toBe('cancelled')
    const next = await startBatch({ ...input, xuids: XUIDS.slice(2) }, mpsd.options)
    expect(next.state).toBe('done')
    expect(mpsd.calls).toEqual(XUIDS)
  })
})

describe('Resume after a 429', () => {
  it('waits out Retry-After, sends the throttled XUID again and none of the accepted ones', async () => {
    const at: number[] = []
    let throttled = false
    const mpsd = fakeMpsd((xuid, call) => {
      at.push(mpsd.clock.now())
      if (call === 2 && !throttled) {
        throttled = true
        // The user pauses during the 429 wait.
        stopBatch('pause')
        return { kind: 'throttled', status: 429, retryAfterMs: 7_000 }
      }
      return sent(xuid)
    })
    const paused = await startBatch(input, mpsd.options)
    expect(paused.state).toBe('paused')
    expect(paused.items[1]).toMatchObject({ status: 'pending', httpStatus: 429 })
    const done = await resumeBatch(paused, mpsd.options)
    expect(mpsd.calls).toEqual([XUIDS[0], XUIDS[1], ...XUIDS.slice(1)])
    expect((at[2] ?? 0) - (at[1] ?? 0)).toBeGreaterThanOrEqual(7_000)
    expect(mpsd.accepted(done)).toEqual(XUIDS)
  })
})

describe('where a new run goes', () => {
  it('is pinned at start to Compose’s target (the environment’s upstream and actAs), not Settings’', async () => {
    const mpsd = fakeMpsd(sent)
    const done = await startBatch(input, {
      ...mpsd.options,
      target: async () => ({
        upstream: 'https://sessiondirectory.xboxlive.com',
        actAs: 'sim:2533274790000002',
      }),
    })
    expect(done.upstream).toBe('https://sessiondirectory.xboxlive.com')
    expect(done.actAs).toBe('sim:2533274790000002')
    expect(DEFAULT_SETTINGS.actAs).not.toBe(done.actAs)
  })

  it('without a target, goes where Settings say', async () => {
    const mpsd = fakeMpsd(sent)
    const done = await startBatch(input, mpsd.options)
    expect(done.upstream).toBe(DEFAULT_SETTINGS.upstream)
    expect(done.actAs).toBe(DEFAULT_SETTINGS.actAs)
  })
})

describe('Retry failed', () => {
  const failing = (bad: string) => (xuid: string) =>
    xuid === bad ? ({ kind: 'failed', status: 503, error: 'HTTP 503' } as const) : sent(xuid)

  it('resends only the failed XUIDs', async () => {
    let fail = true
    const mpsd = fakeMpsd((xuid) => (fail ? failing(XUIDS[1]!)(xuid) : sent(xuid)))
    const done = await startBatch(input, mpsd.options)
    expect(done.items[1]?.status).toBe('failed')
    fail = false
    const retried = await retryFailed(done, mpsd.options)
    expect(mpsd.calls).toEqual([...XUIDS, XUIDS[1]])
    expect(mpsd.accepted(retried)).toEqual(XUIDS)
  })

  it('from a stale copy (another tab already retried it) sends nothing again', async () => {
    let fail = true
    const mpsd = fakeMpsd((xuid) => (fail ? failing(XUIDS[1]!)(xuid) : sent(xuid)))
    const stale = await startBatch(input, mpsd.options)
    fail = false
    await retryFailed(stale, mpsd.options)
    // This tab still shows XUID 2 failed and presses Retry failed.
    resetBatchController()
    const again = await retryFailed(stale, mpsd.options)
    expect(mpsd.calls).toEqual([...XUIDS, XUIDS[1]])
    expect(mpsd.accepted(again)).toEqual(XUIDS)
  })

  it('after a reload mid-send, an XUID whose 2xx History kept is shown sent and never resent', async () => {
    const run = newBatchRun({ template: TEMPLATE, xuids: XUIDS.slice(0, 2), budgets: BUDGETS })
    run.state = 'running'
    run.items[0] = { ...run.items[0]!, status: 'sending', attempts: 1 }
    await saveBatchRun(run)
    // The answer was recorded in History; the page closed before the run was saved again.
    await recordExchange(
      entry({
        kind: 'invite',
        xuid: XUIDS[0],
        batchId: run.id,
        response: {
          status: 201,
          statusText: 'Created',
          headers: [],
          body: inviteAnswer('4f4b2e4a-1e0d-4e6b-9a2b-2c1a9b0e7f11', XUIDS[0]!),
          sizeBytes: 300,
        },
        statusClass: '2xx',
      }),
    )
    const shown = await latestBatchRun()
    expect(shown?.items[0]).toMatchObject({
      status: 'sent',
      handleId: '4f4b2e4a-1e0d-4e6b-9a2b-2c1a9b0e7f11',
    })
    const mpsd = fakeMpsd(sent)
    await retryFailed(shown!, mpsd.options)
    expect(mpsd.calls).toEqual([XUIDS[1]])
  })
})

describe('a second tab', () => {
  /** Web Locks as the browser has them, shared by "both tabs" (this process). */
  function fakeLocks() {
    const held = new Map<string, Promise<void>>()
    return {
      held,
      async request(
        name: string,
        options: { ifAvailable?: boolean },
        body: (lock: { name: string } | null) => Promise<unknown>,
      ) {
        if (options.ifAvailable && held.has(name)) return body(null)
        while (held.has(name)) await held.get(name)
        let release = () => {}
        held.set(name, new Promise<void>((resolve) => (release = resolve)))
        try {
          return await body({ name })
        } finally {
          held.delete(name)
          release()
        }
      },
      async query() {
        return { held: [...held.keys()].map((name) => ({ name })) }
      },
    }
  }
  let locks: ReturnType<typeof fakeLocks>
  beforeEach(() => {
    locks = fakeLocks()
    vi.stubGlobal('navigator', { locks })
  })

  /** The other tab sends `run`: it holds the run's lock until `release` is called. */
  function otherTabSends(run: BatchRun) {
    let release = () => {}
    const gate = new Promise<void>((resolve) => (release = resolve))
    void locks.request(`handles-workbench:batch:${run.id}`, {}, () => gate)
    return release
  }

  it('while another tab sends a run, Send, Resume and Discard here are refused', async () => {
    const run = newBatchRun({ template: TEMPLATE, xuids: XUIDS, budgets: BUDGETS })
    run.state = 'running'
    await saveBatchRun(run)
    const release = otherTabSends(run)
    const mpsd = fakeMpsd(sent)
    const start = startBatch(input, mpsd.options)
    await expect(start).rejects.toBeInstanceOf(BatchBlockedError)
    await expect(start).rejects.toThrow(/Another tab is sending a batch/)
    await expect(resumeBatch(run, mpsd.options)).rejects.toThrow(/being sent in another tab/)
    await expect(discardBatch(run)).rejects.toThrow(/being sent in another tab/)
    expect(mpsd.calls).toEqual([])
    expect((await getBatchRun(run.id))?.state).toBe('running')
    release()
  })

  it('Discard from a stale copy keeps what the other tab invited meanwhile', async () => {
    const { paused } = await pausedRun(2)
    const stale = structuredClone(paused)
    // The other tab resumed and paused again after one more invite.
    const other = await getBatchRun(paused.id)
    other!.items[2] = { ...other!.items[2]!, status: 'sent', invitedAt: 1, at: 1, attempts: 1 }
    other!.updatedAt += 1
    await saveBatchRun(other!)
    const discarded = await discardBatch(stale)
    expect(discarded.items.map((i) => i.status)).toEqual([
      'sent',
      'sent',
      'sent',
      'cancelled',
      'cancelled',
    ])
    expect(discarded.note).toBe('Discarded: 3 of 5 invited; the 2 left were not sent.')
  })

  it('two tabs pressing Send at once start one batch', async () => {
    const mpsd = fakeMpsd((xuid, call) => (call === 1 ? 'pause' : sent(xuid)))
    const first = startBatch(input, mpsd.options)
    // A second tab has its own module state: simulated by the same start from a fresh controller.
    resetBatchController()
    const second = startBatch(input, mpsd.options)
    const results = await Promise.allSettled([first, second])
    expect(results.map((r) => r.status).sort()).toEqual(['fulfilled', 'rejected'])
    expect(await listBatchRuns()).toHaveLength(1)
    expect(mpsd.calls).toEqual([XUIDS[0]])
  })
})
