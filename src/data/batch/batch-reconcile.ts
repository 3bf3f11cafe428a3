// Bringing a run's copies into agreement before it sends again: the stored record, a tab's older
// copy and History's record of what MPSD answered. One rule throughout: an XUID any of them saw
// accepted (2xx) counts as invited, so neither Resume nor "Retry failed" can invite it twice.
import type { HistoryEntry } from '../history/history-entry'
import type { BatchItem, BatchRun } from './batch-run'
import { outcomeFromEntry } from './batch-send'

const wasInvited = (item: BatchItem) => item.status === 'sent' || item.invitedAt !== undefined

/**
 * Two copies of one run (the stored record and the one a tab shows): the newer one wins, except
 * that an XUID the other copy saw invited stays invited, with that copy's handle and time.
 */
export function mergeRunCopies(stored: BatchRun, other: BatchRun): BatchRun {
  if (stored.id !== other.id) return stored
  const [newer, older] = other.updatedAt > stored.updatedAt ? [other, stored] : [stored, other]
  const olderByXuid = new Map(older.items.map((item) => [item.xuid, item]))
  let changed = false
  const items = newer.items.map((item) => {
    const seen = olderByXuid.get(item.xuid)
    if (wasInvited(item) || !seen || !wasInvited(seen)) return item
    changed = true
    return { ...seen, status: 'sent' as const, invitedAt: seen.invitedAt ?? seen.at ?? 0 }
  })
  return changed ? { ...newer, items } : newer
}

/** The XUIDs whose last send may have an answer in History that the run did not get to keep. */
export function xuidsToReconcile(run: BatchRun): string[] {
  return run.items
    .filter((item) => !wasInvited(item) && item.attempts > 0 && item.status !== 'cancelled')
    .map((item) => item.xuid)
}

/**
 * History is written when an answer arrives, the run a moment later; a page closed in between
 * leaves an XUID 'sending' (or failed "outcome unknown") whose answer History has. A 2xx there
 * makes it invited; an XUID caught sending whose last answer is recorded takes that answer.
 * `entries` are History's calls of this run for those XUIDs (any order).
 */
export function reconcileWithHistory(run: BatchRun, entries: readonly HistoryEntry[]): BatchRun {
  const byXuid = new Map<string, HistoryEntry[]>()
  for (const entry of entries) {
    if (entry.batchId !== run.id || entry.xuid === undefined) continue
    byXuid.set(entry.xuid, [...(byXuid.get(entry.xuid) ?? []), entry])
  }
  let changed = false
  const items = run.items.map((item): BatchItem => {
    const calls = (byXuid.get(item.xuid) ?? []).sort((a, b) => a.startedAt - b.startedAt)
    if (wasInvited(item) || calls.length === 0) return item
    const answers = calls.map((entry) => ({ entry, outcome: outcomeFromEntry(entry) }))
    const accepted = answers.find((a) => a.outcome.kind === 'sent')
    if (accepted && accepted.outcome.kind === 'sent') {
      changed = true
      const at = accepted.entry.startedAt + accepted.entry.durationMs
      const { error: _error, ...rest } = item
      return {
        ...rest,
        status: 'sent',
        httpStatus: accepted.outcome.status,
        at,
        invitedAt: at,
        ...(accepted.outcome.handleId ? { handleId: accepted.outcome.handleId } : {}),
        ...(accepted.outcome.historyId ? { historyId: accepted.outcome.historyId } : {}),
      }
    }
    // Only an XUID caught in flight, and only when History holds the answer to its last attempt.
    const last = answers.at(-1)
    if (item.status !== 'sending' || !last || calls.length < item.attempts) return item
    changed = true
    const at = last.entry.startedAt + last.entry.durationMs
    const historyId = last.outcome.historyId ? { historyId: last.outcome.historyId } : {}
    if (last.outcome.kind === 'throttled') {
      // A 429 created nothing: the XUID waits in the queue again.
      return { ...item, status: 'pending', httpStatus: 429, at, ...historyId }
    }
    return {
      ...item,
      status: 'failed',
      error: last.outcome.kind === 'failed' ? last.outcome.error : 'No answer',
      ...(last.outcome.status === undefined ? {} : { httpStatus: last.outcome.status }),
      at,
      ...historyId,
    }
  })
  return changed ? { ...run, items } : run
}

/** What discarding a run would leave: who was invited, who never will be by it. */
export function discardSummary(run: BatchRun): { invited: number; total: number; left: number } {
  let invited = 0
  let left = 0
  for (const item of run.items) {
    if (wasInvited(item)) invited++
    else if (item.status === 'pending' || item.status === 'sending') left++
  }
  return { invited, total: run.items.length, left }
}

/**
 * "Discard run": the run ends where it is. Its invites stay (History entries, handles); the XUIDs
 * it did not reach are marked not sent, and it can no longer be resumed. (An XUID caught sending
 * is recoverRun's to settle first: its outcome is unknown, not "not sent".)
 */
export function discardRun(run: BatchRun, now: number = Date.now()): BatchRun {
  const { invited, total, left } = discardSummary(run)
  return {
    ...run,
    state: 'cancelled',
    updatedAt: now,
    throttledUntil: undefined,
    note: `Discarded: ${invited} of ${total} invited; ${left === 1 ? 'the 1 left was' : `the ${left} left were`} not sent.`,
    items: run.items.map((item) =>
      item.status === 'pending' ? { ...item, status: 'cancelled' } : item,
    ),
  }
}
