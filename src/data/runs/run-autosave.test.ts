import 'fake-indexeddb/auto'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { resetWorkbenchDBConnection } from '../../lib/db'
import type { StepResult } from '../../mpsd/run/run-steps'
import { onRunSaved, resetRunAutosave, runSaved, SAVE_EVERY_MS, saveRunSoon } from './run-autosave'
import { runId, type StoredRun } from './run-record'
import { listRuns, saveRun } from './run-store'
import type * as RunStore from './run-store'

// The real store on fake-indexeddb, watched: each call of saveRun is one write of the whole run.
vi.mock('./run-store', async (importOriginal) => {
  const actual = await importOriginal<typeof RunStore>()
  return { ...actual, saveRun: vi.fn(actual.saveRun) }
})

const ID = runId(1_000)

/** The run after `answered` of its three steps (each write is the whole run). */
function runAt(answered: number, status: StoredRun['state']['status'] = 'running'): StoredRun {
  const results = [0, 1, 2].map((index): StepResult => ({
    index,
    iteration: 0,
    label: `Preset ${index + 1}`,
    presetName: `Preset ${index + 1}`,
    method: 'POST',
    path: '/handles',
    outcome: index < answered ? 'passed' : 'notRun',
    expectations: [],
  }))
  return {
    id: ID,
    createdAt: 1_000,
    updatedAt: 1_000,
    name: 'Nightly',
    iterations: 1,
    state: { status, startedAt: 1_000, next: answered, results },
  }
}

/** How far each write of the run had got, in the order they were made. */
const writes = () => vi.mocked(saveRun).mock.calls.map(([run]) => run.state.next)

/** Lets the writes made so far land (IndexedDB's own scheduling is real); no timer moves. */
async function settle() {
  await vi.advanceTimersByTimeAsync(0)
  await Promise.allSettled(vi.mocked(saveRun).mock.results.map((result) => result.value))
  await vi.advanceTimersByTimeAsync(0)
}

const stored = async () => (await listRuns({ isLive: async () => true }))[0]?.state

beforeEach(() => {
  // IndexedDB (fake-indexeddb) schedules with setImmediate, which stays real.
  vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'Date'] })
})

afterEach(async () => {
  await runSaved()
  vi.useRealTimers()
  resetRunAutosave()
  onRunSaved(() => {})
  vi.mocked(saveRun).mockClear()
  await resetWorkbenchDBConnection()
  indexedDB.deleteDatabase('handles-workbench')
})

describe('run autosave', () => {
  it('writes the run at once, then several updates within a second as one write of the newest', async () => {
    saveRunSoon(runAt(0), { now: false })
    saveRunSoon(runAt(1), { now: false })
    saveRunSoon(runAt(2), { now: false })
    await settle()
    expect(writes()).toEqual([0])
    await vi.advanceTimersByTimeAsync(SAVE_EVERY_MS - 1)
    await settle()
    expect(writes()).toEqual([0])
    await vi.advanceTimersByTimeAsync(1)
    await settle()
    expect(writes()).toEqual([0, 2])
    await runSaved()
    expect((await stored())?.next).toBe(2)
  })

  it('writes a pause, the end or Cancel at once, without waiting for the second to pass', async () => {
    saveRunSoon(runAt(0), { now: false })
    saveRunSoon(runAt(1), { now: false })
    saveRunSoon(runAt(3, 'done'), { now: true })
    await settle()
    expect(writes()).toEqual([0, 3])
    // The update it jumped was in it: nothing more is written when the second has passed.
    await vi.advanceTimersByTimeAsync(SAVE_EVERY_MS * 2)
    await settle()
    expect(writes()).toEqual([0, 3])
    await runSaved()
    expect(await stored()).toMatchObject({ status: 'done', next: 3 })
  })

  it('a hidden page writes the update waiting for its turn at once', async () => {
    saveRunSoon(runAt(0), { now: false })
    saveRunSoon(runAt(1), { now: false })
    await runSaved()
    expect(writes()).toEqual([0, 1])
    expect((await stored())?.next).toBe(1)
  })

  it('lands writes in order: a slow older write never overwrites a newer one', async () => {
    const real = vi.mocked(saveRun).getMockImplementation()
    let release = () => {}
    vi.mocked(saveRun).mockImplementationOnce(async (run) => {
      await new Promise<void>((resolve) => (release = resolve))
      await real?.(run)
    })
    saveRunSoon(runAt(1), { now: true })
    saveRunSoon(runAt(3, 'done'), { now: true })
    await vi.advanceTimersByTimeAsync(0)
    // The newer write waits for the older one, still going.
    expect(writes()).toEqual([1])
    release()
    await runSaved()
    expect(writes()).toEqual([1, 3])
    expect(await stored()).toMatchObject({ status: 'done', next: 3 })
  })

  it('reports a write storage refused through onRunSaved, and the next write that works clears it', async () => {
    const heard = vi.fn()
    onRunSaved(heard)
    vi.mocked(saveRun).mockRejectedValueOnce(new Error('The quota has been exceeded.'))
    saveRunSoon(runAt(1), { now: true })
    await runSaved()
    expect(heard.mock.calls).toEqual([[ID, 'The quota has been exceeded.']])
    expect(await stored()).toBeUndefined()

    saveRunSoon(runAt(2), { now: true })
    await runSaved()
    expect(heard.mock.calls.at(-1)).toEqual([ID, undefined])
    expect((await stored())?.next).toBe(2)
  })
})
