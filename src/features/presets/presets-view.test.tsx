import { screen, waitFor, within } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { createPreset, listPresets } from '../../data/presets/preset-store'
import { resetWorkbenchDBConnection } from '../../lib/db'
import type { PresetContent } from '../../mpsd/preset'
import { renderWithProviders } from '../../testing/render-with-providers'
import { PresetsView } from './presets-view'

const content = (name: string, tags: string[] = []): PresetContent => ({
  name,
  description: '',
  tags,
  request: {
    type: 'invite',
    sessionRef: {
      scid: 'bd6c41c3-01c3-468a-a3b5-3e0fe8133862',
      templateName: 'deathmatch',
      name: 's',
    },
    invite: {
      invitedXuid: '2533274790000001',
      titleId: '1234',
      context: '',
      contextString: '',
      senderString: '',
    },
    contractVersion: 107,
  },
})

beforeEach(() => {
  // The team list comes from the server; here it is an empty folder.
  vi.stubGlobal(
    'fetch',
    vi.fn(async () => Response.json({ dir: 'presets', presets: [], errors: [] })),
  )
})

afterEach(async () => {
  vi.unstubAllGlobals()
  await resetWorkbenchDBConnection()
  indexedDB.deleteDatabase('handles-workbench')
})

function file(name: string, text: string) {
  return new File([text], name, { type: 'application/json' })
}

describe('PresetsView', () => {
  it('searches, filters by tag, deletes with undo and duplicates', async () => {
    await createPreset(content('Weekly', ['eu']))
    await createPreset(content('Daily', ['us']))
    const user = userEvent.setup()
    renderWithProviders(<PresetsView />)
    expect(await screen.findByRole('article', { name: 'Weekly' })).toBeInTheDocument()
    await user.type(screen.getByLabelText('Search presets'), 'dai')
    await waitFor(() =>
      expect(screen.queryByRole('article', { name: 'Weekly' })).not.toBeInTheDocument(),
    )
    await user.clear(screen.getByLabelText('Search presets'))
    await user.selectOptions(screen.getByLabelText('Tag'), 'eu')
    await waitFor(() =>
      expect(screen.queryByRole('article', { name: 'Daily' })).not.toBeInTheDocument(),
    )
    await user.selectOptions(screen.getByLabelText('Tag'), '')

    const weekly = await screen.findByRole('article', { name: 'Weekly' })
    await user.click(within(weekly).getByRole('button', { name: 'Delete' }))
    await waitFor(() =>
      expect(screen.queryByRole('article', { name: 'Weekly' })).not.toBeInTheDocument(),
    )
    await user.click(screen.getByRole('button', { name: 'Undo' }))
    const back = await screen.findByRole('article', { name: 'Weekly' })
    await user.click(within(back).getByRole('button', { name: 'Duplicate' }))
    expect(await screen.findByRole('article', { name: 'Weekly (copy)' })).toBeInTheDocument()
  })

  it('renames through Edit, marking an empty name invalid', async () => {
    await createPreset(content('Weekly'))
    const user = userEvent.setup()
    renderWithProviders(<PresetsView />)
    await user.click(
      within(await screen.findByRole('article', { name: 'Weekly' })).getByRole('button', {
        name: 'Edit',
      }),
    )
    const name = screen.getByLabelText('Name')
    await user.clear(name)
    await user.click(screen.getByRole('button', { name: 'Save changes' }))
    expect(name).toHaveAttribute('aria-invalid', 'true')
    await user.type(name, 'Weekly EU')
    await user.click(screen.getByRole('button', { name: 'Save changes' }))
    expect(await screen.findByRole('article', { name: 'Weekly EU' })).toBeInTheDocument()
  })

  it('shows a conflict and writes only after confirming, replacing when asked', async () => {
    const stored = await createPreset(content('Weekly'))
    const user = userEvent.setup()
    renderWithProviders(<PresetsView />)
    await screen.findByRole('article', { name: 'Weekly' })
    const incoming = {
      type: 'handles-workbench/presets',
      version: 1,
      presets: [{ ...content('Weekly'), description: 'theirs' }, content('New one')],
    }
    await user.upload(
      screen.getByLabelText('Presets files to import'),
      file('team.json', JSON.stringify(incoming)),
    )
    expect(await screen.findByRole('list', { name: 'Presets to add' })).toHaveTextContent('New one')
    expect((await listPresets()).presets).toHaveLength(1)
    await user.click(screen.getByRole('radio', { name: 'Replace' }))
    await user.click(screen.getByRole('button', { name: 'Add to my presets' }))
    expect(await screen.findByText('Imported 2 presets.')).toBeInTheDocument()
    const after = (await listPresets()).presets
    expect(after.map((p) => p.name)).toEqual(['New one', 'Weekly'])
    expect(after.find((p) => p.name === 'Weekly')).toMatchObject({
      id: stored.id,
      description: 'theirs',
    })
  })

  it('announces a damaged file by name and changes nothing', async () => {
    await createPreset(content('Weekly'))
    const user = userEvent.setup()
    renderWithProviders(<PresetsView />)
    await screen.findByRole('article', { name: 'Weekly' })
    await user.upload(screen.getByLabelText('Presets files to import'), [
      file('cut.json', '{"type":"handles-workbench/presets","version":1,"pre'),
      file(
        'future.json',
        JSON.stringify({ type: 'handles-workbench/presets', version: 3, presets: [] }),
      ),
    ])
    const alert = await screen.findByRole('alert')
    expect(alert).toHaveTextContent('cut.json: Not valid JSON')
    expect(alert).toHaveTextContent('future.json: Made by a newer Handles Workbench')
    expect(screen.getByRole('button', { name: 'Add to my presets' })).toBeDisabled()
    expect((await listPresets()).presets.map((p) => p.name)).toEqual(['Weekly'])
  })
})
