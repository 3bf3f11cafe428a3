// The ledger's record of one invite handle a call created, validated on read like every record.
import { z } from 'zod'
import { inviteHandleSchema } from '../../mpsd/schemas'

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
  createdAt: z.number(),
  invitedXuid: z.string(),
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

/** Reads the invite handle out of a 201 answer; anything else files nothing. */
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
  const handle = inviteHandleSchema.safeParse(parsed)
  // Handle ids are GUIDs; anything else (an empty id, `..`) would make a bad URL for Check/Revoke.
  if (!handle.success || !/^[\w-]+$/.test(handle.data.id)) return undefined
  const h = handle.data
  return {
    id: h.id,
    createdAt: from.createdAt,
    invitedXuid: h.invitedXuid,
    senderXuid: h.senderXuid,
    scid: h.sessionRef.scid,
    templateName: h.sessionRef.templateName,
    sessionName: h.sessionRef.name,
    titleId: h.inviteAttributes.titleId,
    expiration: h.expiration,
    historyId: from.historyId,
    upstream: from.upstream,
  }
}

export function expirationTime(record: Pick<HandleRecord, 'expiration'>): number | undefined {
  const time = Date.parse(record.expiration)
  return Number.isNaN(time) ? undefined : time
}

export function isExpired(record: Pick<HandleRecord, 'expiration'>, now: number): boolean {
  const time = expirationTime(record)
  return time !== undefined && time <= now
}

/** "23 h 59 min left", "5 min left", "expired". */
export function timeLeft(record: Pick<HandleRecord, 'expiration'>, now: number): string {
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
