// LTA's sliding window, shared by call frequency and burst detection [trace-rules.md §1,
// `GetExcessCallsForTimeWindow`]. Each call in turn anchors a window holding every call that starts
// within `windowMs` after it (inclusive, gaps truncated to whole ms); a window holding more than
// `limit` calls is a violation. After one is reported the next anchor is the first call outside it,
// so reported windows never overlap, and each lists all of its calls, not only the excess.
import type { WindowLimit } from './trace-limits'

/** Half-open index ranges [start, end) into `times`, which must be sorted ascending. */
export function excessWindows(
  times: readonly number[],
  { limit, windowMs }: WindowLimit,
): Array<[number, number]> {
  const windows: Array<[number, number]> = []
  const n = times.length
  if (n < 2) return windows
  let start = 0
  for (let c = 0; c < n; c++) {
    while (start !== c) {
      const gap = Math.floor((times[c] ?? 0) - (times[start] ?? 0))
      if (gap <= windowMs) break
      if (c - start > limit) {
        windows.push([start, c])
        start = c
      } else start++
    }
  }
  if (n - start > limit) windows.push([start, n])
  return windows
}
