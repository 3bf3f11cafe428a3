import 'fake-indexeddb/auto'
import { afterEach, describe, expect, it } from 'vitest'
import { openWorkbenchDB, resetWorkbenchDBConnection } from '../../lib/db'
import type { StepResult } from '../../mpsd/run/run-steps'
import { INTERRUPTED_STEP_NOTE, runId, type StoredRun } from './run-record'
import { deleteRun, listRuns, pruneRuns, RUNS_KEPT, saveRun } from './run-store'

afterEach(async () => {
  await resetWorkbenchDBConnection()
  indexedDB.deleteDatabase('handles-workbench')
})

function step(index: number, outcome: StepResult['outcome']): StepResult {
  return {
    index,
    iteration: 0,
    label: `Preset ${index + 1}`,
    presetName: `Preset ${index + 1}`,
    method: 'POST',
    path: '/handles',
    outcome,
    expectations:
      outcome === 'notRun' ? [] : [{ label: 'Status is 2xx', passed: true, message: 'Got 201' }],
    ...(outcome === 'notRun' ? {} : { status: 201, durationMs: 12, at: 1_000 + index }),
  }
}

function run(createdAt: number, overrides: Partial<StoredRun['state']> = {}): StoredRun {
  return {
    id: runId(createdAt),
    createdAt,
    updatedAt: createdAt + 500,
    name: `Run at ${createdAt}`,
    iterations: 1,
    state: {
      status: 'done',
      startedAt: createdAt,
      finishedAt: createdAt + 400,
      next: 3,
      results: [step(0, 'passed'), step(1, 'passed'), step(2, 'passed')],
      ...overrides,
    },
  }
}

describe('run store', () => {
  it('lists the runs kept, newest first, each with every step’s result', async () => {
    const older = run(1_000)
    const newer = run(2_000)
    await saveRun(newer)
    await saveRun(older)
    const runs = await listRuns()
    expect(runs.map((r) => r.id)).toEqual([newer.id, older.id])
    expect(runs[0]).toEqual(newer)
    await deleteRun(newer.id)
    expect((await listRuns()).map((r) => r.id)).toEqual([older.id])
  })

  it('reads a run its page left while it was going as interrupted, and marks the step it was at', async () => {
    const going = run(1_000, {
      status: 'running',
      finishedAt: undefined,
      next: 1,
      results: [step(0, 'passed'), step(1, 'notRun'), step(2, 'notRun')],
    })
    await saveRun(going)
    const [shown] = await listRuns({ isLive: async () => false })
    expect(shown?.state).toMatchObject({ status: 'interrupted', finishedAt: going.updatedAt })
    expect(shown?.state.results.map((r) => [r.outcome, r.error])).toEqual([
      ['passed', undefined],
      ['notRun', INTERRUPTED_STEP_NOTE],
      ['notRun', undefined],
    ])
    // The stored copy is left as it was: a read never overwrites a run another tab may write.
    const db = await openWorkbenchDB()
    expect(await db.get('runs', going.id)).toMatchObject({ state: { status: 'running' } })
    // A run a tab still holds (going or paused there) is shown as it is.
    const [live] = await listRuns({ isLive: async (id) => id === going.id })
    expect(live?.state.status).toBe('running')
  })

  it('reads a paused run whose page went away as interrupted, without marking a step', async () => {
    await saveRun(
      run(1_000, {
        status: 'paused',
        finishedAt: undefined,
        next: 1,
        results: [step(0, 'passed'), step(1, 'notRun')],
      }),
    )
    const [shown] = await listRuns()
    expect(shown?.state.status).toBe('interrupted')
    expect(shown?.state.results.every((r) => r.error === undefined)).toBe(true)
  })

  it('sets a damaged record aside in quarantine with the reason and lists the others', async () => {
    const good = run(1_000)
    await saveRun(good)
    const db = await openWorkbenchDB()
    await db.put('runs', { id: 'broken', createdAt: 2_000, state: { status: 'exploded' } })
    expect((await listRuns()).map((r) => r.id)).toEqual([good.id])
    const quarantined = await db.getAll('quarantine')
    expect(quarantined).toEqual([
      expect.objectContaining({ store: 'runs', key: 'broken', reason: expect.any(String) }),
    ])
    expect(await db.get('runs', 'broken')).toBeUndefined()
  })

  it('sets a damaged record aside once when two reads meet it (the poll and another tab)', async () => {
    const db = await openWorkbenchDB()
    await db.put('runs', { id: 'broken', createdAt: 2_000, state: { status: 'exploded' } })
    await Promise.all([listRuns(), listRuns()])
    expect(await db.getAll('quarantine')).toEqual([
      expect.objectContaining({ store: 'runs', key: 'broken' }),
    ])
  })

  it(`keeps the newest ${RUNS_KEPT} runs`, async () => {
    const runs = Array.from({ length: RUNS_KEPT + 3 }, (_, i) => run(1_000 + i))
    for (const r of runs) await saveRun(r)
    expect(await pruneRuns()).toBe(3)
    const kept = await listRuns()
    expect(kept).toHaveLength(RUNS_KEPT)
    expect(kept.at(-1)?.id).toBe(runs[3]?.id)
    expect(await pruneRuns()).toBe(0)
  })

  it('refuses to write a run that is not whole', async () => {
    await expect(saveRun({ ...run(1_000), iterations: 0 })).rejects.toThrow()
    expect(await listRuns()).toEqual([])
  })
})
