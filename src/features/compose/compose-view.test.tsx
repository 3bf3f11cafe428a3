import { fireEvent, screen, waitFor, within } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { describe, expect, it } from 'vitest'
import { readDraft } from '../../data/drafts/draft-store'
import { fieldsOf } from '../../mpsd/request-fields'
import { renderWithProviders } from '../../testing/render-with-providers'
import { ComposeView } from './compose-view'

const SCID = 'BD6C41C3-01C3-468A-A3B5-3E0FE8133862'

async function openInvite() {
  renderWithProviders(<ComposeView />)
  await userEvent.click(await screen.findByRole('radio', { name: 'Invite' }))
  // The rules load after the first render (decision 004): the preview's verdict says they have.
  await screen.findByText('Not sendable yet; this is what would go out:')
}

function field(label: string) {
  return screen.getByLabelText(label, { exact: true })
}

function messageOf(input: HTMLElement): string {
  const ids = input.getAttribute('aria-describedby')?.split(' ') ?? []
  return ids.map((id) => document.getElementById(id)?.textContent ?? '').join(' | ')
}

describe('Compose', () => {
  it('checks each rule as the user types, with the message linked to the field', async () => {
    await openInvite()
    const scid = field('SCID')
    await userEvent.type(scid, 'not-a-guid')
    await waitFor(() => expect(scid).toHaveAttribute('aria-invalid', 'true'))
    await waitFor(() => expect(messageOf(scid)).toMatch(/GUID/))

    await userEvent.clear(scid)
    await userEvent.type(scid, SCID)
    await waitFor(() => expect(scid).toHaveAttribute('aria-invalid', 'false'))

    const titleId = field('Title ID')
    await userEvent.type(titleId, '4294967296')
    await waitFor(() => expect(titleId).toHaveAttribute('aria-invalid', 'true'))
    await userEvent.type(titleId, '{Backspace}5')
    await waitFor(() => expect(titleId).toHaveAttribute('aria-invalid', 'false'))

    const contextString = field('Context string')
    await userEvent.type(contextString, '//missing-slash')
    await waitFor(() => expect(messageOf(contextString)).toMatch(/\/\/\//))
  })

  it('counts Context once URI-encoded and refuses 257', async () => {
    await openInvite()
    const context = field('Context')
    await userEvent.type(context, 'é')
    expect(await screen.findByText('Encoded length: 6 / 256')).toBeInTheDocument()
    await userEvent.clear(context)
    await userEvent.click(context)
    await userEvent.paste('a'.repeat(257))
    expect(await screen.findByText('Encoded length: 257 / 256')).toBeInTheDocument()
    await waitFor(() => expect(context).toHaveAttribute('aria-invalid', 'true'))
    await userEvent.type(context, '{Backspace}')
    await waitFor(() => expect(context).toHaveAttribute('aria-invalid', 'false'))
  })

  it('previews exactly the body that will be sent, trimmed values and all, and only then enables Send', async () => {
    await openInvite()
    const send = screen.getByRole('button', { name: 'Send' })
    expect(send).toBeDisabled()
    await userEvent.type(field('SCID'), `  ${SCID}  `)
    await userEvent.type(field('Template name'), 'deathmatch')
    await userEvent.type(field('Session name'), 'session-49')
    await userEvent.type(field('Invited XUID'), ' 2533274790000001 ')
    await userEvent.type(field('Title ID'), '1234')
    expect(screen.getByLabelText('Request body').textContent).toBe(
      JSON.stringify(
        {
          type: 'invite',
          sessionRef: { scid: SCID, templateName: 'deathmatch', name: 'session-49' },
          version: 1,
          invitedXuid: '2533274790000001',
          inviteAttributes: { titleId: '1234' },
        },
        null,
        2,
      ),
    )
    await userEvent.click(screen.getByRole('tab', { name: 'Headers' }))
    expect((await screen.findByLabelText('Request headers')).textContent).toContain(
      'x-xbl-contract-version: 107',
    )
    expect(send).toBeEnabled()
  })

  it('keeps the draft as the user types, and a remount (reload) restores it', async () => {
    const first = renderWithProviders(<ComposeView />)
    await userEvent.click(await screen.findByRole('radio', { name: 'Invite' }))
    await userEvent.type(field('Template name'), 'kept-template')
    first.unmount()

    renderWithProviders(<ComposeView />)
    expect(await screen.findByDisplayValue('kept-template')).toBeInTheDocument()
    expect(screen.getByRole('radio', { name: 'Invite' })).toBeChecked()
  })

  it('keeps what was typed for an invite after switching to Activity and reloading', async () => {
    const first = renderWithProviders(<ComposeView />)
    await userEvent.click(await screen.findByRole('radio', { name: 'Invite' }))
    await userEvent.type(field('Invited XUID'), '2533274790000001')
    await userEvent.type(field('Title ID'), '1234')
    await userEvent.click(screen.getByRole('radio', { name: 'Activity' }))
    expect(screen.queryByLabelText('Invited XUID')).not.toBeInTheDocument()
    first.unmount()

    renderWithProviders(<ComposeView />)
    expect(await screen.findByRole('radio', { name: 'Activity' })).toBeChecked()
    await userEvent.click(screen.getByRole('radio', { name: 'Invite' }))
    expect(field('Invited XUID')).toHaveValue('2533274790000001')
    expect(field('Title ID')).toHaveValue('1234')
  })

  it('writes the draft being typed when the page is left, without waiting for autosave', async () => {
    renderWithProviders(<ComposeView />)
    await userEvent.click(await screen.findByRole('radio', { name: 'Invite' }))
    // One synchronous change then pagehide: autosave's timer cannot have fired in between.
    fireEvent.change(field('Session name'), { target: { value: 'left-at-once' } })
    // A reload or a closed tab: pagehide is the last event the page gets.
    fireEvent(window, new Event('pagehide'))
    expect(fieldsOf(readDraft().request).sessionName).toBe('left-at-once')
  })

  it('Paste replaces the draft, keeps placeholder fields, lists every change and undoes', async () => {
    await openInvite()
    await userEvent.type(field('SCID'), SCID)
    await userEvent.type(field('Context string'), '///old')
    await userEvent.click(screen.getByRole('button', { name: 'Paste JSON' }))
    const dialog = await screen.findByRole('dialog', { name: 'Paste JSON' })
    fireEvent.change(within(dialog).getByLabelText(/JSON body or curl command/), {
      target: {
        value:
          '{"type":"invite","sessionRef":{"scid":"{scid}","templateName":"deathmatch"},"invitedXuid":"3210"}',
      },
    })
    await userEvent.click(within(dialog).getByRole('button', { name: 'Replace draft' }))
    expect(within(dialog).getByRole('list', { name: 'Changes' })).toHaveTextContent(
      [
        'Template name: (empty) → “deathmatch”',
        'Invited XUID: (empty) → “3210”',
        'Context string: “///old” → (empty)',
      ].join(''),
    )
    expect(within(dialog).getByRole('status')).toHaveTextContent(
      `Placeholders, so the draft’s value was kept: SCID (“${SCID}”).`,
    )
    expect(field('SCID')).toHaveValue(SCID)
    expect(field('Context string')).toHaveValue('')
    expect(field('Invited XUID')).toHaveValue('3210')

    await userEvent.click(within(dialog).getByRole('button', { name: 'Undo' }))
    expect(field('Context string')).toHaveValue('///old')
    expect(field('Invited XUID')).toHaveValue('')
    expect(within(dialog).getByRole('status')).toHaveTextContent('Undone')
  })

  it('Paste takes a Multiplayer Activity body: the Service and the request type follow, the title is kept', async () => {
    await openInvite()
    await userEvent.type(field('Session name'), 'old-session')
    await userEvent.click(screen.getByRole('button', { name: 'Paste JSON' }))
    const dialog = await screen.findByRole('dialog', { name: 'Paste JSON' })
    fireEvent.change(within(dialog).getByLabelText(/JSON body or curl command/), {
      target: {
        value:
          '{"platform":"Scarlett","connectionString":"srv=203.0.113.7:7777","invitedUsers":["2533274822222222","2533274833333333"]}',
      },
    })
    await userEvent.click(within(dialog).getByRole('button', { name: 'Replace draft' }))
    const changes = within(dialog).getByRole('list', { name: 'Changes' })
    expect(changes).toHaveTextContent('Service: “MPSD handles” → “Multiplayer Activity”')
    expect(changes).toHaveTextContent('Request type: “Invite” → “Send invites”')
    expect(changes).toHaveTextContent('Session name: “old-session” → (empty)')
    expect(changes).toHaveTextContent('Platform: (empty) → “Scarlett”')
    expect(within(dialog).getByRole('status')).toHaveTextContent(
      'In the URL, not in a body, so the draft’s value was kept: Title ID ((empty)).',
    )
    await userEvent.click(within(dialog).getByRole('button', { name: 'Close' }))
    expect(screen.getByLabelText('Service')).toHaveValue('mpa')
    expect(await screen.findByRole('radio', { name: 'Send invites' })).toBeChecked()
    expect(field('Invited users')).toHaveValue('2533274822222222\n2533274833333333')
    expect(field('Connection string')).toHaveValue('srv=203.0.113.7:7777')
    expect(field('Platform')).toHaveValue('Scarlett')
    // The paste is the draft: a reload finds it.
    await waitFor(() => expect(readDraft().request.kind).toBe('mpaSendInvites'))
  })

  it('composes a session write: its own fields, JSON checked at the field, the PUT previewed', async () => {
    renderWithProviders(<ComposeView />)
    await userEvent.click(await screen.findByRole('radio', { name: 'Session write' }))
    expect(screen.queryByLabelText('Invited XUID')).not.toBeInTheDocument()
    await userEvent.type(field('SCID'), SCID)
    await userEvent.type(field('Template name'), 'GameLobby')
    await userEvent.type(field('Session name'), 'lobby-1')
    await userEvent.selectOptions(field('Write mode'), 'create')
    const constants = field('Constants (JSON)')
    await userEvent.click(constants)
    await userEvent.paste('{"system":')
    await waitFor(() => expect(constants).toHaveAttribute('aria-invalid', 'true'))
    expect(messageOf(constants)).toMatch(/not valid JSON/)
    expect(screen.getByRole('button', { name: 'Send' })).toBeDisabled()
    await userEvent.paste('{"maxMembersCount":8}}')
    await waitFor(() => expect(constants).toHaveAttribute('aria-invalid', 'false'))
    expect(screen.getByLabelText('Request line').textContent).toContain(
      `PUT ${window.location.origin}/sim/serviceconfigs/${SCID}/sessionTemplates/GameLobby/sessions/lobby-1`,
    )
    expect(screen.getByLabelText('Request body').textContent).toBe(
      JSON.stringify(
        {
          constants: { system: { maxMembersCount: 8 } },
          members: { me: { properties: { system: { active: true } } } },
        },
        null,
        2,
      ),
    )
    await userEvent.click(screen.getByRole('tab', { name: 'Headers' }))
    expect((await screen.findByLabelText('Request headers')).textContent).toContain(
      'If-None-Match: *',
    )
  })

  it('shows the exact bytes in the Wire view: compact, as Send sends them', async () => {
    await openInvite()
    await userEvent.type(field('SCID'), SCID)
    await userEvent.type(field('Template name'), 'deathmatch')
    await userEvent.type(field('Session name'), 'session-49')
    const wire = screen.getByRole('button', { name: 'Wire' })
    expect(wire).toHaveAttribute('aria-pressed', 'false')
    await userEvent.click(wire)
    expect(wire).toHaveAttribute('aria-pressed', 'true')
    expect(screen.getByLabelText('Wire body').textContent).toBe(
      `{"type":"invite","sessionRef":{"scid":"${SCID}","templateName":"deathmatch","name":"session-49"},"version":1,"invitedXuid":"","inviteAttributes":{"titleId":""}}`,
    )
    expect(screen.queryByLabelText('Request body')).not.toBeInTheDocument()
  })

  it('offers every MPSD kind, with the search query asking for no session name', async () => {
    renderWithProviders(<ComposeView />)
    for (const name of ['Activity', 'Invite', 'Session write', 'Transfer handle', 'Search handle'])
      expect(await screen.findByRole('radio', { name })).toBeInTheDocument()
    await userEvent.click(screen.getByRole('radio', { name: 'Search query' }))
    expect(screen.queryByLabelText('Session name')).not.toBeInTheDocument()
    expect(field('Filter')).toBeInTheDocument()
    await userEvent.click(screen.getByRole('radio', { name: 'Transfer handle' }))
    expect(field('Origin session name')).toBeInTheDocument()
  })

  it('shows its tabs as ARIA tabs: arrow keys move between them, a section gets the live request', async () => {
    const user = userEvent.setup()
    renderWithProviders(
      <ComposeView
        sections={[
          {
            id: 'probe',
            label: 'Probe',
            when: (kind) => kind === 'invite',
            render: (request) => <p>Probe sees {request.kind}</p>,
          },
        ]}
      />,
    )
    const sections = await screen.findByRole('tablist', { name: 'Request sections' })
    const fieldsTab = within(sections).getByRole('tab', { name: 'Fields' })
    expect(fieldsTab).toHaveAttribute('aria-selected', 'true')
    // The section is for invites only.
    await user.click(screen.getByRole('radio', { name: 'Activity' }))
    expect(within(sections).queryByRole('tab', { name: 'Probe' })).not.toBeInTheDocument()
    await user.click(screen.getByRole('radio', { name: 'Invite' }))
    fieldsTab.focus()
    await user.keyboard('{ArrowRight}')
    const probe = within(sections).getByRole('tab', { name: 'Probe' })
    expect(probe).toHaveFocus()
    expect(probe).toHaveAttribute('aria-selected', 'true')
    const panel = screen.getByRole('tabpanel', { name: 'Probe' })
    await waitFor(() => expect(panel).toHaveTextContent('Probe sees invite'))
    expect(panel).toBeVisible()
    // The form's panel is kept (what was typed survives) but hidden.
    const fieldsPanel = document.getElementById(fieldsTab.getAttribute('aria-controls') ?? '')
    expect(fieldsPanel).toContainElement(field('SCID'))
    expect(fieldsPanel).not.toBeVisible()
    await user.keyboard('{Home}')
    expect(fieldsTab).toHaveAttribute('aria-selected', 'true')
    expect(field('SCID')).toBeVisible()
  })
})
