import { render, screen } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { describe, expect, it, vi } from 'vitest'
import { commandsOffIn, useCommand } from '../lib/commands'
import { useShortcuts } from './use-shortcuts'

function Workspace({ send, palette }: { send: () => void; palette: () => void }) {
  useShortcuts()
  useCommand('send', send)
  useCommand('open-palette', palette)
  return (
    <>
      <label>
        Session name <input />
      </label>
      <section aria-label="Batch invites" {...commandsOffIn('send')}>
        <label>
          Invited XUIDs <textarea />
        </label>
      </section>
    </>
  )
}

describe('useShortcuts', () => {
  it('Ctrl+Enter sends from the form, not from a region that turned send off, where Ctrl+K still works', async () => {
    const user = userEvent.setup()
    const send = vi.fn()
    const palette = vi.fn()
    render(<Workspace send={send} palette={palette} />)

    const xuids = screen.getByLabelText('Invited XUIDs')
    await user.click(xuids)
    await user.keyboard('2533274790000001{Control>}{Enter}{/Control}')
    expect(send).not.toHaveBeenCalled()
    await user.keyboard('{Control>}k{/Control}')
    expect(palette).toHaveBeenCalledTimes(1)

    await user.click(screen.getByLabelText('Session name'))
    await user.keyboard('{Control>}{Enter}{/Control}')
    expect(send).toHaveBeenCalledTimes(1)
  })
})
