import 'fake-indexeddb/auto'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { invitePreset } from '../../testing/preset-fixtures'
import { createQueryClient } from '../../lib/query-client'
import { resetWorkbenchDBConnection } from '../../lib/db'
import { createPreset } from '../presets/preset-store'
import { isRunLive, resetRunController, startRun } from './run-controller'
import { holdRunLock, dropRunLock } from './run-lock'
import { runId, type StoredRun } from './run-record'
import { listRuns, saveRun } from './run-store'
import { fakeLockManager } from '../../testing/fake-lock-manager'

/** The calls that went to MPSD (through the proxy), not the app's own look-ups. */
const sent = () =>
  vi.mocked(fetch).mock.calls.filter(([input]) => String(input).startsWith('/proxy/'))

beforeEach(() => {
  // Every call is answered as MPSD answers an invite; the app's own look-ups find nothing.
  vi.stubGlobal(
    'fetch',
    vi.fn(async (input: RequestInfo | URL) =>
      String(input).startsWith('/proxy/')
        ? Response.json({ id: 'a1b2', invitedXuid: '2533274790000001' }, { status: 201 })
        : Response.json({}, { status: 404 }),
    ),
  )
})

afterEach(async () => {
  await resetRunController()
  vi.unstubAllGlobals()
  await resetWorkbenchDBConnection()
  indexedDB.deleteDatabase('handles-workbench')
})

describe('run controller', () => {
  it('refuses a second Start while the first run is still being written: one run, each step sent once', async () => {
    const presets = [
      await createPreset(invitePreset('First')),
      await createPreset(invitePreset('Second')),
    ]
    const queryClient = createQueryClient({ queries: { retry: false } })
    // Two Starts in the same moment (a double-click): the first is `ready`, awaiting its first write.
    const [first, second] = await Promise.all([
      startRun({ name: 'Nightly', presets }, queryClient),
      startRun({ name: 'Nightly', presets }, queryClient),
    ])
    expect(second.id).toBe(first.id)
    expect(first.state?.status).toBe('done')
    expect(sent()).toHaveLength(2)
    const runs = await listRuns()
    expect(runs.map((run) => [run.id, run.state.status])).toEqual([[first.id, 'done']])
  })

  it('reads a run another tab holds as live, and one no tab holds as interrupted', async () => {
    vi.stubGlobal('navigator', { locks: fakeLockManager() })
    const running: StoredRun = {
      id: runId(1_000),
      createdAt: 1_000,
      updatedAt: 1_500,
      name: 'Elsewhere',
      iterations: 1,
      state: { status: 'running', startedAt: 1_000, next: 0, results: [] },
    }
    await saveRun(running)
    // The other tab: the same code, the same origin's lock manager.
    holdRunLock(running.id)
    expect(await isRunLive(running.id)).toBe(true)
    const [shown] = await listRuns({ isLive: isRunLive })
    expect(shown?.state.status).toBe('running')

    // That tab closes: its lock goes with it.
    dropRunLock()
    await vi.waitFor(async () => expect(await isRunLive(running.id)).toBe(false))
    const [after] = await listRuns({ isLive: isRunLive })
    expect(after?.state.status).toBe('interrupted')
  })
})
