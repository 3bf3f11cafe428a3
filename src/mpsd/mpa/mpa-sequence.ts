// The `sequenceNumber` an MPA activity write carries: what the SDK computes since the 2206 GDK,
// 100-ns ticks since 2015-01-01 UTC shifted right by 16 (≈ 6.55 ms steps), or Unix seconds when
// the clock reads earlier than 2015 [mpa.md §2.1 svc, hist]. One counter for PUT and DELETE of the
// same user [§7]: `nextSequenceNumber` never goes back below what was last sent.

/** 2015-01-01T00:00:00Z in Unix ms: the SDK's FILETIME 130645440000000000. */
const EPOCH_2015_MS = 1_420_070_400_000n

export function sdkSequenceNumber(nowMs: number): bigint {
  const ms = BigInt(Math.floor(nowMs))
  if (ms < EPOCH_2015_MS) return ms / 1000n
  return ((ms - EPOCH_2015_MS) * 10_000n) >> 16n
}

/** The SDK's value for now, or one past the last number sent for this user, whichever is larger. */
export function nextSequenceNumber(nowMs: number, lastSent: bigint | undefined): bigint {
  const clock = sdkSequenceNumber(nowMs)
  return lastSent !== undefined && lastSent >= clock ? lastSent + 1n : clock
}

/** "" and "auto" (any case, spaces around) ask for the computed number. */
export function isAutoSequence(value: string): boolean {
  const v = value.trim().toLowerCase()
  return v === '' || v === 'auto'
}
