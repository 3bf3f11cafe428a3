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
import { EXPECTATION_KINDS, EXPECTATION_TEXT_MAX, EXPECTATIONS_MAX } from './expectation-kinds'
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

const sessionBlock = z.object({
  memberXuid: typed(),
  /** '' joins or stays active; 'inactive', 'leave' (`"me": null`) or 'none' (members left out). */
  memberStatus: typed(),
  /** '' create or update (no precondition); 'create' If-None-Match: *; 'update' If-Match: *. */
  writeMode: typed(),
  constants: typed(),
  properties: typed(),
})

const transferBlock = z.object({
  originScid: typed(),
  originTemplateName: typed(),
  originName: typed(),
})

const searchBlock = z.object({
  tags: typed(),
  numbers: typed(),
  strings: typed(),
})

const searchQueryBlock = z.object({
  filter: typed(),
  orderBy: typed(),
  socialGroup: typed(),
  socialGroupXuid: typed(),
})

const contractVersionSchema = z
  .number({ message: 'Contract version must be a number' })
  .int('Contract version must be a whole number')
  .min(MIN_CONTRACT_VERSION, `Contract version must be ${MIN_CONTRACT_VERSION} or later`)
  .max(CONTRACT_VERSION_MAX, `Contract version must be at most ${CONTRACT_VERSION_MAX}`)

/** One expectation, kept as typed: expectationIssues (expectations.ts) says what is wrong with it. */
export const expectationSchema = z.object({
  kind: z.enum(EXPECTATION_KINDS, {
    error: `Expectation kind must be one of ${EXPECTATION_KINDS.join(', ')}`,
  }),
  target: z
    .string()
    .max(EXPECTATION_TEXT_MAX, `At most ${EXPECTATION_TEXT_MAX} characters`)
    .default(''),
  value: z
    .string()
    .max(EXPECTATION_TEXT_MAX, `At most ${EXPECTATION_TEXT_MAX} characters`)
    .default(''),
})

const envelope = {
  v: z.literal(REQUEST_ENTITY_VERSION, {
    error: `Request version must be ${REQUEST_ENTITY_VERSION} or older: update the Workbench to open a newer one`,
  }),
  sessionRef: sessionRefBlock.prefault({}),
  /** An override of the Settings' contract version (presets carry one); a draft has none. */
  contractVersion: contractVersionSchema.optional(),
  /** What the answer must be (expectations.ts); absent: a 2xx answer is expected. */
  expect: z
    .array(expectationSchema)
    .max(EXPECTATIONS_MAX, `At most ${EXPECTATIONS_MAX} expectations`)
    .optional(),
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

export const sessionRequestSchema = z.object({
  ...envelope,
  kind: z.literal('session'),
  session: sessionBlock.prefault({}),
})

export const transferRequestSchema = z.object({
  ...envelope,
  kind: z.literal('transfer'),
  transfer: transferBlock.prefault({}),
})

export const searchRequestSchema = z.object({
  ...envelope,
  kind: z.literal('search'),
  search: searchBlock.prefault({}),
})

export const searchQueryRequestSchema = z.object({
  ...envelope,
  kind: z.literal('searchQuery'),
  searchQuery: searchQueryBlock.prefault({}),
})
const [
  mpaSetActivityRequestSchema,
  mpaDeleteActivityRequestSchema,
  mpaQueryActivitiesRequestSchema,
  mpaSendInvitesRequestSchema,
  mpaRecentPlayersRequestSchema,
] = mpaRequestSchemas({
  v: envelope.v,
  contractVersion: envelope.contractVersion,
  expect: envelope.expect,
})

/** Version 1, the current one. Unknown keys are stripped: only listed fields are ever stored. */
export const requestEntitySchema = z.discriminatedUnion(
  'kind',
  [
    activityRequestSchema,
    inviteRequestSchema,
    sessionRequestSchema,
    transferRequestSchema,
    searchRequestSchema,
    searchQueryRequestSchema,
    mpaSetActivityRequestSchema,
    mpaDeleteActivityRequestSchema,
    mpaQueryActivitiesRequestSchema,
    mpaSendInvitesRequestSchema,
    mpaRecentPlayersRequestSchema,
  ],
  {
    error:
      'Kind must be one of "activity", "invite", "session", "transfer", "search", "searchQuery" or a Multiplayer Activity kind',
  },
)

export type ActivityRequest = z.output<typeof activityRequestSchema>
export type InviteRequest = z.output<typeof inviteRequestSchema>
export type SessionRequest = z.output<typeof sessionRequestSchema>
export type TransferRequest = z.output<typeof transferRequestSchema>
export type SearchRequest = z.output<typeof searchRequestSchema>
export type SearchQueryRequest = z.output<typeof searchQueryRequestSchema>
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
