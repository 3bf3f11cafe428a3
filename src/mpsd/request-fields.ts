// The request as a form sees it: one text per field, the fields of every kind at once, so switching
// Activity <-> Invite hides fields without losing them. Derived from the entity's blocks by one
// table, not written out again: the compose form, the paste box's "what was filled" and the
// issues' field names all come from here. No zod: the composer's first load builds and reads
// requests through this table alone (decision 004).
import type { ActivityRequest, HandleRequest, InviteRequest, RequestEntity } from './request-entity'
import {
  KIND_BLOCKS,
  REQUEST_ENTITY_VERSION,
  REQUEST_KINDS,
  type RequestBlock,
  type RequestKind,
} from './request-kinds'

type Block = RequestBlock

/** Each field of the form: its label, and where it lives in the entity. */
export const REQUEST_FIELDS = {
  scid: { label: 'SCID', block: 'sessionRef', prop: 'scid' },
  templateName: { label: 'Template name', block: 'sessionRef', prop: 'templateName' },
  sessionName: { label: 'Session name', block: 'sessionRef', prop: 'name' },
  invitedXuid: { label: 'Invited XUID', block: 'invite', prop: 'invitedXuid' },
  titleId: { label: 'Title ID', block: 'invite', prop: 'titleId' },
  context: { label: 'Context', block: 'invite', prop: 'context' },
  contextString: { label: 'Context string', block: 'invite', prop: 'contextString' },
  senderString: { label: 'Sender string', block: 'invite', prop: 'senderString' },
  memberXuid: { label: 'Member XUID', block: 'session', prop: 'memberXuid' },
  memberStatus: { label: 'Member status', block: 'session', prop: 'memberStatus' },
  writeMode: { label: 'Write mode', block: 'session', prop: 'writeMode' },
  sessionConstants: { label: 'Constants (JSON)', block: 'session', prop: 'constants' },
  sessionProperties: { label: 'Properties (JSON)', block: 'session', prop: 'properties' },
  originScid: { label: 'Origin SCID', block: 'transfer', prop: 'originScid' },
  originTemplateName: {
    label: 'Origin template name',
    block: 'transfer',
    prop: 'originTemplateName',
  },
  originName: { label: 'Origin session name', block: 'transfer', prop: 'originName' },
  searchTags: { label: 'Tags', block: 'search', prop: 'tags' },
  searchNumbers: { label: 'Number attributes (JSON)', block: 'search', prop: 'numbers' },
  searchStrings: { label: 'String attributes (JSON)', block: 'search', prop: 'strings' },
  filter: { label: 'Filter', block: 'searchQuery', prop: 'filter' },
  orderBy: { label: 'Order by', block: 'searchQuery', prop: 'orderBy' },
  socialGroup: { label: 'Social group', block: 'searchQuery', prop: 'socialGroup' },
  socialGroupXuid: { label: 'Social group XUID', block: 'searchQuery', prop: 'socialGroupXuid' },
  // Multiplayer Activity (../shared/mpa.md §2, §5).
  mpaTitleId: { label: 'Title ID', block: 'mpaTitle', prop: 'titleId' },
  mpaXuid: { label: 'User XUID', block: 'mpaUser', prop: 'xuid' },
  sequenceNumber: { label: 'Sequence number', block: 'mpaUser', prop: 'sequenceNumber' },
  connectionString: { label: 'Connection string', block: 'mpaJoin', prop: 'connectionString' },
  joinRestriction: { label: 'Join restriction', block: 'mpaActivity', prop: 'joinRestriction' },
  maxPlayers: { label: 'Max players', block: 'mpaActivity', prop: 'maxPlayers' },
  currentPlayers: { label: 'Current players', block: 'mpaActivity', prop: 'currentPlayers' },
  groupId: { label: 'Group ID', block: 'mpaActivity', prop: 'groupId' },
  platform: { label: 'Platform', block: 'mpaJoin', prop: 'platform' },
  invitedUsers: { label: 'Invited users', block: 'mpaInvite', prop: 'invitedUsers' },
  users: { label: 'Users', block: 'mpaQuery', prop: 'users' },
  recentPlayers: { label: 'Recent players', block: 'mpaRecent', prop: 'recentPlayers' },
} as const satisfies Record<string, { label: string; block: Block; prop: string }>

export type RequestField = keyof typeof REQUEST_FIELDS
export const REQUEST_FIELD_NAMES = Object.keys(REQUEST_FIELDS) as RequestField[]

/** The form's values: the kind and every field's text. */
export type RequestFields = { kind: RequestKind } & Record<RequestField, string>

/** The entity path of a field, as preset problems name it (`sessionRef.name`). */
export function fieldPath(field: RequestField): string {
  return `${REQUEST_FIELDS[field].block}.${REQUEST_FIELDS[field].prop}`
}

/** Fields of a kind's blocks that the kind never sends: a search query names no session. */
export const KIND_SKIPS: Partial<Record<RequestKind, readonly RequestField[]>> = {
  searchQuery: ['sessionName'],
}

export function fieldsOfKind(kind: RequestKind): RequestField[] {
  return REQUEST_FIELD_NAMES.filter(
    (name) =>
      KIND_BLOCKS[kind].includes(REQUEST_FIELDS[name].block) && !KIND_SKIPS[kind]?.includes(name),
  )
}

/**
 * The form's values for requests laid over each other: later ones win, the last one's kind. A value
 * that is not text (a damaged record) reads as empty, so the form only ever gets strings.
 */
export function fieldsOf(...requests: readonly RequestEntity[]): RequestFields {
  const fields = { kind: 'invite' } as RequestFields
  for (const name of REQUEST_FIELD_NAMES) fields[name] = ''
  for (const request of requests) {
    fields.kind = request.kind
    for (const name of REQUEST_FIELD_NAMES) {
      const { block, prop } = REQUEST_FIELDS[name]
      const values = (request as Partial<Record<Block, Record<string, unknown>>>)[block]
      if (typeof values === 'object' && values !== null) {
        const value = values[prop]
        fields[name] = typeof value === 'string' ? value : ''
      }
    }
  }
  return fields
}

/** The entity of `kind` the form's values describe; fields of other kinds' blocks are left out. */
export function requestFromFields(
  fields: Partial<RequestFields>,
  kind: RequestKind = fields.kind ?? 'invite',
): RequestEntity {
  const request: Record<string, unknown> = { v: REQUEST_ENTITY_VERSION, kind }
  for (const block of KIND_BLOCKS[kind]) request[block] = {}
  for (const name of REQUEST_FIELD_NAMES) {
    const { block, prop } = REQUEST_FIELDS[name]
    const values = request[block] as Record<string, string> | undefined
    if (values) values[prop] = fields[name] ?? ''
  }
  return request as RequestEntity
}

/** A request of `kind` with every field empty. */
export function emptyRequest(kind: 'activity'): ActivityRequest
export function emptyRequest(kind?: 'invite'): InviteRequest
export function emptyRequest(kind: 'activity' | 'invite'): HandleRequest
export function emptyRequest(kind?: RequestKind): RequestEntity
export function emptyRequest(kind: RequestKind = 'invite'): RequestEntity {
  return requestFromFields({}, kind)
}

/**
 * The form's values as the selected kind's request, plus the same values seen as each other kind
 * that holds something typed the selected one does not (an invite's fields while Activity is
 * chosen). A draft keeps both, so switching kind and reloading loses nothing (decision 004).
 */
export function requestsFromFields(fields: RequestFields): {
  request: RequestEntity
  others: RequestEntity[]
} {
  const own = KIND_BLOCKS[fields.kind]
  const others = REQUEST_KINDS.filter(
    (kind) =>
      kind !== fields.kind &&
      REQUEST_FIELD_NAMES.some((name) => {
        const { block } = REQUEST_FIELDS[name]
        return fields[name] !== '' && !own.includes(block) && KIND_BLOCKS[kind].includes(block)
      }),
  ).map((kind) => requestFromFields(fields, kind))
  return { request: requestFromFields(fields), others }
}
