import { render, screen } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { CopyButton } from './copy-button'

afterEach(() => vi.restoreAllMocks())

describe('CopyButton', () => {
  it('copies the text and says so', async () => {
    const user = userEvent.setup()
    render(<CopyButton label="Copy as curl" text={async () => 'curl -sS https://x'} />)
    await user.click(screen.getByRole('button', { name: 'Copy as curl' }))
    expect(await navigator.clipboard.readText()).toBe('curl -sS https://x')
    expect(screen.getByRole('status')).toHaveTextContent('Copy as curl: copied')
  })

  it('shows the text to copy by hand when the browser refuses the clipboard', async () => {
    const user = userEvent.setup()
    vi.spyOn(navigator.clipboard, 'writeText').mockRejectedValue(
      new DOMException('denied', 'NotAllowedError'),
    )
    render(<CopyButton label="Copy as fetch" text={() => 'await fetch("https://x")'} />)
    await user.click(screen.getByRole('button', { name: 'Copy as fetch' }))
    expect(screen.getByLabelText('Copy as fetch (copy by hand)')).toHaveValue(
      'await fetch("https://x")',
    )
    expect(screen.getByRole('status')).toHaveTextContent('refused clipboard access')
  })
})
