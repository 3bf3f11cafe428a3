// MPSD limits, each with its source (../shared/mpsd-handles.md section in brackets).

/** Every MPSD call XSAPI makes sends contract 107 (MULTIPLAYER_SERVICE_CONTRACT_VERSION) [§1]. */
export const CONTRACT_VERSION = 107
/** The REST pages require "104/105 or later"; MPSD answers 400 below that [§1, §9.1]. */
export const MIN_CONTRACT_VERSION = 104
/**
 * Our bound, not MPSD's: versions are three digits today (107); a larger number is a typo, and the
 * request entity, Settings and the paste parser refuse the same ones.
 */
export const CONTRACT_VERSION_MAX = 9_999

/** A contract version the Workbench sends: a whole number from MIN_CONTRACT_VERSION to CONTRACT_VERSION_MAX. */
export function isContractVersion(value: unknown): value is number {
  return (
    Number.isInteger(value) &&
    (value as number) >= MIN_CONTRACT_VERSION &&
    (value as number) <= CONTRACT_VERSION_MAX
  )
}
/** MULTIPLAYER_HANDLE_VERSION in XSAPI [§1]. */
export const HANDLE_VERSION = 1
/** XSAPI keeps template and session names in 100-byte buffers including the NUL [§5]. */
export const NAME_MAX_LENGTH = 99
/** "Must be 256 characters or less when URI-encoded" [§5, docs]. */
export const CONTEXT_MAX_ENCODED_LENGTH = 256
/** titleId is a decimal uint32 [§5]. */
export const UINT32_MAX = 4294967295n
/** XUIDs are decimal uint64 [§5]. */
export const UINT64_MAX = 18446744073709551615n
/** Context string IDs come from the service config and start with three slashes [§5]. */
export const CONTEXT_STRING_PREFIX = '///'
/** /handles/query returns at most 100 handles, and XSAPI never asks for more owners [§2.5]. */
export const QUERY_MAX_XUIDS = 100
/** MPSD's per-user budget [§4]: burst 30 per 15 s, sustain 300 per 300 s. */
export const MPSD_BURST = { limit: 30, windowMs: 15_000 } as const
export const MPSD_SUSTAIN = { limit: 300, windowMs: 300_000 } as const
/** The service's origin; XSAPI builds "https://sessiondirectory.xboxlive.com" + path [§1]. */
export const XBOX_LIVE_ORIGIN = 'https://sessiondirectory.xboxlive.com'
