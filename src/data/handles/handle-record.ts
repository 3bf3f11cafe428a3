// The ledger's record of one handle a call created (invite, activity, transfer, search), validated
// on read like every record. Any 2xx answer with an id is filed (issue 14): MPSD's answers vary
// by kind and contract (an invite's 201 with every field, a bare `{"id":…}`), and a handle the
// ledger cannot see cannot be checked or revoked.
import { z } from 'zod'

export const handleCheckSchema = z.object({
  at: z.number(),
  /** The HTTP status of the check, or undefined when no answer came back. */
  status: z.number().optional(),
  /** What the check found: still there, gone (404), revoked by us, or a failure. */
  outcome: z.enum(['active', 'not-found', 'revoked', 'failed']),
  /** Why it failed, in the answer's own words (its body's message), when it did. */
  message: z.string().optional(),
  historyId: z.string(),
})
export type HandleCheck = z.infer<typeof handleCheckSchema>

export const handleRecordSchema = z.object({
  id: z.string(),
  /** The handle's `type`; records of earlier builds have none and are invites. */
  type: z.string().optional(),
  createdAt: z.number(),
  /** '' when the answer names none (any handle but an invite). */
  invitedXuid: z.string(),
  /** The sender of an invite, the owner of an activity; '' when the answer names neither. */
  senderXuid: z.string(),
  scid: z.string(),
  templateName: z.string(),
  sessionName: z.string(),
  titleId: z.string(),
  /** As MPSD sent it (ISO 8601); parsed for display only. */
  expiration: z.string(),
  /** The history entry of the call that created it. */
  historyId: z.string(),
  upstream: z.string(),
  lastCheck: handleCheckSchema.optional(),
  revokedAt: z.number().optional(),
})
export type HandleRecord = z.infer<typeof handleRecordSchema>

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

const textOf = (value: unknown): string =>
  typeof value === 'string' ? value : typeof value === 'number' ? String(value) : ''

/** The handle a 2xx answer carries: any JSON object with an `id`; anything else files nothing. */
export function handleRecordFrom(
  body: string,
  from: { historyId: string; createdAt: number; upstream: string },
): HandleRecord | undefined {
  let parsed: unknown
  try {
    parsed = JSON.parse(body)
  } catch {
    return undefined
  }
  if (!isObject(parsed) || typeof parsed.id !== 'string') return undefined
  // Handle ids are GUIDs; anything else (an empty id, `..`) would make a bad URL for Check/Revoke.
  if (!/^[\w-]+$/.test(parsed.id)) return undefined
  const ref = isObject(parsed.sessionRef) ? parsed.sessionRef : {}
  const attributes = isObject(parsed.inviteAttributes) ? parsed.inviteAttributes : {}
  return {
    id: parsed.id,
    ...(typeof parsed.type === 'string' ? { type: parsed.type } : {}),
    createdAt: from.createdAt,
    invitedXuid: textOf(parsed.invitedXuid),
    senderXuid: textOf(parsed.senderXuid ?? parsed.ownerXuid),
    scid: textOf(ref.scid ?? parsed.scid),
    templateName: textOf(ref.templateName ?? parsed.templateName),
    sessionName: textOf(ref.name),
    titleId: textOf(attributes.titleId ?? parsed.titleId),
    expiration: textOf(parsed.expiration),
    historyId: from.historyId,
    upstream: from.upstream,
  }
}

/** An invite handle: the ledger's first table. Records of earlier builds are all invites. */
export function isInviteRecord(record: Pick<HandleRecord, 'type'>): boolean {
  return record.type === undefined || record.type === 'invite'
}

export function expirationTime(record: Pick<HandleRecord, 'expiration'>): number | undefined {
  const time = Date.parse(record.expiration)
  return Number.isNaN(time) ? undefined : time
}

export function isExpired(record: Pick<HandleRecord, 'expiration'>, now: number): boolean {
  if (record.expiration === '') return false
  const time = expirationTime(record)
  return time !== undefined && time <= now
}

/** "23 h 59 min left", "5 min left", "expired". */
export function timeLeft(record: Pick<HandleRecord, 'expiration'>, now: number): string {
  if (record.expiration === '') return 'no expiration'
  const time = expirationTime(record)
  if (time === undefined) return 'unknown'
  const ms = time - now
  if (ms <= 0) return 'expired'
  const minutes = Math.floor(ms / 60_000)
  if (minutes < 1) return 'under a minute left'
  const hours = Math.floor(minutes / 60)
  if (hours === 0) return `${minutes} min left`
  const days = Math.floor(hours / 24)
  if (days === 0) return `${hours} h ${minutes % 60} min left`
  return `${days} d ${hours % 24} h left`
}
