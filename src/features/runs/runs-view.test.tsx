import { screen, waitFor, within } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { invitePreset } from '../../testing/preset-fixtures'
import { createPreset } from '../../data/presets/preset-store'
import { resetRunController } from '../../data/runs/run-controller'
import { INTERRUPTED_STEP_NOTE, runId, type StoredRun } from '../../data/runs/run-record'
import { saveRun } from '../../data/runs/run-store'
import { openWorkbenchDB, resetWorkbenchDBConnection } from '../../lib/db'
import { renderWithProviders } from '../../testing/render-with-providers'
import { RunsView } from './runs-view'

/** A run as a page that closed mid-run leaves it: the first step answered, the second going. */
function cutOffRun(name: string, createdAt: number): StoredRun {
  const base = { iteration: 0, method: 'POST', path: '/handles', expectations: [] }
  return {
    id: runId(createdAt),
    createdAt,
    updatedAt: createdAt + 1_000,
    name,
    iterations: 1,
    state: {
      status: 'running',
      startedAt: createdAt,
      next: 1,
      results: [
        {
          ...base,
          index: 0,
          label: 'First',
          presetName: 'First',
          outcome: 'passed',
          status: 201,
          durationMs: 9,
          expectations: [{ label: 'Status is 2xx', passed: true, message: 'Got status 201' }],
        },
        { ...base, index: 1, label: 'Second', presetName: 'Second', outcome: 'notRun' },
        { ...base, index: 2, label: 'Third', presetName: 'Third', outcome: 'notRun' },
      ],
    },
  }
}

beforeEach(() => {
  // The team folder is empty; every call the run sends is answered as MPSD answers an invite.
  vi.stubGlobal(
    'fetch',
    vi.fn(async (input: RequestInfo | URL) =>
      String(input).includes('/api/team-presets')
        ? Response.json({ dir: 'presets', presets: [], errors: [] })
        : Response.json({ id: 'a1b2', invitedXuid: '2533274790000001' }, { status: 201 }),
    ),
  )
})

afterEach(async () => {
  vi.unstubAllGlobals()
  await resetRunController()
  await resetWorkbenchDBConnection()
  indexedDB.deleteDatabase('handles-workbench')
})

describe('RunsView', () => {
  it('still lists a finished run after a reload, with each step’s result and its exports', async () => {
    await createPreset(invitePreset('Nightly invite', ['nightly']))
    const first = renderWithProviders(<RunsView />)
    await userEvent.click(await screen.findByRole('checkbox', { name: 'Nightly invite' }))
    await userEvent.click(screen.getByRole('button', { name: 'Start run' }))
    const results = () => screen.getByRole('region', { name: 'Run results' })
    await waitFor(() =>
      expect(within(results()).getByRole('status')).toHaveTextContent(
        'Done: 1 passed, 0 failed, 0 errors',
      ),
    )

    // A reload: the page's run is gone from memory; what was stored is all there is.
    first.unmount()
    await resetRunController()
    renderWithProviders(<RunsView />)
    await waitFor(() =>
      expect(within(results()).getByRole('status')).toHaveTextContent(
        'Done: 1 passed, 0 failed, 0 errors',
      ),
    )
    const row = within(results()).getByRole('row', { name: /Nightly invite/ })
    expect(row).toHaveTextContent('201')
    expect(row).toHaveTextContent('Passed')
    expect(within(results()).getByRole('button', { name: 'Export JUnit XML' })).toBeEnabled()
    expect(within(results()).getByRole('button', { name: 'Export JSON' })).toBeEnabled()
    const recent = screen.getByRole('table', { name: 'Recent runs' })
    expect(within(recent).getAllByRole('row')).toHaveLength(2)
    expect(within(recent).getByRole('row', { name: /Nightly invite/ })).toHaveTextContent(
      'Done: 1 passed',
    )
  })

  it('shows a run cut off by a closed page as interrupted, the step it was at marked, and deletes it', async () => {
    await saveRun(cutOffRun('Older run', 1_000))
    await saveRun(cutOffRun('Cut-off run', 2_000))
    renderWithProviders(<RunsView />)
    const results = await screen.findByRole('region', { name: 'Run results' })
    await waitFor(() =>
      expect(within(results).getByRole('status')).toHaveTextContent(
        'Interrupted after 1 of 3: the page was closed or reloaded while it ran',
      ),
    )
    expect(within(results).getByRole('heading')).toHaveTextContent('Cut-off run')
    expect(within(results).getByRole('row', { name: /Second/ })).toHaveTextContent(
      INTERRUPTED_STEP_NOTE,
    )
    // Read, never resumed: no run controls, the exports are there.
    expect(within(results).queryByRole('button', { name: 'Resume' })).not.toBeInTheDocument()
    expect(within(results).getByRole('button', { name: 'Export JUnit XML' })).toBeEnabled()

    // The older one's results, picked in Recent runs; then deleted.
    await userEvent.click(screen.getByRole('button', { name: 'Show the results of Older run' }))
    expect(within(results).getByRole('heading')).toHaveTextContent('Older run')
    await userEvent.click(within(results).getByRole('button', { name: 'Delete run' }))
    const recent = await screen.findByRole('table', { name: 'Recent runs' })
    await waitFor(() => expect(within(recent).getAllByRole('row')).toHaveLength(2))
    expect(within(recent).queryByText('Older run')).not.toBeInTheDocument()
  })

  it('a double-click on Start starts one run: each step is sent once and one run is kept', async () => {
    await createPreset(invitePreset('First invite', ['nightly']))
    await createPreset(invitePreset('Second invite', ['nightly']))
    renderWithProviders(<RunsView />)
    await userEvent.click(await screen.findByRole('checkbox', { name: 'First invite' }))
    await userEvent.click(screen.getByRole('checkbox', { name: 'Second invite' }))
    // Both clicks land before the first run's first write does (no pause between them).
    await userEvent
      .setup({ delay: null })
      .dblClick(screen.getByRole('button', { name: 'Start run' }))
    const results = await screen.findByRole('region', { name: 'Run results' })
    await waitFor(() =>
      expect(within(results).getByRole('status')).toHaveTextContent(
        'Done: 2 passed, 0 failed, 0 errors',
      ),
    )
    const sends = vi
      .mocked(fetch)
      .mock.calls.filter(([input]) => String(input).startsWith('/proxy/'))
    expect(sends).toHaveLength(2)
    const db = await openWorkbenchDB()
    expect(await db.getAll('runs')).toEqual([
      expect.objectContaining({ state: expect.objectContaining({ status: 'done' }) }),
    ])
    const recent = screen.getByRole('table', { name: 'Recent runs' })
    expect(within(recent).getAllByRole('row')).toHaveLength(2)
  })
})
