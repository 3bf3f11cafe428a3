import { screen, waitFor } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { afterEach, describe, expect, it, vi } from 'vitest'
import type { InviteRequest } from '../../mpsd/request-entity'
import { emptyRequest } from '../../mpsd/request-fields'
import { createPreset, listPresets } from '../../data/presets/preset-store'
import { openDraft, readDraft } from '../../data/drafts/draft-store'
import { writeAuthorization } from '../../data/settings/settings-store'
import { resetWorkbenchDBConnection } from '../../lib/db'
import { renderWithProviders } from '../../testing/render-with-providers'
import { SavePresetButton } from './save-preset-dialog'

afterEach(async () => {
  await resetWorkbenchDBConnection()
  indexedDB.deleteDatabase('handles-workbench')
})

const request: InviteRequest = {
  ...emptyRequest('invite'),
  sessionRef: {
    scid: 'bd6c41c3-01c3-468a-a3b5-3e0fe8133862',
    templateName: 'deathmatch',
    name: 's1',
  },
}

describe('Save preset', () => {
  it('marks a missing name invalid and saves nothing', async () => {
    const user = userEvent.setup()
    renderWithProviders(<SavePresetButton request={request} />)
    await user.click(await screen.findByRole('button', { name: 'Save preset' }))
    await user.click(await screen.findByRole('button', { name: 'Save' }))
    expect(screen.getByLabelText('Preset name')).toHaveAttribute('aria-invalid', 'true')
    expect(screen.getByText('Preset name is required')).toBeInTheDocument()
    expect((await listPresets()).presets).toEqual([])
  })

  it('saves the draft with name, tags and XUIDs, and never the token', async () => {
    writeAuthorization({ value: 'XBL3.0 x=1;component-secret-token', remember: false })
    const user = userEvent.setup()
    const outerSubmit = vi.fn((e: { preventDefault: () => void }) => e.preventDefault())
    // Compose renders its actions inside its own form: saving must not submit (send) it.
    renderWithProviders(
      <form onSubmit={outerSubmit}>
        <SavePresetButton
          request={{
            ...request,
            invite: { ...request.invite, senderString: 'component-secret-token' },
          }}
        />
      </form>,
    )
    await user.click(await screen.findByRole('button', { name: 'Save preset' }))
    await user.type(await screen.findByLabelText('Preset name'), 'Weekly')
    await user.type(screen.getByLabelText('Tags'), 'EU, smoke')
    await user.type(screen.getByLabelText('XUIDs'), '11\n12')
    await user.click(screen.getByRole('button', { name: 'Save' }))
    expect(await screen.findByText(/Saved preset “Weekly”/)).toBeInTheDocument()
    const [saved] = (await listPresets()).presets
    expect(saved).toMatchObject({
      name: 'Weekly',
      tags: ['eu', 'smoke'],
      xuids: ['11', '12'],
      request: { sessionRef: { name: 's1' }, contractVersion: 107 },
    })
    expect(JSON.stringify(saved)).not.toContain('component-secret-token')
    expect(outerSubmit).not.toHaveBeenCalled()
  })

  it('marks a bad XUID list invalid', async () => {
    const user = userEvent.setup()
    renderWithProviders(<SavePresetButton request={request} />)
    await user.click(await screen.findByRole('button', { name: 'Save preset' }))
    await user.type(await screen.findByLabelText('Preset name'), 'X')
    await user.type(screen.getByLabelText('XUIDs'), 'abc')
    await user.click(screen.getByRole('button', { name: 'Save' }))
    await waitFor(() =>
      expect(screen.getByLabelText('XUIDs')).toHaveAttribute('aria-invalid', 'true'),
    )
  })

  it('saves a loaded preset back to it, filled with its name, and “Save as new” copies it', async () => {
    const stored = await createPreset({
      name: 'Weekly',
      description: 'EU smoke',
      tags: ['eu'],
      request: { ...request, contractVersion: 107 },
    })
    openDraft(request, 'preset “Weekly”', { id: stored.id, name: 'Weekly' })
    const user = userEvent.setup()
    const changed: InviteRequest = { ...request, sessionRef: { ...request.sessionRef, name: 's2' } }
    renderWithProviders(<SavePresetButton request={changed} />)
    await user.click(await screen.findByRole('button', { name: 'Save preset' }))
    expect(await screen.findByLabelText('Preset name')).toHaveValue('Weekly')
    expect(screen.getByLabelText('Description')).toHaveValue('EU smoke')
    await user.click(screen.getByRole('button', { name: 'Save' }))
    expect(await screen.findByText(/Updated preset “Weekly”/)).toBeInTheDocument()
    let { presets } = await listPresets()
    expect(presets).toHaveLength(1)
    expect(presets[0]).toMatchObject({ id: stored.id, request: { sessionRef: { name: 's2' } } })

    await user.click(screen.getByRole('button', { name: 'Save preset' }))
    await user.click(await screen.findByRole('button', { name: 'Save as new' }))
    expect(await screen.findByText(/Saved a new preset “Weekly \(2\)”/)).toBeInTheDocument()
    ;({ presets } = await listPresets())
    expect(presets.map((p) => p.name).sort()).toEqual(['Weekly', 'Weekly (2)'])
    // The draft now belongs to the copy: the next Save updates it, not the original.
    expect(readDraft().preset).toMatchObject({ name: 'Weekly (2)' })
  })
})
