// Pacing for MPSD's per-user budgets (burst 30 per 15 s, sustain 300 per 300 s). MPSD and the
// simulator count calls in a *sliding* window, so a classic continuously-refilling bucket would trip
// them (30 at once, then one more half a second later = 31 in 15 s). Instead each token comes back
// exactly one window after it was spent: the bucket starts full ("preloaded") and can never let
// more than `limit` calls into any window of `windowMs`, whatever the order of events.
import { MPSD_BURST, MPSD_SUSTAIN } from './limits'
import type { Budget } from './proxy-protocol'

export type { Budget }

export const MPSD_BUDGETS: readonly Budget[] = [MPSD_BURST, MPSD_SUSTAIN]

/**
 * Added to every window: the client records a spend when the answer arrives, which is after MPSD
 * counted the call, but clocks tick in whole milliseconds and timers fire late or early by a few.
 */
export const DEFAULT_MARGIN_MS = 50

export type BudgetLevel = Budget & { remaining: number; nextTokenAt: number | undefined }

export type TokenBucket = {
  /** Milliseconds until a call may go (0: now). */
  waitMs: (at?: number) => number
  /** Records one call at `at` (default now). */
  take: (at?: number) => void
  /** Treats every budget as empty until `until` (a 429's Retry-After). */
  blockUntil: (until: number) => void
  /** What is left in each window, for the budget meter. */
  levels: (at?: number) => BudgetLevel[]
  /** Spend times still inside the longest window, oldest first (persisted with a run). */
  spent: (at?: number) => number[]
  blockedUntil: () => number
}

export function isValidBudget(budget: Budget): boolean {
  return (
    Number.isSafeInteger(budget.limit) &&
    budget.limit > 0 &&
    Number.isFinite(budget.windowMs) &&
    budget.windowMs > 0
  )
}

export function createTokenBucket(options: {
  budgets?: readonly Budget[]
  now?: () => number
  /** Earlier spends (a resumed run, recent History), so a reload cannot burst again. */
  spent?: readonly number[]
  marginMs?: number
}): TokenBucket {
  const budgets = (options.budgets ?? MPSD_BUDGETS).filter(isValidBudget)
  const now = options.now ?? Date.now
  const margin = options.marginMs ?? DEFAULT_MARGIN_MS
  const longest = Math.max(0, ...budgets.map((b) => b.windowMs)) + margin
  let log = [...(options.spent ?? [])].filter(Number.isFinite).sort((a, b) => a - b)
  let blocked = 0

  function prune(at: number) {
    // Keep only what can still count; the log never grows past the largest limit for long.
    const from = log.findIndex((t) => t > at - longest)
    log = from === -1 ? [] : log.slice(from)
  }

  function inWindow(budget: Budget, at: number): number[] {
    const start = at - budget.windowMs - margin
    return log.filter((t) => t > start && t <= at)
  }

  function levels(at = now()): BudgetLevel[] {
    prune(at)
    return budgets.map((budget) => {
      const calls = inWindow(budget, at)
      const remaining = at < blocked ? 0 : Math.max(0, budget.limit - calls.length)
      // The oldest call in the window is the next token to come back.
      const oldest = calls[0]
      const nextTokenAt = oldest === undefined ? undefined : oldest + budget.windowMs + margin
      return { ...budget, remaining, nextTokenAt }
    })
  }

  return {
    waitMs(at = now()) {
      let until = Math.max(at, blocked)
      prune(at)
      for (const budget of budgets) {
        const calls = inWindow(budget, at)
        if (calls.length >= budget.limit) {
          const pivot = calls[calls.length - budget.limit]
          // The window must slide past the call `limit` places back before another may go.
          if (pivot !== undefined) until = Math.max(until, pivot + budget.windowMs + margin)
        }
      }
      return Math.max(0, until - at)
    },
    take(at = now()) {
      log.push(at)
      if (log.length > 1 && (log[log.length - 2] ?? 0) > at) log.sort((a, b) => a - b)
    },
    blockUntil(until) {
      blocked = Math.max(blocked, until)
    },
    levels,
    spent(at = now()) {
      prune(at)
      return [...log]
    },
    blockedUntil: () => blocked,
  }
}

/**
 * When would `count` more calls finish, each taking `callMs`, if the bucket paces them? A dry run
 * on a copy of the log: the ETA the panel shows is the pacing the runner will actually apply.
 */
export function estimateFinish(options: {
  count: number
  budgets: readonly Budget[]
  spent: readonly number[]
  now: number
  callMs: number
  blockedUntil?: number
  marginMs?: number
}): number {
  let clock = options.now
  const bucket = createTokenBucket({
    budgets: options.budgets,
    spent: options.spent,
    now: () => clock,
    ...(options.marginMs === undefined ? {} : { marginMs: options.marginMs }),
  })
  if (options.blockedUntil) bucket.blockUntil(options.blockedUntil)
  const callMs = Math.max(0, options.callMs)
  // Bounded: an absurd count must not freeze the page.
  const count = Math.min(Math.max(0, Math.floor(options.count)), 100_000)
  for (let i = 0; i < count; i++) {
    clock += bucket.waitMs(clock)
    clock += callMs
    bucket.take(clock)
  }
  return clock
}
