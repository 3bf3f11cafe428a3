import { QueryClientProvider } from '@tanstack/react-query'
import { render, screen, waitFor, within } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { resetBatchController } from '../../data/batch/batch-controller'
import { newBatchRun } from '../../data/batch/batch-run'
import { getBatchRun, listBatchRuns, saveBatchRun } from '../../data/batch/batch-store'
import { commandOffAt } from '../../lib/commands'
import { resetWorkbenchDBConnection } from '../../lib/db'
import { createQueryClient } from '../../lib/query-client'
import type { InviteRequest } from '../../mpsd/request-entity'
import { emptyRequest } from '../../mpsd/request-fields'
import { BatchPanel } from './batch-panel'
import { templateOf } from './batch-template'

const empty = emptyRequest('invite')
const REQUEST: InviteRequest = {
  ...empty,
  sessionRef: {
    scid: 'bd6c41c3-01c3-468a-a3b5-3e0fe8133862',
    templateName: 'deathmatch',
    name: 'session-1',
  },
  invite: { ...empty.invite, titleId: '1234' },
}

function renderPanel(request: InviteRequest = REQUEST) {
  const client = createQueryClient({ queries: { retry: false } })
  return render(
    <QueryClientProvider client={client}>
      <BatchPanel request={request} />
    </QueryClientProvider>,
  )
}

beforeEach(async () => {
  await resetWorkbenchDBConnection()
  indexedDB.deleteDatabase('handles-workbench')
})
afterEach(() => resetBatchController())

describe('BatchPanel', () => {
  it('judges each XUID, marking the field invalid with reasons', async () => {
    const user = userEvent.setup()
    renderPanel()
    expect(screen.getByRole('region', { name: 'Batch invites' })).toBeInTheDocument()
    const field = screen.getByLabelText('Invited XUIDs')
    await user.type(field, '2533274790000001, abc{enter}2533274790000001')
    expect(field).toHaveAttribute('aria-invalid', 'true')
    expect(screen.getByText(/1 to invite, 1 invalid, 1 duplicate/)).toBeInTheDocument()
    const problems = screen.getByRole('list', { name: 'XUID problems' })
    expect(
      within(problems).getByText(/Line 1: “abc” — XUID must be a decimal number/),
    ).toBeInTheDocument()
    expect(within(problems).getByText(/Line 2: .*duplicate of line 1/)).toBeInTheDocument()
    expect(screen.getByRole('button', { name: 'Send invites' })).toBeEnabled()
    // The XUIDs are the batch's: Ctrl/Cmd+Enter in them must not send the composer's request.
    expect(commandOffAt('send', field)).toBe(true)
    expect(commandOffAt('open-palette', field)).toBe(false)
  })

  it('keeps Send invites off while the rest of the draft is invalid, and says why', async () => {
    const user = userEvent.setup()
    renderPanel({ ...REQUEST, sessionRef: { ...REQUEST.sessionRef, scid: 'nope' } })
    await user.type(screen.getByLabelText('Invited XUIDs'), '2533274790000001')
    expect(screen.getByRole('button', { name: 'Send invites' })).toBeDisabled()
    expect(screen.getByText(/SCID must be a GUID/)).toBeInTheDocument()
  })

  it('warns of a burst over the budget before sending', async () => {
    const user = userEvent.setup()
    renderPanel()
    const many = Array.from({ length: 31 }, (_, i) => String(2533274790000001 + i)).join('\n')
    await user.click(screen.getByLabelText('Invited XUIDs'))
    await user.paste(many)
    expect(screen.getByRole('list', { name: 'Pre-send checks' })).toHaveTextContent(
      /31 calls is more than the 30 left of the 30 per 15 s budget/,
    )
  })

  it('appends XUIDs from a CSV file without losing what was typed; a bad file is an alert', async () => {
    const user = userEvent.setup()
    renderPanel()
    const field = screen.getByLabelText('Invited XUIDs')
    await user.type(field, '2533274790000009')
    const csv = new File(['gamertag,xuid\nalex,2533274790000001\n'], 'list.csv', {
      type: 'text/csv',
    })
    await user.upload(screen.getByLabelText('XUIDs from a CSV file'), csv)
    await waitFor(() => expect(field).toHaveValue('2533274790000009\n2533274790000001'))
    await user.upload(
      screen.getByLabelText('XUIDs from a CSV file'),
      new File([''], 'empty.csv', { type: 'text/csv' }),
    )
    expect(await screen.findByRole('alert')).toHaveTextContent('empty.csv has no values to read.')
    expect(field).toHaveValue('2533274790000009\n2533274790000001')
  })

  it('after a reload, shows a stored run with Resume, its marked rows and the progress', async () => {
    const run = newBatchRun({
      // A run stored by an earlier build: its flat template opens as the invite it was.
      template: {
        scid: REQUEST.sessionRef.scid,
        templateName: 't',
        sessionName: 's',
        titleId: '1',
      },
      xuids: ['2533274790000001', '2533274790000002', '2533274790000003'],
      skipped: [{ raw: 'abc', line: 4, kind: 'invalid', reason: 'XUID must be a decimal number' }],
      budgets: [{ limit: 30, windowMs: 15_000 }],
    })
    run.state = 'running'
    run.items[0] = {
      ...run.items[0]!,
      status: 'sent',
      httpStatus: 201,
      handleId: 'h-1',
      at: Date.now(),
      attempts: 1,
    }
    run.items[1] = { ...run.items[1]!, status: 'sending', attempts: 1 }
    await saveBatchRun(run)
    renderPanel()
    // A resumable run opens the panel by itself.
    const table = await screen.findByRole('table', { name: 'Batch results' })
    expect(screen.getByRole('button', { name: 'Resume' })).toBeInTheDocument()
    expect(screen.getByRole('button', { name: 'Discard run' })).toBeInTheDocument()
    expect(screen.getByRole('progressbar', { name: 'Batch progress' })).toHaveAttribute(
      'value',
      '2',
    )
    const rows = within(table).getAllByRole('row').slice(1)
    expect(rows.map((r) => r.getAttribute('data-kind'))).toEqual([
      'sent',
      'failed',
      'pending',
      'invalid',
    ])
    expect(rows[1]).toHaveTextContent(/outcome is unknown/)
    expect(screen.getByRole('button', { name: 'Export CSV' })).toBeInTheDocument()
  })

  describe('a paused run', () => {
    const XUIDS = ['2533274790000001', '2533274790000002', '2533274790000003']
    async function storePaused(template = templateOf(REQUEST), actAs?: string) {
      const run = newBatchRun({
        template,
        xuids: XUIDS,
        ...(actAs ? { actAs } : {}),
        budgets: [{ limit: 30, windowMs: 15_000 }],
      })
      run.state = 'paused'
      run.items[0] = {
        ...run.items[0]!,
        status: 'sent',
        httpStatus: 201,
        handleId: 'h-1',
        at: Date.now(),
        invitedAt: Date.now(),
        attempts: 1,
      }
      await saveBatchRun(run)
      return run
    }

    it('says who Resume sends as when Act as changed since the run started', async () => {
      // Started as Sim Ben; Act as is now the default (the first player, Sim Ana).
      await storePaused(templateOf(REQUEST), 'sim:2533274790000001')
      renderPanel()
      expect(
        await screen.findByText(
          /This run sends as Sim Ben \(2533274790000001\), who it started as/,
        ),
      ).toBeInTheDocument()
    })

    it('Send invites starts nothing: it asks to resume or discard the run first', async () => {
      const user = userEvent.setup()
      await storePaused()
      renderPanel()
      await screen.findByRole('table', { name: 'Batch results' })
      await user.click(screen.getByLabelText('Invited XUIDs'))
      await user.paste(XUIDS.join('\n'))
      await user.click(screen.getByRole('button', { name: 'Send invites' }))
      expect(await screen.findByRole('alert')).toHaveTextContent(
        'This batch is paused: 1 of 3 already invited, 2 left. Resume it or discard it before starting another.',
      )
      expect(screen.getByRole('button', { name: 'Resume' })).toBeEnabled()
      expect(screen.getByRole('button', { name: 'Discard run' })).toBeEnabled()
      expect(await listBatchRuns()).toHaveLength(1)
    })

    it('Discard run asks with the count of who was invited, then ends the run', async () => {
      const user = userEvent.setup()
      const run = await storePaused()
      renderPanel()
      await screen.findByRole('table', { name: 'Batch results' })
      await user.click(screen.getByLabelText('Invited XUIDs'))
      await user.paste(XUIDS.join('\n'))
      await user.click(screen.getByRole('button', { name: 'Discard run' }))
      const dialog = screen.getByRole('dialog', { name: 'Discard this run?' })
      expect(dialog).toHaveTextContent(
        '1 of 3 already invited; discarding keeps their History entries and handles.',
      )
      expect(dialog).toHaveTextContent(
        '1 of those already invited are still in the list: a new batch would invite them again.',
      )
      await user.click(within(dialog).getByRole('button', { name: 'Discard run' }))
      expect(
        await screen.findByText(/Discarded: 1 of 3 invited; the 2 left were not sent\./),
      ).toBeInTheDocument()
      expect(screen.queryByRole('button', { name: 'Resume' })).not.toBeInTheDocument()
      const stored = await getBatchRun(run.id)
      expect(stored?.state).toBe('cancelled')
      expect(stored?.items.map((i) => i.status)).toEqual(['sent', 'cancelled', 'cancelled'])
    })

    it('says Resume sends the request the run started with when the form has changed', async () => {
      await storePaused({
        ...templateOf(REQUEST),
        sessionRef: { ...REQUEST.sessionRef, name: 'session-old' },
      })
      renderPanel()
      expect(
        await screen.findByText(
          /The form has changed since this run started\. Resume sends the request it was started with, session “session-old”.* to its own 2 XUIDs left/,
        ),
      ).toBeInTheDocument()
    })
  })
})
