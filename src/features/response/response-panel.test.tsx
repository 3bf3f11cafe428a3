import { act, screen, waitFor } from '@testing-library/react'
import type { QueryClient } from '@tanstack/react-query'
import userEvent from '@testing-library/user-event'
import { useState } from 'react'
import { describe, expect, it } from 'vitest'
import { entry } from '../../testing/history-fixtures'
import { renderWithProviders } from '../../testing/render-with-providers'
import type { HistoryEntry } from '../../data/history/history-entry'
import { COMPOSE_SEND_KEY, SEND_MUTATION_KEY } from '../../data/send/use-send-request'
import { ResponsePanel } from './response-panel'

const ANSWER = entry({
  kind: 'invite',
  response: {
    status: 201,
    statusText: 'Created',
    headers: [['content-type', 'application/json']],
    body: '{"id":"abc"}',
    sizeBytes: 12,
  },
})

/** A send as Compose (or another view) makes it, answered with `answer`. */
async function send(client: QueryClient, answer: HistoryEntry, key: readonly string[]) {
  const mutation = client.getMutationCache().build(client, {
    mutationKey: key,
    mutationFn: async () => answer,
  })
  await act(() => mutation.execute(undefined))
}

/** The panel once "Show the panel" is pressed, as the lazily loaded pane mounts it. */
function MountOnClick() {
  const [shown, setShown] = useState(false)
  return (
    <>
      <button type="button" onClick={() => setShown(true)}>
        Show the panel
      </button>
      {shown ? <ResponsePanel /> : null}
    </>
  )
}

describe('ResponsePanel', () => {
  it('moves the focus to the status of an answer that arrives and announces it politely', async () => {
    const { queryClient } = renderWithProviders(<ResponsePanel />)
    await send(queryClient, ANSWER, COMPOSE_SEND_KEY)
    const status = await screen.findByLabelText('Status')
    await waitFor(() => expect(status.closest('[tabindex="-1"]')).toHaveFocus())
    expect(screen.getByTestId('response-announcement')).toHaveAttribute('aria-live', 'polite')
    expect(screen.getByTestId('response-announcement')).toHaveTextContent(
      'Answer: 201 Created in 12 ms.',
    )
  })

  it('focuses and announces the answer to a send that started before the panel was there', async () => {
    // The panel loads lazily in its pane: a quick Send can start before it mounts.
    const { queryClient } = renderWithProviders(<MountOnClick />)
    let answer: (value: HistoryEntry) => void = () => {}
    const mutation = queryClient.getMutationCache().build(queryClient, {
      mutationKey: COMPOSE_SEND_KEY,
      mutationFn: () => new Promise<HistoryEntry>((resolve) => (answer = resolve)),
    })
    const sending = mutation.execute(undefined)
    await userEvent.click(screen.getByRole('button', { name: 'Show the panel' }))
    await act(async () => {
      answer(ANSWER)
      await sending
    })
    const status = await screen.findByLabelText('Status')
    await waitFor(() => expect(status.closest('[tabindex="-1"]')).toHaveFocus())
    expect(screen.getByTestId('response-announcement')).toHaveTextContent('Answer: 201')
  })

  it('neither focuses nor announces an answer already there when the panel mounts', async () => {
    const { queryClient } = renderWithProviders(<MountOnClick />)
    await send(queryClient, ANSWER, COMPOSE_SEND_KEY)
    const button = screen.getByRole('button', { name: 'Show the panel' })
    await userEvent.click(button)
    await screen.findByLabelText('Status')
    expect(button).toHaveFocus()
    expect(screen.getByTestId('response-announcement')).toHaveTextContent('')
  })

  it('leaves the caret where the user types', async () => {
    const { queryClient } = renderWithProviders(
      <>
        <input aria-label="Typing here" />
        <ResponsePanel />
      </>,
    )
    const input = screen.getByLabelText('Typing here')
    input.focus()
    await send(queryClient, ANSWER, COMPOSE_SEND_KEY)
    await screen.findByLabelText('Status')
    expect(input).toHaveFocus()
    expect(screen.getByTestId('response-announcement')).toHaveTextContent('Answer: 201')
  })

  it('shows only Compose’s sends, not a Replay made in History', async () => {
    const { queryClient } = renderWithProviders(<ResponsePanel />)
    await send(queryClient, ANSWER, SEND_MUTATION_KEY)
    expect(screen.getByText('Send a request to see the answer here.')).toBeInTheDocument()
    expect(screen.queryByLabelText('Status')).not.toBeInTheDocument()
  })

  it('copies the body, the headers and the handle id, and searches the body with a count', async () => {
    const user = userEvent.setup()
    const { queryClient } = renderWithProviders(<ResponsePanel />)
    await send(
      queryClient,
      {
        ...ANSWER,
        response: {
          ...ANSWER.response!,
          status: 201,
          body: '{"id":"ab12-cd","sessionRef":{"name":"Ab12"},"note":"AB12"}',
        },
      },
      COMPOSE_SEND_KEY,
    )
    await user.type(await screen.findByLabelText('Search the body'), 'ab12')
    expect(await screen.findByText('3 matches')).toBeInTheDocument()
    const marks = screen.getByLabelText('Response body').querySelectorAll('mark')
    expect([...marks].map((m) => m.textContent)).toEqual(['ab12', 'Ab12', 'AB12'])

    await user.click(screen.getByRole('button', { name: 'Copy handle id' }))
    expect(await navigator.clipboard.readText()).toBe('ab12-cd')
    await user.click(screen.getByRole('button', { name: 'Copy headers' }))
    expect(await navigator.clipboard.readText()).toBe('content-type: application/json')
    await user.click(screen.getByRole('button', { name: 'Copy body' }))
    expect(await navigator.clipboard.readText()).toContain('"id": "ab12-cd"')
  })
})
