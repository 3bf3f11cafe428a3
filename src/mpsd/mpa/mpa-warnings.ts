// Where the Multiplayer Activity sources disagree (mpa.md §8), the value is sent as the SDK sends
// it and the field says what the docs say instead (decision 110). Zod-free: the composer shows
// these as the user types, before its checks have loaded.
import { CONNECTION_STRING_MAX, CONNECTION_STRING_WARN, REST_IOS } from './mpa-limits'

const DECIMAL = /^(0|[1-9]\d*)$/

/** Characters as a person counts them (code points); the service's unit is not documented [§8.2]. */
export function characterCount(value: string): number {
  return [...value].length
}

/** A note at a field where the sources disagree: the value is sent, but read this first. */
export type MpaWarning = { field: string; message: string }

export function connectionStringWarning(value: string): string | undefined {
  const count = characterCount(value)
  return count >= CONNECTION_STRING_WARN && count <= CONNECTION_STRING_MAX
    ? `${count} characters: the REST reference allows ${CONNECTION_STRING_MAX}, but the activities and invites concept pages say under ${CONNECTION_STRING_WARN} (mpa.md §8.2)`
    : undefined
}

export function platformWarning(value: string): string | undefined {
  return value.trim() === REST_IOS
    ? 'The REST reference spells it IOS; Microsoft’s SDK sends iOS. Sent as typed (mpa.md §8.3)'
    : undefined
}

export function currentPlayersWarning(current: string, max: string): string | undefined {
  const c = current.trim()
  const m = max.trim()
  if (!DECIMAL.test(c) || !DECIMAL.test(m) || m === '0') return undefined
  return Number(c) > Number(m)
    ? `Current players (${c}) is over Max players (${m}); MPA is not documented to refuse it, but a joiner would find the game full`
    : undefined
}
