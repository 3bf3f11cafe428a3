import { render, screen, within } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { describe, expect, it } from 'vitest'
import type { HistoryEntry } from '../../data/history/history-entry'
import { CompareView } from './compare-view'

function invite(id: string, titleId: string, status = 201): HistoryEntry {
  return {
    id,
    startedAt: Date.UTC(2026, 10, 20),
    kind: 'invite',
    upstream: 'simulator',
    request: { method: 'POST', path: '/handles', headers: [] },
    response: {
      status,
      statusText: '',
      headers: [['date', id]],
      body: JSON.stringify({
        id,
        expiration: `2026-11-2${id.length}T00:00:00Z`,
        inviteAttributes: { titleId },
      }),
      sizeBytes: 1,
    },
    durationMs: 1,
    statusClass: '2xx',
  }
}

describe('CompareView', () => {
  it('shows only real differences until "Show volatile fields" is ticked', async () => {
    render(<CompareView left={invite('a', '1')} right={invite('bb', '2', 400)} />)
    const table = screen.getByRole('table', { name: 'Differences' })
    expect(
      within(table)
        .getAllByRole('row')
        .map((r) => r.textContent),
    ).toEqual([
      'FieldLeftRight',
      'response.status201400',
      'response.body.inviteAttributes.titleId"1""2"',
    ])
    expect(screen.getByRole('status')).toHaveTextContent('2 differences (3 volatile hidden)')

    await userEvent.click(screen.getByLabelText('Show volatile fields'))
    expect(within(table).getAllByRole('row')).toHaveLength(6)
    expect(within(table).getByText('response.body.id').closest('tr')).toHaveTextContent(
      '(volatile)"a""bb"',
    )
  })

  it('says so when two answers differ only in volatile fields', () => {
    render(<CompareView left={invite('a', '1')} right={invite('bb', '1')} />)
    expect(screen.getByRole('status')).toHaveTextContent('No differences (3 volatile hidden)')
    expect(screen.queryByRole('table')).toBeNull()
  })
})
