// Pure helpers of the typing section: which keystroke a slow Event Timing entry belongs to. Kept
// free of I/O so they can be unit-tested.

/** One Event Timing entry as the page reports it (`startTime` is the event's own timestamp). */
export type TimedEvent = { name: string; duration: number; startTime: number }

/**
 * How many keystrokes had at least one keyboard event at or over `thresholdMs`. A keystroke is
 * the span from one keydown to the next: its keypress, beforeinput, input and keyup events start
 * inside that span, so each slow event is charged to the last keydown at or before it. Events
 * before the first keydown (a click, focus) belong to no keystroke.
 */
export function slowKeystrokes(
  keydownTimes: readonly number[],
  events: readonly TimedEvent[],
  thresholdMs: number,
): number {
  const starts = [...keydownTimes].sort((a, b) => a - b)
  const slow = new Set<number>()
  for (const event of events) {
    if (event.duration < thresholdMs) continue
    let index = -1
    // Keystrokes are few (hundreds): a linear scan is clearer than a binary search here.
    for (let i = 0; i < starts.length && (starts[i] ?? Infinity) <= event.startTime; i++) index = i
    if (index >= 0) slow.add(index)
  }
  return slow.size
}
