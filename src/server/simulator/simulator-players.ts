// The simulator's roster and each player's inbox, for the dashboard (decision 022), mounted at
// /api/sim: GET/PUT /players and GET /inbox/:xuid. Not MPSD: the real service has no inbox to read,
// a title learns of an invite from a notification and its activation URI.
import { Hono } from 'hono'
import { bodyLimit } from 'hono/body-limit'
import { inviteActivationUri, simRosterSchema, type InboxInvite } from '../../mpsd/sim-players'
import { type SimPlayer } from '../../mpsd/default-sim-players'
import { callerGuard, type CallerPolicy } from '../caller-check'
import type { SimulatorApp } from './simulator'
import { mpaInboxOf } from './mpa-inbox'

/** Sixteen players of three short strings each. */
const BODY_LIMIT = 16 * 1024

function isoOf(ms: number | undefined): string {
  return new Date(ms ?? 0).toISOString()
}

export function createSimulatorPlayersApp(
  simulator: Pick<SimulatorApp, 'state' | 'now'>,
  policy: CallerPolicy,
) {
  const { state } = simulator
  const app = new Hono()
  app.use('*', callerGuard(policy, "the simulator's players"))
  app.use('*', async (c, next) => {
    await next()
    c.header('Cache-Control', 'no-store')
  })

  app.get('/players', (c) => c.json({ players: state.players }))

  app.put(
    '/players',
    bodyLimit({
      maxSize: BODY_LIMIT,
      onError: (c) => c.json({ error: 'too_large', message: 'The roster is too large.' }, 413),
    }),
    async (c) => {
      let json: unknown
      try {
        json = JSON.parse(await c.req.text())
      } catch {
        return c.json({ error: 'bad_json', message: 'The roster is not valid JSON.' }, 400)
      }
      const parsed = simRosterSchema.safeParse((json as { players?: unknown } | null)?.players)
      if (!parsed.success) {
        const issue = parsed.error.issues[0]
        const where = issue?.path.length ? `Player ${Number(issue.path[0]) + 1}: ` : ''
        return c.json(
          { error: 'invalid_roster', message: `${where}${issue?.message ?? 'Invalid roster.'}` },
          400,
        )
      }
      state.players = parsed.data
      return c.json({ players: state.players })
    },
  )

  app.get('/inbox/:xuid', (c) => {
    const xuid = c.req.param('xuid')
    const at = simulator.now()
    const gamertagOf = (x: string) => state.players.find((p: SimPlayer) => p.xuid === x)?.gamertag
    const invites: InboxInvite[] = []
    for (const handle of state.handles.values()) {
      if (handle.type !== 'invite' || handle.invitedXuid !== xuid) continue
      const attributes = (handle.inviteAttributes ?? {}) as { titleId?: string; context?: string }
      const sessionRef = handle.sessionRef as InboxInvite['sessionRef']
      const senderXuid = String(handle.senderXuid ?? handle.ownerXuid)
      const context = attributes.context ?? null
      invites.push({
        handleId: handle.id,
        senderXuid,
        senderGamertag: gamertagOf(senderXuid) ?? null,
        sessionRef,
        context,
        titleId: attributes.titleId ?? '',
        sentAt: isoOf(handle.sentAt),
        expiresAt: isoOf(handle.expiresAt),
        expired: handle.expiresAt !== undefined && handle.expiresAt <= at,
        activationUri: inviteActivationUri({
          handleId: handle.id,
          invitedXuid: xuid,
          senderXuid,
          context,
        }),
      })
    }
    invites.sort((a, b) => b.sentAt.localeCompare(a.sentAt))
    return c.json({ xuid, invites, mpaInvites: mpaInboxOf(state, xuid, at) })
  })

  return app
}
