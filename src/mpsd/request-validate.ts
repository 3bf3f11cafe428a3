// The MPSD rules for a composed request, field by field, with the messages of schemas.ts (the same
// the simulator and the importers use). Separate from the entity, which keeps whatever was typed:
// a draft may be invalid, and the issues are shown beside it rather than refusing it.
import type { z } from 'zod'
import type { RequestEntity } from './request-entity'
import type { RequestKind } from './request-kinds'
import { fieldsOf, REQUEST_FIELDS, type RequestField, type RequestFields } from './request-fields'
import {
  contextSchema,
  contextStringSchema,
  jsonObjectSchema,
  oneOfSchema,
  orderBySchema,
  scidSchema,
  searchTagsSchema,
  senderStringSchema,
  sessionNameSchema,
  templateNameSchema,
  titleIdSchema,
  xuidSchema,
} from './field-rules'
import { MEMBER_STATUSES, WRITE_MODES } from './session-choices'
import {
  connectionStringSchema,
  currentPlayersSchema,
  groupIdSchema,
  invitedUsersSchema,
  joinRestrictionSchema,
  maxPlayersSchema,
  mpaTitleIdSchema,
  mpaXuidSchema,
  platformSchema,
  recentPlayersSchema,
  sequenceNumberSchema,
  usersSchema,
} from './mpa/mpa-rules'
import { connectionStringWarning, currentPlayersWarning, platformWarning } from './mpa/mpa-warnings'

/**
 * `blank`: optional, skipped when only spaces (toWire leaves it out). `empty`: optional, skipped
 * only when empty, for Context, which is sent verbatim (decision 001).
 */
type Rule = {
  field: RequestField
  schema: z.ZodType<string>
  optional?: 'blank' | 'empty'
  /** Checked only when this holds (a social group's XUID, only with a social group). */
  when?: (fields: RequestFields) => boolean
}

const scid: Rule = { field: 'scid', schema: scidSchema }
const templateName: Rule = { field: 'templateName', schema: templateNameSchema }
const sessionName: Rule = { field: 'sessionName', schema: sessionNameSchema }
const json = (field: RequestField, each?: { type: 'number' | 'string' }): Rule => ({
  field,
  schema: jsonObjectSchema(REQUEST_FIELDS[field].label, each),
  optional: 'blank',
})
// Multiplayer Activity [mpa.md §5].
const mpaTitleId: Rule = { field: 'mpaTitleId', schema: mpaTitleIdSchema }
const mpaUser: readonly Rule[] = [
  { field: 'mpaXuid', schema: mpaXuidSchema },
  { field: 'sequenceNumber', schema: sequenceNumberSchema },
]
const platform: Rule = { field: 'platform', schema: platformSchema }

const RULES: Record<RequestKind, readonly Rule[]> = {
  activity: [
    scid,
    templateName,
    // MPSD fills in a GUID when an activity has no session name [spec §2.1].
    { field: 'sessionName', schema: sessionNameSchema, optional: 'blank' },
  ],
  invite: [
    scid,
    templateName,
    { field: 'sessionName', schema: sessionNameSchema },
    { field: 'invitedXuid', schema: xuidSchema },
    { field: 'titleId', schema: titleIdSchema },
    { field: 'context', schema: contextSchema, optional: 'empty' },
    { field: 'contextString', schema: contextStringSchema, optional: 'blank' },
    { field: 'senderString', schema: senderStringSchema, optional: 'blank' },
  ],
  session: [
    scid,
    templateName,
    sessionName,
    // Blank: "me" is resolved from the token and constants.system is left out [sessions §1.3].
    { field: 'memberXuid', schema: xuidSchema, optional: 'blank' },
    { field: 'memberStatus', schema: oneOfSchema('Member status', MEMBER_STATUSES) },
    { field: 'writeMode', schema: oneOfSchema('Write mode', WRITE_MODES) },
    json('sessionConstants'),
    json('sessionProperties'),
  ],
  transfer: [
    scid,
    templateName,
    sessionName,
    { field: 'originScid', schema: scidSchema },
    { field: 'originTemplateName', schema: templateNameSchema },
    { field: 'originName', schema: sessionNameSchema },
  ],
  search: [
    scid,
    templateName,
    sessionName,
    { field: 'searchTags', schema: searchTagsSchema, optional: 'blank' },
    json('searchNumbers', { type: 'number' }),
    json('searchStrings', { type: 'string' }),
  ],
  searchQuery: [
    scid,
    templateName,
    { field: 'orderBy', schema: orderBySchema, optional: 'blank' },
    {
      field: 'socialGroupXuid',
      schema: xuidSchema,
      when: (fields) => fields.socialGroup.trim() !== '',
    },
  ],
  mpaSetActivity: [
    mpaTitleId,
    ...mpaUser,
    // Required but may be empty: the title is then launched with an empty string [§2.1].
    { field: 'connectionString', schema: connectionStringSchema },
    { field: 'joinRestriction', schema: joinRestrictionSchema },
    { field: 'maxPlayers', schema: maxPlayersSchema },
    { field: 'currentPlayers', schema: currentPlayersSchema },
    { field: 'groupId', schema: groupIdSchema },
    platform,
  ],
  mpaDeleteActivity: [mpaTitleId, ...mpaUser],
  mpaQueryActivities: [mpaTitleId, { field: 'users', schema: usersSchema }],
  mpaSendInvites: [
    mpaTitleId,
    { field: 'connectionString', schema: connectionStringSchema, optional: 'empty' },
    platform,
    { field: 'invitedUsers', schema: invitedUsersSchema },
  ],
  mpaRecentPlayers: [mpaTitleId, { field: 'recentPlayers', schema: recentPlayersSchema }],
}

/** A rule that fails: the field (its entity path is `fieldPath(field)`), its label and why. */
export type RequestIssue = { field: RequestField; label: string; message: string }

/** Every rule that fails, in the form's field order; empty when the request can be sent. */
export function requestIssues(request: RequestEntity): RequestIssue[] {
  const fields = fieldsOf(request)
  const issues: RequestIssue[] = []
  for (const { field, schema, optional, when } of RULES[request.kind]) {
    if (when && !when(fields)) continue
    const value = fields[field]
    if (optional === 'blank' && value.trim() === '') continue
    if (optional === 'empty' && value === '') continue
    const result = schema.safeParse(value)
    if (!result.success) {
      issues.push({
        field,
        label: REQUEST_FIELDS[field].label,
        message: result.error.issues[0]?.message ?? 'Invalid',
      })
    }
  }
  return issues
}

/**
 * Where the sources disagree (mpa.md §8) the value is sent as the SDK would, with a warning at the
 * field: never a reason to refuse Send (decision 110).
 */
export function requestWarnings(request: RequestEntity): RequestIssue[] {
  const fields = fieldsOf(request)
  const own = new Set(RULES[request.kind].map((rule) => rule.field))
  const warnings: RequestIssue[] = []
  const warn = (field: RequestField, message: string | undefined) => {
    if (message && own.has(field))
      warnings.push({ field, label: REQUEST_FIELDS[field].label, message })
  }
  warn('connectionString', connectionStringWarning(fields.connectionString))
  warn('platform', platformWarning(fields.platform))
  warn('currentPlayers', currentPlayersWarning(fields.currentPlayers, fields.maxPlayers))
  return warnings
}
