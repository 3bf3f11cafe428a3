// The request entity's structure without its zod schema (request-entity.ts): the kinds, the blocks
// each holds, and the version this build writes. Kept apart so the composer's first load reads and
// writes drafts without carrying the schema (decision 004).

export const REQUEST_KINDS = ['activity', 'invite'] as const
export type RequestKind = (typeof REQUEST_KINDS)[number]

/** The version this build writes; `migrateRequest` raises every earlier one to it. */
export const REQUEST_ENTITY_VERSION = 1

/** The blocks each kind holds besides the envelope: what a kind switch keeps apart. */
export const KIND_BLOCKS: Record<RequestKind, ReadonlyArray<'sessionRef' | 'invite'>> = {
  activity: ['sessionRef'],
  invite: ['sessionRef', 'invite'],
}

/**
 * The service each kind calls: MPSD (sessiondirectory.xboxlive.com) or Multiplayer Activity
 * (multiplayeractivity.xboxlive.com). Compose's "Service" choice and the upstream a kind goes to
 * read it; every kind names one (contract 1 of the team plan).
 */
export const KIND_SERVICE: Record<RequestKind, 'mpsd' | 'mpa'> = {
  activity: 'mpsd',
  invite: 'mpsd',
}

export function isRequestKind(value: unknown): value is RequestKind {
  return (REQUEST_KINDS as readonly unknown[]).includes(value)
}
