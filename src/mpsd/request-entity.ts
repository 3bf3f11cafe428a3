// The one request a user composes: what a draft, a preset, a share link, a History record, a batch
// run and the paste box all hold. A discriminated union on `kind`, each kind the shared envelope
// (`v`, `sessionRef`, `contractVersion`) plus its own blocks, so a new MPSD call (session, search,
// transfer, query, the Multiplayer Activity kinds) is one more member, not a new shape with its
// own mappers. `toWire` (to-wire.ts) and `fromWire` (from-wire.ts) are the only ways to and from
// the bytes; `migrateRequest` (request-migrate.ts) opens every shape stored before this one.
//
// Values are kept as typed, untrimmed and unchecked: a draft may be unfinished or invalid, and the
// form must show it as the user left it. The MPSD rules are checked apart (request-validate.ts);
// trimming happens once, in toWire (decision 004).
//
// Versions follow hoppscotch's versioned entities (@hoppscotch/data): every stored request says
// `v`; this is the current version's schema, and request-migrate.ts holds the `up` step from each
// earlier one (zod-free, so drafts are raised without this schema at first load).
import { z } from 'zod'
import { CONTRACT_VERSION_MAX, MIN_CONTRACT_VERSION } from './limits'
import { REQUEST_ENTITY_VERSION } from './request-kinds'
import { mpaRequestSchemas } from './mpa/mpa-entity'

const typed = () => z.string().default('')

const sessionRefBlock = z.object({
  scid: typed(),
  templateName: typed(),
  name: typed(),
})

const inviteBlock = z.object({
  invitedXuid: typed(),
  titleId: typed(),
  context: typed(),
  contextString: typed(),
  senderString: typed(),
})

const contractVersionSchema = z
  .number({ message: 'Contract version must be a number' })
  .int('Contract version must be a whole number')
  .min(MIN_CONTRACT_VERSION, `Contract version must be ${MIN_CONTRACT_VERSION} or later`)
  .max(CONTRACT_VERSION_MAX, `Contract version must be at most ${CONTRACT_VERSION_MAX}`)

const envelope = {
  v: z.literal(REQUEST_ENTITY_VERSION, {
    error: `Request version must be ${REQUEST_ENTITY_VERSION} or older: update the Workbench to open a newer one`,
  }),
  sessionRef: sessionRefBlock.prefault({}),
  /** An override of the Settings' contract version (presets carry one); a draft has none. */
  contractVersion: contractVersionSchema.optional(),
}

export const activityRequestSchema = z.object({
  ...envelope,
  kind: z.literal('activity'),
})

export const inviteRequestSchema = z.object({
  ...envelope,
  kind: z.literal('invite'),
  invite: inviteBlock.prefault({}),
})

const [
  mpaSetActivityRequestSchema,
  mpaDeleteActivityRequestSchema,
  mpaQueryActivitiesRequestSchema,
  mpaSendInvitesRequestSchema,
  mpaRecentPlayersRequestSchema,
] = mpaRequestSchemas({ v: envelope.v, contractVersion: envelope.contractVersion })

/** Version 1, the current one. Unknown keys are stripped: only listed fields are ever stored. */
export const requestEntitySchema = z.discriminatedUnion(
  'kind',
  [
    activityRequestSchema,
    inviteRequestSchema,
    mpaSetActivityRequestSchema,
    mpaDeleteActivityRequestSchema,
    mpaQueryActivitiesRequestSchema,
    mpaSendInvitesRequestSchema,
    mpaRecentPlayersRequestSchema,
  ],
  { error: 'Kind must be one of "activity", "invite" or a Multiplayer Activity kind' },
)

export type ActivityRequest = z.output<typeof activityRequestSchema>
export type InviteRequest = z.output<typeof inviteRequestSchema>
export type RequestEntity = z.output<typeof requestEntitySchema>
/** The MPSD handle kinds (POST /handles), as opposed to the Multiplayer Activity ones. */
export type HandleRequest = ActivityRequest | InviteRequest
export type MpaSetActivityRequest = z.output<typeof mpaSetActivityRequestSchema>
export type MpaDeleteActivityRequest = z.output<typeof mpaDeleteActivityRequestSchema>
export type MpaQueryActivitiesRequest = z.output<typeof mpaQueryActivitiesRequestSchema>
export type MpaSendInvitesRequest = z.output<typeof mpaSendInvitesRequestSchema>
export type MpaRecentPlayersRequest = z.output<typeof mpaRecentPlayersRequestSchema>
/** The Multiplayer Activity kinds (mpa/mpa-wire.ts builds them). */
export type MpaRequest =
  | MpaSetActivityRequest
  | MpaDeleteActivityRequest
  | MpaQueryActivitiesRequest
  | MpaSendInvitesRequest
  | MpaRecentPlayersRequest
export type RequestEntityInput = z.input<typeof requestEntitySchema>
