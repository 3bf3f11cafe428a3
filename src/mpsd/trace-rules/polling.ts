// Polling [trace-rules.md §2.4]: identical calls (same URI and body) at a near-constant interval,
// LTA's PollingDetection step by step:
// 1. For each identity, the calls after its first one (as coded in LTA, the first call is left out,
//    so a steady poll is reported from its 6th call on, and the finding starts at the 2nd call).
// 2. Every pair of them at most 1 h apart (truncated to whole ms) is a gap.
// 3. Gaps are linked in pair order: (x, y) links to each unlinked (y, z) within ±1 % of it
//    (inclusive); each such (y, z) gets (x, y) as predecessor, and the last one is its successor.
// 4. Each gap without a predecessor starts a chain; chains of 5 calls or more are kept, except one
//    whose calls all lie in a longer kept chain. Longest first.
import { positionsByIdentity } from './call-identity'
import { POLLING, POLLING_MAX_CALLS } from './trace-limits'
import type { RuleHit, TraceCall } from './trace-call'

type Sequence = { positions: number[]; averageGapMs: number }

/** The first index in [from, to) whose gap is at least `minimum` (gaps ascend within a block). */
function lowerBound(
  gaps: readonly number[],
  from: number,
  to: number,
  atLeast: (gap: number) => boolean,
): number {
  let lo = from
  let hi = to
  while (lo < hi) {
    const mid = (lo + hi) >>> 1
    if (atLeast(gaps[mid] ?? 0)) hi = mid
    else lo = mid + 1
  }
  return lo
}

/** Chains of near-constant gaps among `times` (ascending), as positions into it. */
function chainsOf(times: readonly number[]): Sequence[] {
  const n = times.length
  const first: number[] = []
  const second: number[] = []
  const gaps: number[] = []
  // The gaps that start at call i are first[blockStart[i] .. blockStart[i + 1]), in ascending order.
  const blockStart = new Int32Array(n + 1)
  for (let i = 0; i < n; i++) {
    blockStart[i] = gaps.length
    for (let j = i + 1; j < n; j++) {
      const gap = (times[j] ?? 0) - (times[i] ?? 0)
      if (Math.floor(gap) > POLLING.maxGapMs) break
      first.push(i)
      second.push(j)
      gaps.push(gap)
    }
  }
  blockStart[n] = gaps.length
  const previous = new Int32Array(gaps.length).fill(-1)
  const next = new Int32Array(gaps.length).fill(-1)
  const low = 100 - POLLING.tolerancePercent
  const high = 100 + POLLING.tolerancePercent
  for (let d = 0; d < gaps.length; d++) {
    const y = second[d] ?? 0
    const gap = gaps[d] ?? 0
    const end = blockStart[y + 1] ?? 0
    // Percent bounds in integer arithmetic: 99·gap ≤ 100·candidate ≤ 101·gap.
    for (
      let p = lowerBound(gaps, blockStart[y] ?? 0, end, (g) => 100 * g >= low * gap);
      p < end && 100 * (gaps[p] ?? 0) <= high * gap;
      p++
    ) {
      if (previous[p] !== -1) continue
      previous[p] = d
      next[d] = p
    }
  }
  const sequences: Sequence[] = []
  for (let d = 0; d < gaps.length; d++) {
    if (previous[d] !== -1) continue
    const positions = [first[d] ?? 0]
    let total = 0
    for (let link = d; link !== -1; link = next[link] ?? -1) {
      positions.push(second[link] ?? 0)
      total += gaps[link] ?? 0
    }
    if (positions.length >= POLLING.minSequence)
      sequences.push({ positions, averageGapMs: total / (positions.length - 1) })
  }
  return withoutContained(sequences)
}

/** Drops each sequence whose calls all lie in a strictly longer one (LTA's RemoveSubsets). */
function withoutContained(sequences: Sequence[]): Sequence[] {
  const sorted = [...sequences].sort((a, b) => a.positions.length - b.positions.length)
  const members = sorted.map((s) => new Set(s.positions))
  // Only sequences through a sequence's first call can contain it.
  const through = new Map<number, number[]>()
  sorted.forEach((s, i) => {
    for (const position of s.positions) {
      const list = through.get(position)
      if (list) list.push(i)
      else through.set(position, [i])
    }
  })
  return sorted.filter((s) => {
    const candidates = through.get(s.positions[0] ?? -1) ?? []
    return !candidates.some(
      (j) =>
        (sorted[j]?.positions.length ?? 0) > s.positions.length &&
        s.positions.every((position) => members[j]?.has(position)),
    )
  })
}

function formatInterval(ms: number): string {
  const seconds = ms / 1000
  if (seconds < 60) return `${seconds.toFixed(3)} s`
  const minutes = Math.floor(seconds / 60)
  return `${minutes} min ${(seconds - minutes * 60).toFixed(3)} s`
}

/**
 * `calls`: one endpoint's calls, sorted by start time. `note` hears when an identity had more calls
 * than are checked (POLLING_MAX_CALLS).
 */
export function polling(
  calls: readonly TraceCall[],
  note: (text: string) => void = () => {},
): RuleHit[] {
  const sequences: Array<Sequence & { from: number[] }> = []
  for (const positions of positionsByIdentity(calls).values()) {
    let repeats = positions.slice(1)
    if (repeats.length < 2) continue
    if (repeats.length > POLLING_MAX_CALLS) {
      const sample = calls[positions[0] ?? 0]
      note(
        `Polling: only the first ${POLLING_MAX_CALLS.toLocaleString('en-US')} of ${repeats.length.toLocaleString('en-US')} identical calls to ${sample?.url ?? '?'} were checked.`,
      )
      repeats = repeats.slice(0, POLLING_MAX_CALLS)
    }
    for (const sequence of chainsOf(repeats.map((p) => calls[p]?.startedAt ?? 0)))
      sequences.push({ ...sequence, from: repeats })
  }
  return sequences
    .sort((a, b) => b.positions.length - a.positions.length)
    .map(({ positions, averageGapMs, from }) => ({
      rule: 'polling',
      level: 'warning',
      message: `Polling: ${positions.length} identical calls at a near-constant interval of about ${formatInterval(averageGapMs)}.`,
      calls: positions.map((p) => calls[from[p] ?? 0] as TraceCall),
    }))
}
