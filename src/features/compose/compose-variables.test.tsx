import { fieldsOf } from '../../mpsd/request-fields'
import { screen, waitFor } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { afterEach, describe, expect, it } from 'vitest'
import { resetWorkbenchDBConnection } from '../../lib/db'
import { createEnvironment } from '../../data/environments/environment-store'
import { writeSettings, readSettings } from '../../data/settings/settings-schema'
import { readDraft } from '../../data/drafts/draft-store'
import { renderWithProviders } from '../../testing/render-with-providers'
import { ComposeView } from './compose-view'

const SCID = 'bd6c41c3-01c3-468a-a3b5-3e0fe8133862'

afterEach(async () => {
  await resetWorkbenchDBConnection()
  indexedDB.deleteDatabase('handles-workbench')
})

function field(label: string) {
  return screen.getByLabelText(label, { exact: true })
}

function messageOf(input: HTMLElement): string {
  const ids = input.getAttribute('aria-describedby')?.split(' ') ?? []
  return ids.map((id) => document.getElementById(id)?.textContent ?? '').join(' | ')
}

async function withEnvironment(values: Record<string, string>) {
  const env = await createEnvironment(
    'Dev',
    Object.entries(values).map(([key, value]) => ({ key, value, secret: false, enabled: true })),
  )
  writeSettings({ ...readSettings(), activeEnvironmentId: env.id })
}

async function fillInvite(scid: string) {
  renderWithProviders(<ComposeView />)
  await userEvent.click(await screen.findByRole('radio', { name: 'Invite' }))
  await userEvent.click(field('SCID'))
  await userEvent.paste(scid)
  await userEvent.type(field('Template name'), 'deathmatch')
  await userEvent.type(field('Session name'), 's1')
  await userEvent.type(field('Invited XUID'), '2533274790000001')
  await userEvent.type(field('Title ID'), '1234')
}

describe('Compose with {{variables}}', () => {
  it('checks and previews the resolved value, says where it came from, and keeps {{scid}} in the draft', async () => {
    await withEnvironment({ scid: SCID })
    await fillInvite('{{scid}}')
    await waitFor(() =>
      expect(screen.getByLabelText('Request body').textContent).toContain(`"scid": "${SCID}"`),
    )
    expect(field('SCID')).toHaveAttribute('aria-invalid', 'false')
    expect(screen.getByRole('list', { name: 'Variables used' })).toHaveTextContent(
      'SCID: scid ← Dev environment',
    )
    expect(screen.getByRole('button', { name: 'Send' })).toBeEnabled()
    await waitFor(() => expect(fieldsOf(readDraft().request).scid).toBe('{{scid}}'))
  })

  it('marks an unknown variable at its field, naming it, and keeps Send disabled', async () => {
    await withEnvironment({ scid: SCID, titleId: '' })
    await fillInvite('{{scdi}}')
    const scid = field('SCID')
    await waitFor(() => expect(scid).toHaveAttribute('aria-invalid', 'true'))
    expect(messageOf(scid)).toContain('{{scdi}} is not defined in environment "Dev"')
    expect(screen.getByRole('button', { name: 'Send' })).toBeDisabled()

    const titleId = field('Title ID')
    await userEvent.clear(titleId)
    await userEvent.click(titleId)
    await userEvent.paste('{{titleId}}')
    await waitFor(() => expect(messageOf(titleId)).toContain('{{titleId}} is empty'))
  })

  it('without an environment, a reference is an error that says none is chosen', async () => {
    await fillInvite('{{scid}}')
    await waitFor(() => expect(field('SCID')).toHaveAttribute('aria-invalid', 'true'))
    expect(messageOf(field('SCID'))).toContain('none is chosen')
    expect(screen.getByRole('button', { name: 'Send' })).toBeDisabled()
  })

  it('sends as the environment’s actAs, and the preview says so', async () => {
    await withEnvironment({ scid: SCID, actAs: '2533274790000002' })
    await fillInvite('{{scid}}')
    expect(await screen.findByRole('list', { name: 'Variables used' })).toHaveTextContent(
      'Act as: actAs ← Dev environment',
    )
    // Who sends is on the preview's Headers tab (decision 130).
    await userEvent.click(screen.getByRole('tab', { name: 'Headers' }))
    expect(await screen.findByLabelText('Sent as')).toHaveTextContent('Sim Cleo')
  })
})
