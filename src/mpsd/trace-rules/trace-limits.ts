// The numbers the rules apply, each with its source in ../shared/trace-rules.md. They are LTA's
// defaults for sessiondirectory.xboxlive.com, which match MPSD's documented limits [§2.1, §3].
import { MPSD_BURST, MPSD_SUSTAIN } from '../limits'

/** A window of `windowMs`; a violation when it holds more than `limit` calls. */
export type WindowLimit = { limit: number; windowMs: number }

/** CallFrequency, sessiondirectory block 1: burst 30 per 15 s [§2.1]. */
export const CALL_FREQUENCY_BURST: WindowLimit = MPSD_BURST
/** CallFrequency, sessiondirectory block 1: sustained 300 per 300 s [§2.1]. */
export const CALL_FREQUENCY_SUSTAINED: WindowLimit = MPSD_SUSTAIN
/** A sustained window with at least 10 × the limit (3,000) fails certification: an error [§2.1, §3]. */
export const CERTIFICATION_FACTOR = 10

/** BurstDetection `*.*`: a 2000 ms window, more than 3 calls (the fixed threshold) [§2.2]. */
export const BURST: WindowLimit = { limit: 3, windowMs: 2000 }

/** RepeatedCalls `*.*`: the same URI and body again less than 5000 ms later [§2.3]. */
export const REPEAT_INTERVAL_MS = 5000

/** PollingDetection [§2.4]: gaps within ±1 % of each other, at most 1 h, sequences of 5 calls or more. */
export const POLLING = { tolerancePercent: 1, maxGapMs: 3_600_000, minSequence: 5 } as const

/**
 * Polling compares every pair of identical calls (quadratic, as LTA does): one identity's first
 * 1,000 calls are checked, and the report says so when there were more. 1,000 steady calls make
 * half a million pairs and some 20,000 candidate chains, well under a second.
 */
export const POLLING_MAX_CALLS = 1000
