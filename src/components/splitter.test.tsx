import { fireEvent, render, screen } from '@testing-library/react'
import { useState } from 'react'
import { describe, expect, it, vi } from 'vitest'
import { Splitter } from './splitter'

function Harness({ onCommit, direction }: { onCommit: (w: number) => void; direction: 1 | -1 }) {
  const [width, setWidth] = useState(300)
  return (
    <Splitter
      label="Resize the sidebar"
      controls="pane"
      value={width}
      min={200}
      max={400}
      direction={direction}
      onChange={setWidth}
      onCommit={onCommit}
    />
  )
}

describe('Splitter', () => {
  it('is a focusable separator whose arrows resize within its bounds and remember the width', () => {
    const onCommit = vi.fn()
    render(<Harness onCommit={onCommit} direction={1} />)
    const splitter = screen.getByRole('separator', { name: 'Resize the sidebar' })
    expect(splitter).toHaveAttribute('aria-valuenow', '300')
    expect(splitter).toHaveAttribute('tabindex', '0')
    fireEvent.keyDown(splitter, { key: 'ArrowRight' })
    expect(splitter).toHaveAttribute('aria-valuenow', '316')
    expect(onCommit).toHaveBeenLastCalledWith(316)
    fireEvent.keyDown(splitter, { key: 'ArrowLeft', shiftKey: true })
    expect(splitter).toHaveAttribute('aria-valuenow', '252')
    fireEvent.keyDown(splitter, { key: 'End' })
    expect(splitter).toHaveAttribute('aria-valuenow', '400')
    fireEvent.keyDown(splitter, { key: 'ArrowRight' })
    expect(splitter).toHaveAttribute('aria-valuenow', '400')
    fireEvent.keyDown(splitter, { key: 'Home' })
    expect(splitter).toHaveAttribute('aria-valuenow', '200')
  })

  it('for a pane on its right, moving left widens the pane', () => {
    render(<Harness onCommit={() => undefined} direction={-1} />)
    const splitter = screen.getByRole('separator')
    fireEvent.keyDown(splitter, { key: 'ArrowLeft' })
    expect(splitter).toHaveAttribute('aria-valuenow', '316')
  })
})
