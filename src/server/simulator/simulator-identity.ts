// MPSD reads the caller from the XSTS token. The simulator reads it from the userhash in
// `Authorization: XBL3.0 x=<userhash>;<token>`: a decimal userhash is taken as the XUID itself, any
// other userhash maps to a stable XUID, so tests and users can play several fake users at once.
import { UINT64_MAX } from '../../mpsd/limits'

// A token is one run of visible characters, as an XSTS token always is.
const AUTHORIZATION_PATTERN = /^XBL3\.0 x=([^;\s]+);(\S+)$/

/**
 * Values that stand for a token without being one: the snippets' `XBL3.0 x=<userhash>;<token>`,
 * History's `… (redacted)`, a log's `<redacted>`, a template's `{{token}}` or `$TOKEN`. The real
 * service answers 401 to them, so the simulator does too: an unedited snippet or a replayed HAR
 * must not "work" only here.
 */
const PLACEHOLDER = /[<>{}$]|redacted/i

export function isPlaceholderAuthorization(header: string | undefined): boolean {
  return header !== undefined && PLACEHOLDER.test(header)
}

export function parseAuthorization(header: string | undefined): { userhash: string } | undefined {
  if (isPlaceholderAuthorization(header)) return undefined
  const match = header?.trim().match(AUTHORIZATION_PATTERN)
  return match?.[1] ? { userhash: match[1] } : undefined
}

/** Retail XUIDs start near 2533274790000000; stay in that shape so values look familiar. */
const XUID_BASE = 2533274790000000n

export function xuidForUserhash(userhash: string): string {
  if (/^[1-9]\d{0,19}$/.test(userhash) && BigInt(userhash) <= UINT64_MAX) return userhash
  // FNV-1a, 64-bit: stable across runs and machines.
  let hash = 0xcbf29ce484222325n
  for (const byte of new TextEncoder().encode(userhash)) {
    hash ^= BigInt(byte)
    hash = (hash * 0x100000001b3n) & 0xffffffffffffffffn
  }
  return String(XUID_BASE + (hash % 10_000_000_000n))
}
