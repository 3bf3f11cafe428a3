import { screen, within } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { beforeEach, describe, expect, it } from 'vitest'
import { REDACTED_AUTHORIZATION } from '../../mpsd/request-builder'
import { historyIdFor, type HistoryEntry } from '../../data/history/history-entry'
import { clearHistory, recordExchange } from '../../data/history/history-write'
import { renderWithProviders } from '../../testing/render-with-providers'
import { buildHar, THROTTLE_BODY } from '../../testing/trace-har'
import { AnalysisView } from './analysis-view'
import { localDateTime } from './history-range-form'

function activity(startedAt: number): HistoryEntry {
  return {
    id: historyIdFor(startedAt),
    startedAt,
    kind: 'activity',
    upstream: 'simulator',
    request: {
      method: 'POST',
      path: '/handles',
      headers: [['Authorization', REDACTED_AUTHORIZATION]],
      body: '{"type":"activity"}',
    },
    response: { status: 204, statusText: 'No Content', headers: [], body: '', sizeBytes: 0 },
    durationMs: 3,
    statusClass: '2xx',
  }
}

const finding = (rule: string) =>
  screen
    .getAllByRole('article')
    .find((a) => within(a).queryByRole('heading', { name: new RegExp(`^${rule}`) }))

beforeEach(async () => {
  window.history.replaceState(null, '', '/analysis')
  await clearHistory()
})

describe('AnalysisView', () => {
  it('finds identical History calls sent quickly, each call linking to its History entry', async () => {
    const now = Date.now()
    const sent = [0, 150, 300, 450].map((offset) => activity(now - 1000 + offset))
    for (const entry of sent) await recordExchange(entry)
    renderWithProviders(<AnalysisView />)
    expect(
      await screen.findByText(
        '4 calls analysed, grouped per console: 2 findings (1 burst, 1 repeated-calls).',
      ),
    ).toBeInTheDocument()
    const repeated = finding('repeated-calls')
    expect(repeated).toBeDefined()
    expect(repeated).toHaveTextContent('Per console: this browser · endpoint simulator')
    expect(repeated).toHaveTextContent(
      'The same call (same URI and body) was made 4 times within 5 s.',
    )
    const links = within(repeated as HTMLElement).getAllByRole('link')
    expect(links.map((a) => a.getAttribute('href'))).toEqual(
      sent.map((e) => `/history?id=${encodeURIComponent(e.id)}`),
    )
    expect(links[0]).toHaveTextContent(/POST \/handles → 204$/)
  })

  it('analyses the calls in the time range that match the filter, and flags a To before From', async () => {
    const twoHoursAgo = Date.now() - 2 * 3_600_000
    for (const at of [0, 100, 200, 300]) await recordExchange(activity(twoHoursAgo + at))
    window.history.replaceState(null, '', '/analysis')
    renderWithProviders(<AnalysisView />)
    expect(await screen.findByText(/^4 calls analysed/)).toBeInTheDocument()
    await userEvent.click(screen.getByRole('button', { name: 'Last hour' }))
    expect(
      await screen.findByText(
        '0 calls analysed, grouped per console: no findings, every rule is respected.',
      ),
    ).toBeInTheDocument()
    expect(window.location.search).toMatch(/^\?from=/)
    await userEvent.type(screen.getByLabelText('To'), localDateTime(twoHoursAgo))
    expect(await screen.findByText('To is before From.')).toBeInTheDocument()
    expect(screen.getByLabelText('To')).toHaveAttribute('aria-invalid', 'true')
    await userEvent.click(screen.getByRole('button', { name: 'All time' }))
    expect(await screen.findByText(/^4 calls analysed/)).toBeInTheDocument()
    // The filter: free text over request and response, as in History.
    await userEvent.type(screen.getByLabelText('Search'), 'invite')
    expect(await screen.findByText(/^0 calls analysed/)).toBeInTheDocument()
    expect(window.location.search).toContain('q=invite')
  })

  it('analyses an imported HAR file, linking each call to its entry in the file', async () => {
    renderWithProviders(<AnalysisView />)
    const har = buildHar([
      { at: 0 },
      { at: 10_000, status: 429, responseBody: THROTTLE_BODY },
      { at: 12_000 },
    ])
    await userEvent.upload(
      screen.getByLabelText('HAR file to analyse'),
      new File([JSON.stringify(har)], 'team.har', { type: 'application/json' }),
    )
    expect(await screen.findByText('team.har: 3 entries.')).toBeInTheDocument()
    const throttled = finding('throttled-calls')
    expect(throttled).toHaveTextContent('A call was throttled (429). Allowed: 10 over 15 seconds.')
    expect(throttled).toHaveTextContent('Per console: team.har')
    const link = within(throttled as HTMLElement).getByRole('link')
    expect(link).toHaveAttribute('href', '#har-entry-1')
    expect(document.getElementById('har-entry-1')).toHaveTextContent('429')
    // Repeated calls (entries 1 and 2 within 5 s) too; grouping per user says so.
    expect(finding('repeated-calls')).toBeDefined()
    await userEvent.click(screen.getByLabelText('Per user (userhash)'))
    expect(await screen.findByText(/grouped per user/)).toBeInTheDocument()
    expect(finding('throttled-calls')).toHaveTextContent('Per user: unknown user')
  })

  it('says what is wrong with a file that is not a HAR, at the button', async () => {
    renderWithProviders(<AnalysisView />)
    await userEvent.upload(
      screen.getByLabelText('HAR file to analyse'),
      new File(['{"presets": []}'], 'presets.json', { type: 'application/json' }),
    )
    expect(await screen.findByRole('alert')).toHaveTextContent(
      'presets.json: not a HAR file: it has no log.entries list.',
    )
  })

  it('refuses a file over the HAR limit before reading it, naming the file and the limit', async () => {
    renderWithProviders(<AnalysisView />)
    const huge = new File(['{}'], 'huge.har', { type: 'application/json' })
    // A 201 MB file in the picker, without allocating it.
    Object.defineProperty(huge, 'size', { value: 201 * 1024 * 1024 })
    await userEvent.upload(screen.getByLabelText('HAR file to analyse'), huge)
    expect(await screen.findByRole('alert')).toHaveTextContent(
      'huge.har is too big: the limit is 200 MB.',
    )
  })
})
