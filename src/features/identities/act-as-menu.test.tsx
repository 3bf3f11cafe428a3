import { screen } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { renderWithProviders } from '../../testing/render-with-providers'
import { writeAuthorization } from '../../data/settings/settings-store'
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
afterEach(() => vi.unstubAllGlobals())

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
})
