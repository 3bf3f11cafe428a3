import { screen, waitFor, within } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { createEnvironment } from '../../data/environments/environment-store'
import { readSettings, writeSettings } from '../../data/settings/settings-schema'
import { resetWorkbenchDBConnection } from '../../lib/db'
import { requestFromFields } from '../../mpsd/request-fields'
import { SIM_RULES } from '../../mpsd/sim-rules'
import { renderWithProviders } from '../../testing/render-with-providers'
import { SessionPanel } from './session-panel'

const SCID = 'bd6c41c3-01c3-468a-a3b5-3e0fe8133862'
const ANA = '2814679796296491'
const PATH = `/proxy/serviceconfigs/${SCID}/sessionTemplates/deathmatch/sessions/lobby-1`

type Call = { method: string; path: string; headers: Headers; body: string | undefined }

/**
 * The Workbench server as far as the panel sees it: the simulator's rules, and the proxy in front
 * of a one-session MPSD that adds whoever Act as names (`sim:` alone is the roster's first, Ana).
 */
function fakeServer() {
  const calls: Call[] = []
  let members: Record<string, unknown> | undefined
  vi.stubGlobal(
    'fetch',
    vi.fn(async (input: RequestInfo | URL, init?: RequestInit) => {
      const url = new URL(String(input), 'http://workbench.test')
      const headers = new Headers(init?.headers)
      const method = init?.method ?? 'GET'
      if (url.pathname === '/api/sim/rules')
        return Response.json({ rules: SIM_RULES.map((r) => ({ ...r, mode: 'strict' })) })
      if (!url.pathname.startsWith('/proxy/')) return new Response('{}', { status: 404 })
      const body = typeof init?.body === 'string' ? init.body : undefined
      calls.push({ method, path: url.pathname, headers, body })
      if (url.pathname === PATH && method === 'GET')
        return members ? Response.json({ members }) : new Response(null, { status: 204 })
      if (url.pathname === PATH && method === 'PUT') {
        const me = (JSON.parse(body ?? '{}') as { members?: { me?: unknown } }).members?.me
        const xuid = headers.get('X-Workbench-Act-As')?.slice(4) || ANA
        const created = members === undefined
        if (me === null) {
          members = undefined
          return new Response(null, { status: 204 })
        }
        members = {
          '0': {
            constants: { system: { xuid } },
            properties: { system: { active: true } },
            gamertag: 'Sim Ana',
          },
        }
        return Response.json({ members }, { status: created ? 201 : 200 })
      }
      if (url.pathname === '/proxy/handles') return Response.json({ id: 'h-1' }, { status: 201 })
      return new Response('{}', { status: 404 })
    }),
  )
  return { calls, writes: () => calls.filter((c) => c.method !== 'GET') }
}

const fields = {
  scid: SCID,
  templateName: 'deathmatch',
  sessionName: 'lobby-1',
  invitedXuid: '2533274790000001',
  titleId: '1234',
}
const invite = requestFromFields({ ...fields, kind: 'invite' })

beforeEach(() => localStorage.clear())
afterEach(async () => {
  vi.unstubAllGlobals()
  await resetWorkbenchDBConnection()
  indexedDB.deleteDatabase('handles-workbench')
})

describe('SessionPanel', () => {
  it('says before sending that the invite would be refused, and "Create session and send" fixes it', async () => {
    const user = userEvent.setup()
    const server = fakeServer()
    renderWithProviders(<SessionPanel request={invite} />)
    expect(await screen.findByRole('status', { name: 'Session state' })).toHaveTextContent(
      'Session lobby-1 does not exist.',
    )
    const warning = await screen.findByLabelText('Before you send')
    expect(warning).toHaveTextContent('the simulator refuses an invite to it')
    expect(warning).toHaveTextContent('Invite needs an existing session')
    expect(server.writes()).toEqual([])

    await user.click(within(warning).getByRole('button', { name: 'Create session and send' }))
    await waitFor(() => expect(server.writes()).toHaveLength(2))
    const [create, send] = server.writes()
    // As the acting player, no precondition (create or join), then the composed invite.
    expect(create).toMatchObject({ method: 'PUT', path: PATH })
    expect(create?.headers.get('If-None-Match')).toBeNull()
    expect(create?.body).toBe(
      `{"members":{"me":{"constants":{"system":{"xuid":"${ANA}"}},"properties":{"system":{"active":true}}}}}`,
    )
    expect(send).toMatchObject({ method: 'POST', path: '/proxy/handles' })
    expect(JSON.parse(send?.body ?? '')).toMatchObject({
      type: 'invite',
      invitedXuid: '2533274790000001',
    })
    await waitFor(() =>
      expect(screen.getByRole('status', { name: 'Session state' })).toHaveTextContent(
        `Session lobby-1 exists: 1 member; Sim Ana (${ANA}) is active.`,
      ),
    )
    expect(screen.queryByLabelText('Before you send')).not.toBeInTheDocument()
  })

  it('creates with If-None-Match, lists the members, and leaves with "me": null', async () => {
    const user = userEvent.setup()
    const server = fakeServer()
    renderWithProviders(
      <SessionPanel request={requestFromFields({ ...fields, kind: 'session' })} />,
    )
    await screen.findByText('Session lobby-1 does not exist.')
    await user.click(screen.getByRole('button', { name: 'Create session' }))
    const table = await screen.findByRole('table', { name: 'Session members' })
    expect(within(table).getAllByRole('row')[1]).toHaveTextContent(`0Sim Ana (you)${ANA}active`)
    expect(server.writes()[0]?.headers.get('If-None-Match')).toBe('*')

    await user.click(screen.getByRole('button', { name: 'Leave session' }))
    await waitFor(() =>
      expect(screen.getByRole('status', { name: 'Session state' })).toHaveTextContent(
        'Session lobby-1 does not exist.',
      ),
    )
    const leave = server.writes()[1]
    expect(leave?.headers.get('If-Match')).toBe('*')
    expect(leave?.body).toBe('{"members":{"me":null}}')
  })

  it('does not check by itself against Xbox Live: only "Check session" reads the session', async () => {
    const user = userEvent.setup()
    localStorage.setItem(
      'handles-workbench:settings',
      JSON.stringify({ upstream: 'https://sessiondirectory.xboxlive.com', actAs: 'none' }),
    )
    const server = fakeServer()
    renderWithProviders(<SessionPanel request={invite} />)
    const check = await screen.findByRole('button', { name: 'Check session' })
    await new Promise((resolve) => setTimeout(resolve, 800))
    expect(server.calls).toEqual([])
    await user.click(check)
    await waitFor(() => expect(server.calls).toHaveLength(1))
    expect(server.calls[0]).toMatchObject({ method: 'GET', path: PATH })
    expect(await screen.findByRole('status', { name: 'Session state' })).toHaveTextContent(
      'Session lobby-1 does not exist.',
    )
  })

  it('goes where Send goes and acts as whom Send acts as: the environment’s upstream and actAs', async () => {
    const user = userEvent.setup()
    const CLEO = '2533274790000002'
    // Settings say Xbox Live as Sim Ana; the active environment says the simulator as Sim Cleo.
    const env = await createEnvironment('Dev', [
      { key: 'upstream', value: 'simulator', secret: false, enabled: true },
      { key: 'actAs', value: CLEO, secret: false, enabled: true },
    ])
    writeSettings({
      ...readSettings(),
      upstream: 'https://sessiondirectory.xboxlive.com',
      actAs: `sim:${ANA}`,
      activeEnvironmentId: env.id,
    })
    const server = fakeServer()
    renderWithProviders(<SessionPanel request={invite} />)
    // The automatic check runs (the environment's upstream is the simulator), as Cleo.
    const warning = await screen.findByLabelText('Before you send')
    expect(server.calls[0]?.headers.get('X-Workbench-Act-As')).toBe(`sim:${CLEO}`)

    await user.click(within(warning).getByRole('button', { name: 'Create session and send' }))
    await waitFor(() => expect(server.writes()).toHaveLength(2))
    const [create, send] = server.writes()
    for (const call of [create, send]) {
      expect(call?.headers.get('X-Workbench-Upstream')).toBe('simulator')
      expect(call?.headers.get('X-Workbench-Act-As')).toBe(`sim:${CLEO}`)
    }
    // members.me is Cleo, who then sends the invite from inside the session.
    expect(create?.body).toContain(`"xuid":"${CLEO}"`)
    expect(send).toMatchObject({ method: 'POST', path: '/proxy/handles' })
  })
})
