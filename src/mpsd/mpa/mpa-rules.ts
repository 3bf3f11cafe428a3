// The Multiplayer Activity rules for single fields (../shared/mpa.md §5), with messages written for
// the person at the form, and the warnings where the sources disagree (§8): the SDK's shipped
// behaviour is what we send, the docs' other figure is a warning at the field (decision 110).
import { z } from 'zod'
import { UINT32_MAX, UINT64_MAX } from '../limits'
import {
  CONNECTION_STRING_MAX,
  CURRENT_PLAYERS_RANGE,
  ENCOUNTER_TYPES,
  GROUP_ID_MAX,
  INVITE_MAX_USERS,
  JOIN_RESTRICTIONS,
  MAX_PLAYERS_RANGE,
  MPA_PLATFORMS,
  QUERY_MAX_USERS,
  RECENT_PLAYERS_MAX,
  REST_IOS,
} from './mpa-limits'
import { isAutoSequence } from './mpa-sequence'
import { recentPlayerLines, splitList } from './mpa-wire'
import { characterCount } from './mpa-warnings'

const DECIMAL = /^(0|[1-9]\d*)$/

function decimalWithin(value: string, min: bigint, max: bigint): boolean {
  return DECIMAL.test(value) && value.length <= 20 && BigInt(value) >= min && BigInt(value) <= max
}

const text = () => z.string().trim()

export const mpaTitleIdSchema = text()
  .min(1, 'Title ID is required')
  .refine(
    (v) => decimalWithin(v, 1n, UINT32_MAX),
    'Title ID must be a decimal number from 1 to 4294967295 (the title is part of the path)',
  )

export function isXuid(value: string): boolean {
  return decimalWithin(value, 1n, UINT64_MAX)
}

export const mpaXuidSchema = text()
  .min(1, 'User XUID is required: MPA sets and deletes only your own activity')
  .refine(
    isXuid,
    'User XUID must be a decimal number from 1 to 18446744073709551615, without signs or leading zeros',
  )

export const sequenceNumberSchema = z
  .string()
  .refine(
    (v) => isAutoSequence(v) || decimalWithin(v.trim(), 1n, UINT64_MAX),
    'Sequence number must be "auto" or a whole number from 1 to 18446744073709551615, higher than the last one sent',
  )

export const connectionStringSchema = z.string().superRefine((v, ctx) => {
  const count = characterCount(v)
  if (count > CONNECTION_STRING_MAX)
    ctx.addIssue({
      code: 'custom',
      message: `Connection string is ${count} characters; the limit is ${CONNECTION_STRING_MAX}`,
    })
})

export const joinRestrictionSchema = text()
  .min(1, `Join restriction is required: ${JOIN_RESTRICTIONS.join(', ')}`)
  .refine(
    (v) => (JOIN_RESTRICTIONS as readonly string[]).includes(v),
    `Join restriction must be exactly ${JOIN_RESTRICTIONS.join(', ')}`,
  )

/** A count the SDK leaves out when 0 [§2.1 svc]: blank and 0 are "not sent". */
function countSchema(label: string, range: { min: number; max: number }) {
  return text().refine(
    (v) => v === '' || v === '0' || decimalWithin(v, BigInt(range.min), BigInt(range.max)),
    `${label} must be a whole number from ${range.min} to ${range.max}, or empty (not sent)`,
  )
}

export const maxPlayersSchema = countSchema('Max players', MAX_PLAYERS_RANGE)
export const currentPlayersSchema = countSchema('Current players', CURRENT_PLAYERS_RANGE)

export const groupIdSchema = text().refine(
  (v) => characterCount(v) <= GROUP_ID_MAX,
  `Group ID must be under ${GROUP_ID_MAX + 1} characters`,
)

export const platformSchema = text().refine(
  (v) => v === '' || v === REST_IOS || (MPA_PLATFORMS as readonly string[]).includes(v),
  `Platform must be empty (cross-play) or one of ${MPA_PLATFORMS.join(', ')}`,
)

/** A list of 1..max XUIDs, naming the first one that is not a XUID. */
function xuidListSchema(label: string, max: number) {
  return z.string().superRefine((value, ctx) => {
    const xuids = splitList(value)
    const add = (message: string) => ctx.addIssue({ code: 'custom', message })
    if (xuids.length === 0) return add(`${label}: at least one XUID is required`)
    if (xuids.length > max) return add(`${label}: ${xuids.length} XUIDs; at most ${max} per call`)
    const bad = xuids.find((x) => !isXuid(x))
    if (bad !== undefined)
      return add(
        `${label}: "${bad.slice(0, 40)}" is not a XUID (a decimal number from 1 to 18446744073709551615)`,
      )
    const seen = new Set<string>()
    const duplicate = xuids.find((x) => (seen.has(x) ? true : (seen.add(x), false)))
    if (duplicate !== undefined) add(`${label}: ${duplicate} is listed twice`)
  })
}

export const invitedUsersSchema = xuidListSchema('Invited users', INVITE_MAX_USERS)
export const usersSchema = xuidListSchema('Users', QUERY_MAX_USERS)

const SDK_TIMESTAMP = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/

export const recentPlayersSchema = z.string().superRefine((value, ctx) => {
  const lines = recentPlayerLines(value)
  const add = (message: string) => ctx.addIssue({ code: 'custom', message })
  if (lines.length === 0) return add('Recent players: at least one line "<xuid> [encounter type]"')
  if (lines.length > RECENT_PLAYERS_MAX)
    return add(`Recent players: ${lines.length} lines; at most ${RECENT_PLAYERS_MAX} per call`)
  for (const [index, line] of lines.entries()) {
    const where = `Recent players line ${index + 1}`
    if (!isXuid(line.id)) return add(`${where}: "${line.id.slice(0, 40)}" is not a XUID`)
    if (
      line.encounterType !== undefined &&
      !(ENCOUNTER_TYPES as readonly string[]).includes(line.encounterType)
    )
      return add(`${where}: the encounter type must be ${ENCOUNTER_TYPES.join(', ')}`)
    if (line.timestamp !== undefined && !SDK_TIMESTAMP.test(line.timestamp))
      return add(`${where}: the timestamp must read like 2025-06-01T12:00:00Z (UTC, no fraction)`)
  }
})
