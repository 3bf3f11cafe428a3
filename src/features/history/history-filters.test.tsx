import { render, screen } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { useState } from 'react'
import { describe, expect, it, vi } from 'vitest'
import type { HistoryFilter } from '../../data/history/history-search'
import { HistoryFilters } from './history-filters'

function Harness({
  initial = {},
  onChange,
}: {
  initial?: HistoryFilter
  onChange: (f: HistoryFilter) => void
}) {
  const [filter, setFilter] = useState<HistoryFilter>(initial)
  return (
    <HistoryFilters
      filter={filter}
      onChange={(next) => {
        onChange(next)
        setFilter(next)
      }}
    />
  )
}

describe('HistoryFilters', () => {
  it('filters by type and status at once, and clears one with "All"', async () => {
    const onChange = vi.fn()
    render(<Harness onChange={onChange} />)
    await userEvent.selectOptions(screen.getByLabelText('Type'), 'invite')
    await userEvent.selectOptions(screen.getByLabelText('Status'), 'Proxy error')
    expect(onChange).toHaveBeenLastCalledWith({ kind: 'invite', status: 'proxy' })
    await userEvent.selectOptions(screen.getByLabelText('Type'), 'All')
    expect(onChange).toHaveBeenLastCalledWith({ status: 'proxy' })
  })

  it('filters free text once typing pauses, not on every key', async () => {
    const onChange = vi.fn()
    render(<Harness onChange={onChange} />)
    await userEvent.type(screen.getByLabelText('Search'), 'session-42')
    expect(onChange).not.toHaveBeenCalled()
    await vi.waitFor(() => expect(onChange).toHaveBeenCalledWith({ text: 'session-42' }))
    expect(onChange).toHaveBeenCalledTimes(1)
  })

  it('shows what the URL says when it changes from outside (back button)', () => {
    const { rerender } = render(<HistoryFilters filter={{ xuid: '1' }} onChange={() => {}} />)
    expect(screen.getByLabelText('XUID')).toHaveValue('1')
    rerender(
      <HistoryFilters filter={{ xuid: '2533274790000001', kind: 'get' }} onChange={() => {}} />,
    )
    expect(screen.getByLabelText('XUID')).toHaveValue('2533274790000001')
    expect(screen.getByLabelText('Type')).toHaveValue('get')
  })
})
