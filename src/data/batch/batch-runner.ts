// The pure core of a batch: one invite at a time, in order, paced by the token bucket, as
// Microsoft's SDK sends them (one POST per XUID, no automatic retry, on past failures). It knows
// nothing of fetch, IndexedDB or React: `send`, the clock and `persist` are injected, so the same
// loop runs in the browser, against the simulator in Node tests, and in the bench.
import { createTokenBucket } from '../../mpsd/token-bucket'
import type { BatchItem, BatchRun } from './batch-run'

/** What one send came to. `throttled` is MPSD's 429: nothing was created, so the XUID is re-queued. */
export type SendOutcome =
  | { kind: 'sent'; status: number; handleId?: string; historyId?: string }
  | { kind: 'throttled'; status: 429; retryAfterMs: number; historyId?: string; message?: string }
  | { kind: 'failed'; status?: number; error: string; historyId?: string }

export type BatchSend = (xuid: string, run: BatchRun) => Promise<SendOutcome>

export type Clock = {
  now: () => number
  /** Resolves after `ms`, or rejects as soon as `signal` aborts. */
  sleep: (ms: number, signal: AbortSignal) => Promise<void>
}

/** Why the caller aborted: a paused run can be resumed, a cancelled one sends nothing more. */
export type StopReason = 'pause' | 'cancel'

export type RunOptions = {
  send: BatchSend
  clock?: Clock
  signal?: AbortSignal
  /** Called with every new state (the UI and the store). Awaited before the next send. */
  persist?: (run: BatchRun) => Promise<void> | void
  onUpdate?: (run: BatchRun) => void
  /** Extra spend times to respect (recent calls outside this run, e.g. from History). */
  seedSpent?: readonly number[]
  marginMs?: number
}

/** 429s in a row for one XUID before it is marked failed and the run goes on: MPSD is not backing off. */
export const MAX_THROTTLES_PER_XUID = 3
/** A 429 without a usable Retry-After waits one burst window, MPSD's shortest. */
export const DEFAULT_RETRY_AFTER_MS = 15_000
/** A Retry-After longer than this is taken as nonsense and capped. */
export const MAX_RETRY_AFTER_MS = 15 * 60_000

export const realClock: Clock = {
  now: () => Date.now(),
  sleep: (ms, signal) =>
    new Promise<void>((resolve, reject) => {
      if (signal.aborted) return reject(signal.reason)
      const timer = setTimeout(
        () => {
          signal.removeEventListener('abort', onAbort)
          resolve()
        },
        Math.max(0, ms),
      )
      const onAbort = () => {
        clearTimeout(timer)
        reject(signal.reason)
      }
      signal.addEventListener('abort', onAbort, { once: true })
    }),
}

/** Retry-After is delta-seconds or an HTTP date (RFC 9110 §10.2.3). */
export function parseRetryAfter(
  value: string | undefined | null,
  now: number = Date.now(),
): number | undefined {
  if (value === undefined || value === null) return undefined
  const trimmed = value.trim()
  if (/^\d+$/.test(trimmed)) return Math.min(Number(trimmed) * 1000, MAX_RETRY_AFTER_MS)
  const date = Date.parse(trimmed)
  if (Number.isNaN(date)) return undefined
  return Math.min(Math.max(0, date - now), MAX_RETRY_AFTER_MS)
}

function stopReason(signal: AbortSignal | undefined): StopReason | undefined {
  if (!signal?.aborted) return undefined
  return signal.reason === 'pause' ? 'pause' : 'cancel'
}

/**
 * An item queued again although its XUID was accepted in this run (a stale copy merged in, a
 * duplicate entry): it keeps its 2xx if it had one, else it is marked as not sent.
 */
function alreadyInvited(item: BatchItem): BatchItem {
  if (item.invitedAt !== undefined) return { ...item, status: 'sent' }
  return { ...item, status: 'cancelled', error: 'Already invited by this run: not sent again.' }
}

/**
 * Runs (or resumes) a batch until every XUID has an outcome or the signal aborts. A request already
 * in flight is allowed to finish (aborting it would leave its outcome unknown); after that, a
 * paused run stops where it is and a cancelled run marks what is left as cancelled.
 */
export async function runBatch(initial: BatchRun, options: RunOptions): Promise<BatchRun> {
  const clock = options.clock ?? realClock
  const signal = options.signal ?? new AbortController().signal
  const bucket = createTokenBucket({
    budgets: initial.budgets,
    now: clock.now,
    spent: [...initial.spent, ...(options.seedSpent ?? [])],
    ...(options.marginMs === undefined ? {} : { marginMs: options.marginMs }),
  })
  if (initial.throttledUntil) bucket.blockUntil(initial.throttledUntil)
  let run: BatchRun = { ...initial, items: initial.items.map((i) => ({ ...i })) }

  async function commit(patch: Partial<BatchRun>) {
    run = { ...run, ...patch, updatedAt: clock.now(), spent: bucket.spent() }
    options.onUpdate?.(run)
    await options.persist?.(run)
  }

  function setItem(index: number, item: BatchItem): BatchItem[] {
    const items = run.items.slice()
    items[index] = item
    return items
  }

  async function stop(reason: StopReason) {
    if (reason === 'pause') {
      await commit({ state: 'paused', note: 'Paused. Resume continues with the next XUID.' })
    } else {
      await commit({
        state: 'cancelled',
        note: 'Cancelled. The XUIDs left were not sent.',
        items: run.items.map((i) => (i.status === 'pending' ? { ...i, status: 'cancelled' } : i)),
      })
    }
    return run
  }

  // XUIDs MPSD accepted in this run: whatever the queue says, none of them is sent again.
  const invited = new Set(
    run.items.filter((i) => i.status === 'sent' || i.invitedAt !== undefined).map((i) => i.xuid),
  )

  await commit({ state: 'running', note: undefined })

  for (;;) {
    const reason = stopReason(signal)
    if (reason) return stop(reason)
    const index = run.items.findIndex((i) => i.status === 'pending')
    if (index === -1) break

    const wait = bucket.waitMs()
    if (wait > 0) {
      const throttled = bucket.blockedUntil() > clock.now()
      if (throttled || wait >= 1_000) {
        await commit({
          state: throttled ? 'waiting' : 'running',
          ...(throttled ? { throttledUntil: bucket.blockedUntil() } : {}),
        })
      }
      try {
        await clock.sleep(wait, signal)
      } catch {
        return stop(stopReason(signal) ?? 'cancel')
      }
      continue
    }

    const current = run.items[index]
    if (!current) break
    if (invited.has(current.xuid)) {
      await commit({ items: setItem(index, alreadyInvited(current)) })
      continue
    }
    await commit({
      state: 'running',
      throttledUntil: undefined,
      items: setItem(index, { ...current, status: 'sending', attempts: current.attempts + 1 }),
    })

    const started = clock.now()
    let outcome: SendOutcome
    try {
      outcome = await options.send(current.xuid, run)
    } catch (error) {
      // A send function that throws is a bug or an abort; the XUID's fate is unknown, never retried.
      outcome = { kind: 'failed', error: error instanceof Error ? error.message : String(error) }
    }
    const at = clock.now()
    // Spent when the answer came: MPSD counted the call at or before this moment.
    bucket.take(at)
    const avgCallMs =
      run.avgCallMs === undefined ? at - started : run.avgCallMs * 0.8 + (at - started) * 0.2
    const sending = run.items[index] ?? current
    const historyId = outcome.historyId === undefined ? {} : { historyId: outcome.historyId }

    if (outcome.kind === 'sent') {
      const { error: _error, ...rest } = sending
      invited.add(sending.xuid)
      await commit({
        avgCallMs,
        items: setItem(index, {
          ...rest,
          status: 'sent',
          httpStatus: outcome.status,
          ...(outcome.handleId === undefined ? {} : { handleId: outcome.handleId }),
          at,
          invitedAt: sending.invitedAt ?? at,
          throttled: 0,
          ...historyId,
        }),
      })
    } else if (outcome.kind === 'throttled') {
      const throttled = (sending.throttled ?? 0) + 1
      const until = at + outcome.retryAfterMs
      bucket.blockUntil(until)
      const gaveUp = throttled >= MAX_THROTTLES_PER_XUID
      await commit({
        avgCallMs,
        state: 'waiting',
        throttledUntil: until,
        note: `MPSD answered 429: waiting ${Math.ceil(outcome.retryAfterMs / 1000)} s (Retry-After) before the next invite.`,
        items: setItem(index, {
          ...sending,
          // MPSD created nothing on a 429, so re-sending after Retry-After is not a blind retry.
          status: gaveUp ? 'failed' : 'pending',
          httpStatus: 429,
          at,
          throttled,
          ...(gaveUp
            ? {
                error: `Throttled ${throttled} times in a row (429)${outcome.message ? `: ${outcome.message}` : ''}`,
              }
            : {}),
          ...historyId,
        }),
      })
    } else {
      const { handleId: _handle, ...rest } = sending
      await commit({
        avgCallMs,
        items: setItem(index, {
          ...rest,
          status: 'failed',
          error: outcome.error,
          ...(outcome.status === undefined ? {} : { httpStatus: outcome.status }),
          at,
          throttled: 0,
          ...historyId,
        }),
      })
    }
  }

  const counts = run.items.filter((i) => i.status === 'failed').length
  await commit({
    state: 'done',
    throttledUntil: undefined,
    note: counts > 0 ? `${counts} failed. "Retry failed" sends them again.` : undefined,
  })
  return run
}
