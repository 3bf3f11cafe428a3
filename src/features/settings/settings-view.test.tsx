import { screen, waitFor } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { readSettings } from '../../data/settings/settings-schema'
import { renderWithProviders } from '../../testing/render-with-providers'
import { SettingsView } from './settings-view'

afterEach(() => {
  localStorage.clear()
  vi.unstubAllGlobals()
})

function stubServer() {
  // The allowed upstreams are the server's: none here, the built-in ones are shown.
  vi.stubGlobal(
    'fetch',
    vi.fn(async () => new Response('{}', { status: 404 })),
  )
}

describe('Settings', () => {
  it('applies a valid change as it is typed: leaving without saving loses nothing', async () => {
    stubServer()
    const user = userEvent.setup()
    const view = renderWithProviders(<SettingsView />)
    const keep = await screen.findByLabelText('Keep for (days)')
    await user.clear(keep)
    await user.type(keep, '30')
    await waitFor(() => expect(readSettings().historyMaxAgeDays).toBe(30))
    expect(screen.getByText('Applied as typed.')).toBeInTheDocument()
    view.unmount()
    expect(readSettings().historyMaxAgeDays).toBe(30)
  })

  it('keeps a value that is not valid yet, with its message, when the user comes back', async () => {
    stubServer()
    const user = userEvent.setup()
    const first = renderWithProviders(<SettingsView />)
    const version = await screen.findByLabelText('Contract version')
    await user.clear(version)
    await user.type(version, '99')
    expect(await screen.findByText(/Not applied yet/)).toBeInTheDocument()
    expect(readSettings().contractVersion).toBe(107)
    first.unmount()

    renderWithProviders(<SettingsView />)
    const again = await screen.findByLabelText('Contract version')
    expect(again).toHaveValue('99')
    await waitFor(() => expect(again).toHaveAttribute('aria-invalid', 'true'))
    await user.clear(again)
    await user.type(again, '105')
    await waitFor(() => expect(readSettings().contractVersion).toBe(105))
  })
})
