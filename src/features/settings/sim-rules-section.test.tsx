import { screen, within } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { SIM_RULES, type SimRuleModes } from '../../mpsd/sim-rules'
import { renderWithProviders } from '../../testing/render-with-providers'
import { SimRulesSection } from './sim-rules-section'

/** A stand-in for GET/PUT /api/sim/rules that keeps the modes it is given. */
function fakeServer({ failPut = false } = {}) {
  const modes: SimRuleModes = Object.fromEntries(SIM_RULES.map((r) => [r.id, 'strict']))
  const puts: unknown[] = []
  const list = () => ({ rules: SIM_RULES.map((r) => ({ ...r, mode: modes[r.id] })) })
  const fetchMock = vi.fn(async (input: RequestInfo | URL, init?: RequestInit) => {
    expect(String(input)).toBe('/api/sim/rules')
    if (init?.method === 'PUT') {
      const body = JSON.parse(String(init.body)) as { modes: SimRuleModes }
      puts.push(body)
      if (failPut)
        return Response.json({ error: 'invalid_rules', message: 'modes.x: nope' }, { status: 400 })
      Object.assign(modes, body.modes)
    }
    return Response.json(list())
  })
  vi.stubGlobal('fetch', fetchMock)
  return { puts, modes }
}

beforeEach(() => localStorage.clear())
afterEach(() => vi.unstubAllGlobals())

describe('SimRulesSection', () => {
  it('lists every rule with its source and a switch named by its title, strict by default', async () => {
    fakeServer()
    renderWithProviders(<SimRulesSection />)
    const list = await screen.findByRole('list', { name: 'Simulator rules' })
    expect(within(list).getAllByRole('listitem')).toHaveLength(SIM_RULES.length)
    for (const rule of SIM_RULES) {
      const toggle = screen.getByRole('switch', { name: rule.title })
      expect(toggle).toBeChecked()
      expect(toggle).toHaveAccessibleDescription(expect.stringContaining(`Source: ${rule.source}`))
    }
  })

  it('saves a switch to the server at once and shows Lenient, then Strict again', async () => {
    const user = userEvent.setup()
    const server = fakeServer()
    renderWithProviders(<SimRulesSection />)
    const toggle = await screen.findByRole('switch', { name: 'Invite needs an existing session' })
    await user.click(toggle)
    await expect.poll(() => server.modes['invite-needs-session']).toBe('lenient')
    expect(server.puts).toEqual([{ modes: { 'invite-needs-session': 'lenient' } }])
    await expect.poll(() => (toggle as HTMLInputElement).checked).toBe(false)
    expect(toggle.closest('li')).toHaveTextContent('Lenient')
    expect(await screen.findByRole('status')).toHaveTextContent('Saved.')
    // The other rules did not move.
    expect(screen.getByRole('switch', { name: 'Activity needs an active member' })).toBeChecked()
    await user.click(toggle)
    await expect.poll(() => server.modes['invite-needs-session']).toBe('strict')
    await expect.poll(() => (toggle as HTMLInputElement).checked).toBe(true)
  })

  it('says so in an alert when the server refuses, and keeps the switch as it was', async () => {
    const user = userEvent.setup()
    fakeServer({ failPut: true })
    renderWithProviders(<SimRulesSection />)
    const toggle = await screen.findByRole('switch', { name: 'Activity needs an active member' })
    await user.click(toggle)
    expect(await screen.findByRole('alert')).toHaveTextContent(
      'The rule was not switched: modes.x: nope',
    )
    expect(toggle).toBeChecked()
  })
})
