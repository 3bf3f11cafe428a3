// The simulator's roster of players and each one's inbox: the contract between the simulator
// (src/server/simulator) and the dashboard (decision 022). A simulated player is who a call is sent
// as when the upstream is the simulator; it has no token, the server signs for it.
import { z } from 'zod'
import type { SimPlayer } from './default-sim-players'
import { sessionRefSchema, xuidSchema } from './schemas'

/** MPSD gamertags are at most 15 characters; modern gamertags (with a suffix) up to 16 + '#1234'. */
export const GAMERTAG_MAX_LENGTH = 21
/** Enough players for a party and its invitees; a roster is typed by hand. */
export const ROSTER_MAX_PLAYERS = 16
/** A userhash is one run of visible characters without `;` (it sits in `x=<userhash>;`). */
const USERHASH_PATTERN = /^[A-Za-z0-9]{1,64}$/

export const simPlayerSchema: z.ZodType<SimPlayer> = z.object({
  xuid: xuidSchema,
  gamertag: z
    .string()
    .trim()
    .min(1, 'Gamertag is required')
    .max(GAMERTAG_MAX_LENGTH, `Gamertag must be at most ${GAMERTAG_MAX_LENGTH} characters`),
  userhash: z
    .string()
    .trim()
    .regex(USERHASH_PATTERN, 'Userhash must be 1 to 64 letters or digits (the x= of XBL3.0)'),
})

export const simRosterSchema = z
  .array(simPlayerSchema)
  .min(1, 'Keep at least one player: the first one sends by default')
  .max(ROSTER_MAX_PLAYERS, `At most ${ROSTER_MAX_PLAYERS} players`)
  .superRefine((players, ctx) => {
    const seen = { xuid: new Set<string>(), userhash: new Set<string>() }
    players.forEach((player, index) => {
      for (const key of ['xuid', 'userhash'] as const) {
        if (seen[key].has(player[key]))
          ctx.addIssue({
            code: 'custom',
            path: [index, key],
            message: `Another player already has this ${key === 'xuid' ? 'XUID' : 'userhash'}`,
          })
        seen[key].add(player[key])
      }
      // The simulator reads a userhash as the roster player who has it, and a decimal userhash as
      // that XUID: one player's userhash equal to another's XUID would make calls "as" the second
      // land as the first.
      const owner = players.findIndex((other, i) => i !== index && other.xuid === player.userhash)
      if (owner !== -1)
        ctx.addIssue({
          code: 'custom',
          path: [index, 'userhash'],
          message: `Userhash is the XUID of player ${owner + 1}: calls as that player would be sent as this one`,
        })
    })
  })

export const simRosterResponseSchema = z.object({ players: simRosterSchema })

export const inboxInviteSchema = z.object({
  handleId: z.string(),
  senderXuid: z.string(),
  /** The sender's gamertag when the sender is on the roster. */
  senderGamertag: z.string().nullable(),
  sessionRef: sessionRefSchema,
  context: z.string().nullable(),
  titleId: z.string(),
  /** When the invite was sent and when it ends (ISO 8601). */
  sentAt: z.string(),
  expiresAt: z.string(),
  expired: z.boolean(),
  /** What the invited player's title is launched with. */
  activationUri: z.string(),
})
export type InboxInvite = z.infer<typeof inboxInviteSchema>

/** An invite sent through Multiplayer Activity (decision 110): no handle, a connection string. */
export const mpaInboxInviteSchema = z.object({
  id: z.string(),
  titleId: z.string(),
  senderXuid: z.string(),
  senderGamertag: z.string().nullable(),
  connectionString: z.string(),
  /** The platform the invite was sent for; null: every platform the title supports. */
  platform: z.string().nullable(),
  sentAt: z.string(),
  expiresAt: z.string(),
  expired: z.boolean(),
  /** What a GDK title on PC is launched with when the invite is accepted (mpa.md §4, §6.3). */
  acceptUri: z.string(),
})
export type MpaInboxInvite = z.infer<typeof mpaInboxInviteSchema>

export const inboxResponseSchema = z.object({
  xuid: z.string(),
  invites: z.array(inboxInviteSchema),
  mpaInvites: z.array(mpaInboxInviteSchema).default([]),
})
export type InboxResponse = z.infer<typeof inboxResponseSchema>

/**
 * The protocol activation a title receives when the invited user accepts (mpsd-handles.md, "what the
 * title receives"): `ms-xbl-multiplayer://inviteHandleAccept?handle=…&invitedXuid=…&senderXuid=…`.
 */
export function inviteActivationUri(invite: {
  handleId: string
  invitedXuid: string
  senderXuid: string
  context: string | null
}): string {
  const query = new URLSearchParams({
    handle: invite.handleId,
    invitedXuid: invite.invitedXuid,
    senderXuid: invite.senderXuid,
  })
  if (invite.context) query.set('context', invite.context)
  return `ms-xbl-multiplayer://inviteHandleAccept?${query.toString()}`
}
