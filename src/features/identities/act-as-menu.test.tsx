import { screen, waitFor } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { renderWithProviders } from '../../testing/render-with-providers'
import { environmentQueries } from '../../data/environments/environment-queries'
import { createEnvironment } from '../../data/environments/environment-store'
import { readSettings, writeSettings } from '../../data/settings/settings-schema'
import { writeAuthorization } from '../../data/settings/settings-store'
import { resetWorkbenchDBConnection } from '../../lib/db'
import { ActAsMenu } from './act-as-menu'

beforeEach(() => {
  localStorage.clear()
  writeAuthorization({ value: '', remember: false })
  // No server behind the test: the menu falls back to the default roster.
  vi.stubGlobal(
    'fetch',
    vi.fn(async () => new Response('down', { status: 503 })),
  )
})
afterEach(async () => {
  vi.unstubAllGlobals()
  await resetWorkbenchDBConnection()
  indexedDB.deleteDatabase('handles-workbench')
})

async function activate(name: string, values: Record<string, string>) {
  const env = await createEnvironment(
    name,
    Object.entries(values).map(([key, value]) => ({ key, value, secret: false, enabled: true })),
  )
  writeSettings({ ...readSettings(), activeEnvironmentId: env.id })
  return env.id
}

describe('ActAsMenu', () => {
  it('keeps "Your token (not set)" picked in the simulator, not "No Authorization"', async () => {
    const user = userEvent.setup()
    renderWithProviders(<ActAsMenu />)
    const menu = screen.getByLabelText('Act as')
    expect(menu).toHaveDisplayValue('Sim Ana · 2814679796296491')
    await user.selectOptions(menu, 'Your token (not set)')
    await expect
      .poll(() => (menu as HTMLSelectElement).selectedOptions[0]?.textContent)
      .toBe('Your token (not set)')
    await user.selectOptions(menu, 'Sim Ben · 2533274790000001')
    await expect.poll(() => (menu as HTMLSelectElement).value).toBe('sim:2533274790000001')
  })

  it('says the environment’s actAs overrides the choice, and who Compose sends as, but still lets one choose', async () => {
    const user = userEvent.setup()
    await activate('Dev', { scid: '', actAs: '2533274790000002' })
    renderWithProviders(<ActAsMenu />)
    const menu = screen.getByLabelText('Act as')
    await waitFor(() =>
      expect(menu).toHaveAccessibleDescription(
        'Overridden by environment “Dev”: Compose sends as Sim Cleo (2533274790000002).',
      ),
    )
    expect(screen.getByRole('note')).toHaveTextContent('Overridden by environment “Dev”')
    expect(menu).toBeEnabled()
    await user.selectOptions(menu, 'Sim Ben · 2533274790000001')
    await expect.poll(() => (menu as HTMLSelectElement).value).toBe('sim:2533274790000001')
    expect(readSettings().actAs).toBe('sim:2533274790000001')
    // The choice is kept; the environment still decides for Compose.
    expect(screen.getByRole('note')).toHaveTextContent('Sim Cleo (2533274790000002)')
  })

  it('says nothing of an environment that does not set actAs', async () => {
    const id = await activate('Dev', { scid: '', upstream: 'simulator' })
    const { queryClient } = renderWithProviders(<ActAsMenu />)
    const menu = screen.getByLabelText('Act as')
    // Once the environment is read (the menu's own query), a note would be there.
    await queryClient.fetchQuery(environmentQueries.scope(id))
    await new Promise((resolve) => setTimeout(resolve, 50))
    expect(screen.queryByRole('note')).not.toBeInTheDocument()
    expect(menu).not.toHaveAttribute('aria-describedby')
  })
})
