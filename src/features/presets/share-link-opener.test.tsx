import { fieldsOf } from '../../mpsd/request-fields'
import { screen, waitFor } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { afterEach, describe, expect, it } from 'vitest'
import { readDraft } from '../../data/drafts/draft-store'
import { listPresets } from '../../data/presets/preset-store'
import { createShareLink } from '../../data/presets/share-link'
import { resetWorkbenchDBConnection } from '../../lib/db'
import { emptyRequest } from '../../mpsd/request-fields'
import { renderWithProviders } from '../../testing/render-with-providers'
import { ShareLinkOpener } from './share-link-opener'

afterEach(async () => {
  await resetWorkbenchDBConnection()
  indexedDB.deleteDatabase('handles-workbench')
  localStorage.clear()
  window.history.replaceState(null, '', '/')
})

describe('ShareLinkOpener', () => {
  it('opens a shared preset in Compose without saving it, and says so', async () => {
    const request = {
      ...emptyRequest('invite'),
      contractVersion: 107,
      sessionRef: { scid: 's', templateName: 'deathmatch', name: 'shared-session' },
    }
    const link = await createShareLink({ name: 'Shared weekly', request }, 'http://x/presets', [])
    if (!link.ok) throw new Error(link.message)
    window.history.replaceState(null, '', `/presets${new URL(link.url).hash}`)
    const user = userEvent.setup()
    renderWithProviders(<ShareLinkOpener />)
    await user.click(await screen.findByRole('button', { name: 'Open in Compose' }))
    expect(await screen.findByRole('status')).toHaveTextContent(
      'Opened the shared preset “Shared weekly” in Compose as a new draft; it is not in your presets',
    )
    expect(fieldsOf(readDraft().request).sessionName).toBe('shared-session')
    expect(window.location.pathname).toBe('/')
    await waitFor(() => expect(window.location.hash).toBe(''))
    expect((await listPresets()).presets).toEqual([])
  })
})
