// The journeys' stand-ins for Microsoft and Xbox Live, in one loopback process (decision 022): the
// sign-in fake (src/server/auth/fake-xbox-auth.ts; device code, XASU, XSTS) whose "Xbox Live" origin
// answers a handle POST as MPSD does (201 and the invite handle), so an invite sent as a signed-in
// account is filed like any other. Journeys script it over its /__fake hooks.
import { randomUUID } from 'node:crypto'
import { startFakeXboxAuth } from '../src/server/auth/fake-xbox-auth'

const port = Number(process.env.E2E_FAKE_PORT)
if (!Number.isInteger(port) || port <= 0) throw new Error('Set E2E_FAKE_PORT')

const fake = await startFakeXboxAuth({
  port,
  xboxLive: async (request, account) => {
    const body = (await request.json().catch(() => ({}))) as Record<string, unknown>
    if (request.method !== 'POST' || body.type !== 'invite')
      return Response.json({ fake: 'xboxlive', xuid: account.xuid })
    return Response.json(
      {
        type: 'invite',
        sessionRef: body.sessionRef,
        version: 1,
        inviteAttributes: body.inviteAttributes,
        expiration: new Date(Date.now() + 86_400_000).toISOString(),
        id: randomUUID(),
        invitedXuid: body.invitedXuid,
        senderXuid: account.xuid,
      },
      { status: 201 },
    )
  },
})
process.stdout.write(`e2e fakes on ${fake.url}\n`)
for (const signal of ['SIGINT', 'SIGTERM'] as const)
  process.on(signal, () => void fake.close().then(() => process.exit(0)))
