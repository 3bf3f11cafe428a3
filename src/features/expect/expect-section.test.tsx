import { render, screen, within } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { afterEach, describe, expect, it } from 'vitest'
import { readDraft, saveDraft } from '../../data/drafts/draft-store'
import { emptyRequest } from '../../mpsd/request-fields'
import { ExpectSection } from './expect-section'

afterEach(() => localStorage.clear())

describe('Expect', () => {
  it('adds rows, checks each field as it is typed, and keeps them with the draft', async () => {
    const user = userEvent.setup()
    render(<ExpectSection />)
    expect(screen.getByText(/the answer is expected to be a 2xx/)).toBeInTheDocument()
    await user.click(screen.getByRole('button', { name: 'Add expectation' }))
    const first = screen.getByRole('group', { name: 'Expectation 1' })
    const status = within(first).getByLabelText('Status')
    expect(status).toHaveValue('201')
    await user.clear(status)
    await user.type(status, '2x1')
    expect(status).toHaveAttribute('aria-invalid', 'true')
    expect(within(first).getByText('A status from 100 to 599, e.g. 201')).toBeInTheDocument()

    await user.click(screen.getByRole('button', { name: 'Add expectation' }))
    const second = screen.getByRole('group', { name: 'Expectation 2' })
    await user.selectOptions(within(second).getByLabelText('Check'), 'JSON path equals')
    await user.type(within(second).getByLabelText('JSON path'), '$.type')
    await user.type(within(second).getByLabelText('Value'), 'invite')
    expect(within(second).getByLabelText('JSON path')).toHaveAttribute('aria-invalid', 'false')

    // The form's autosave writes fields only: the rows stay in the stored draft.
    saveDraft({ request: emptyRequest('invite') })
    expect(readDraft().request.expect).toEqual([
      { kind: 'statusIs', target: '', value: '2x1' },
      { kind: 'jsonEquals', target: '$.type', value: 'invite' },
    ])

    await user.click(screen.getByRole('button', { name: 'Remove expectation 1' }))
    expect(screen.queryByRole('group', { name: 'Expectation 2' })).toBeNull()
    expect(readDraft().request.expect).toEqual([
      { kind: 'jsonEquals', target: '$.type', value: 'invite' },
    ])
  })
})
