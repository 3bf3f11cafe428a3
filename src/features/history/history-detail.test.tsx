import { QueryClientProvider } from '@tanstack/react-query'
import { render, screen, waitFor } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { entry } from '../../testing/history-fixtures'
import { resetWorkbenchDBConnection } from '../../lib/db'
import { createQueryClient } from '../../lib/query-client'
import { HistoryDetail } from './history-detail'

const BEN = { kind: 'sim' as const, gamertag: 'Sim Ben', xuid: '2533274790000001' }

/** The proxy as the replay meets it: every call answered 201; who it went out as is kept. */
function stubProxy() {
  const actAs: Array<string | null> = []
  vi.stubGlobal(
    'fetch',
    vi.fn(async (url: string, init?: RequestInit) => {
      if (!String(url).startsWith('/proxy')) return new Response('not here', { status: 404 })
      actAs.push(new Headers(init?.headers).get('X-Workbench-Act-As'))
      return new Response('{}', { status: 201 })
    }),
  )
  return actAs
}

function renderDetail(sender: typeof BEN, onOpen?: (id: string) => void) {
  const client = createQueryClient({ queries: { retry: false } })
  const sent = entry({ kind: 'invite', xuid: '2533274790000002', sender })
  return render(
    <QueryClientProvider client={client}>
      <HistoryDetail entry={sent} {...(onOpen ? { onOpen } : {})} />
    </QueryClientProvider>,
  )
}

beforeEach(async () => {
  await resetWorkbenchDBConnection()
  indexedDB.deleteDatabase('handles-workbench')
  localStorage.clear()
})
afterEach(() => vi.unstubAllGlobals())

describe('Replay', () => {
  it('sends as the entry’s sender, not the current Act as, and says so before sending', async () => {
    const user = userEvent.setup()
    const actAs = stubProxy()
    renderDetail(BEN)
    await user.click(screen.getByRole('button', { name: 'Replay' }))
    const confirm = screen.getByRole('dialog', { name: 'Replay this invite?' })
    expect(confirm).toHaveTextContent('It is sent as Sim Ben (2533274790000001).')
    await user.click(screen.getByRole('button', { name: 'Send again' }))
    await waitFor(() => expect(actAs).toEqual(['sim:2533274790000001']))
  })

  it('when the sender is gone, says who it sends as instead', async () => {
    const user = userEvent.setup()
    stubProxy()
    renderDetail({ ...BEN, gamertag: 'Sim Gone', xuid: '2533274799999999' })
    await user.click(screen.getByRole('button', { name: 'Replay' }))
    expect(screen.getByRole('dialog', { name: 'Replay this invite?' })).toHaveTextContent(
      'It is sent as Sim Ana (2814679796296491), not as Sim Gone (2533274799999999), who is no longer available.',
    )
  })

  it('shows the new entry once replayed, so the answer on screen is the Replay’s', async () => {
    const user = userEvent.setup()
    stubProxy()
    const opened: string[] = []
    renderDetail(BEN, (id) => opened.push(id))
    await user.click(screen.getByRole('button', { name: 'Replay' }))
    await user.click(screen.getByRole('button', { name: 'Send again' }))
    await waitFor(() => expect(opened).toHaveLength(1))
    // The id of the entry the Replay recorded, not the one on screen.
    expect(opened[0]).toMatch(/\d/)
    expect(await screen.findByText(/Replayed: 201/)).toBeInTheDocument()
  })
})
