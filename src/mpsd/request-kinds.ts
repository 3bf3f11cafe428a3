// The request entity's structure without its zod schema (request-entity.ts): the kinds, the blocks
// each holds, and the version this build writes. Kept apart so the composer's first load reads and
// writes drafts without carrying the schema (decision 004).

export const REQUEST_KINDS = [
  'activity',
  'invite',
  'session',
  'transfer',
  'search',
  'searchQuery',
  // Multiplayer Activity (../shared/mpa.md §2): set, delete, query, invites, recent players.
  'mpaSetActivity',
  'mpaDeleteActivity',
  'mpaQueryActivities',
  'mpaSendInvites',
  'mpaRecentPlayers',
] as const
export type RequestKind = (typeof REQUEST_KINDS)[number]

/**
 * The version this build writes; `migrateRequest` raises every earlier one to it. The MPSD kinds
 * of decision 101 (session, transfer, search, searchQuery) were added as union members at version
 * 1: every record stored before them still parses unchanged.
 */
export const REQUEST_ENTITY_VERSION = 1

/** The blocks of the Multiplayer Activity kinds: what each MPA call holds besides the title. */
export type MpaBlock =
  'mpaTitle' | 'mpaUser' | 'mpaJoin' | 'mpaActivity' | 'mpaInvite' | 'mpaQuery' | 'mpaRecent'

/** A group of fields the entity keeps under one key; each kind holds some of them. */
export type RequestBlock =
  'sessionRef' | 'invite' | 'session' | 'transfer' | 'search' | 'searchQuery' | MpaBlock

/** The blocks each kind holds besides the envelope: what a kind switch keeps apart. */
export const KIND_BLOCKS: Record<RequestKind, ReadonlyArray<RequestBlock>> = {
  activity: ['sessionRef'],
  invite: ['sessionRef', 'invite'],
  session: ['sessionRef', 'session'],
  transfer: ['sessionRef', 'transfer'],
  search: ['sessionRef', 'search'],
  searchQuery: ['sessionRef', 'searchQuery'],
  // An activity and its invites share the connection string and platform [mpa.md §4: "pass the
  // same connection string"], so switching between them keeps both.
  mpaSetActivity: ['mpaTitle', 'mpaUser', 'mpaJoin', 'mpaActivity'],
  mpaDeleteActivity: ['mpaTitle', 'mpaUser'],
  mpaQueryActivities: ['mpaTitle', 'mpaQuery'],
  mpaSendInvites: ['mpaTitle', 'mpaJoin', 'mpaInvite'],
  mpaRecentPlayers: ['mpaTitle', 'mpaRecent'],
}

/**
 * The service each kind calls: MPSD (sessiondirectory.xboxlive.com) or Multiplayer Activity
 * (multiplayeractivity.xboxlive.com). Compose's "Service" choice and the upstream a kind goes to
 * read it; every kind names one (contract 1 of the team plan).
 */
export const KIND_SERVICE: Record<RequestKind, 'mpsd' | 'mpa'> = {
  activity: 'mpsd',
  invite: 'mpsd',
  session: 'mpsd',
  transfer: 'mpsd',
  search: 'mpsd',
  searchQuery: 'mpsd',
  mpaSetActivity: 'mpa',
  mpaDeleteActivity: 'mpa',
  mpaQueryActivities: 'mpa',
  mpaSendInvites: 'mpa',
  mpaRecentPlayers: 'mpa',
}

/** What the composer's "Service" choice calls each service. */
export const SERVICE_LABELS: Record<'mpsd' | 'mpa', string> = {
  mpsd: 'MPSD handles',
  mpa: 'Multiplayer Activity',
}

/** What the composer's "Request type" choice calls each kind. */
export const KIND_LABELS: Record<RequestKind, string> = {
  activity: 'Activity',
  invite: 'Invite',
  session: 'Session write',
  transfer: 'Transfer handle',
  search: 'Search handle',
  searchQuery: 'Search query',
  mpaSetActivity: 'Set activity',
  mpaDeleteActivity: 'Delete activity',
  mpaQueryActivities: 'Query activities',
  mpaSendInvites: 'Send invites',
  // Not "Recent players": that is the field's label, and a label names one control.
  mpaRecentPlayers: 'Update recent players',
}

export function isRequestKind(value: unknown): value is RequestKind {
  return (REQUEST_KINDS as readonly unknown[]).includes(value)
}
