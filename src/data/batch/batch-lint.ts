// Pre-send checks in the spirit of Microsoft's trace analyzer (Xbox Live "calling pattern" rules):
// it flags the same call repeated within 5 s and bursts over the fine-grained rate limits. These
// run before anything goes out, on data only (the caller reads recent History), and warn; they
// never send or block on their own.
import { MPSD_BUDGETS, type Budget } from '../../mpsd/token-bucket'

/** The trace analyzer's repeated-call window. */
export const REPEAT_WINDOW_MS = 5_000

export type PlannedRequest = {
  method: string
  path: string
  body: string | undefined
  xuid?: string
}
export type PastRequest = PlannedRequest & { at: number }

export type LintWarning =
  | { code: 'repeat'; message: string; xuids: string[] }
  | { code: 'already-invited'; message: string; xuids: string[] }
  | { code: 'burst'; message: string }
  | { code: 'budget-above-mpsd'; message: string }

const keyOf = (r: PlannedRequest) => `${r.method} ${r.path}\n${r.body ?? ''}`

function seconds(ms: number): string {
  return `${Math.max(0, ms / 1000).toFixed(1)} s`
}

/** Requests in `planned` identical to one sent less than 5 s ago, or to an earlier planned one. */
export function findRepeats(
  planned: readonly PlannedRequest[],
  recent: readonly PastRequest[],
  now: number,
) {
  const lastSent = new Map<string, number>()
  for (const past of recent) {
    if (past.at > now - REPEAT_WINDOW_MS && past.at <= now) {
      const key = keyOf(past)
      lastSent.set(key, Math.max(lastSent.get(key) ?? -Infinity, past.at))
    }
  }
  const repeats: Array<{ request: PlannedRequest; agoMs: number | undefined }> = []
  const planning = new Set<string>()
  for (const request of planned) {
    const key = keyOf(request)
    const at = lastSent.get(key)
    if (at !== undefined) repeats.push({ request, agoMs: now - at })
    else if (planning.has(key)) repeats.push({ request, agoMs: undefined })
    planning.add(key)
  }
  return repeats
}

/**
 * Planned invites identical to ones the last batch had accepted (2xx), however long ago: after
 * Cancel or "Discard run", sending the same list again would invite those XUIDs a second time.
 */
export function findAlreadyInvited(
  planned: readonly PlannedRequest[],
  invitedBefore: readonly PlannedRequest[],
): LintWarning | undefined {
  const before = new Set(invitedBefore.map(keyOf))
  const xuids = planned.filter((r) => before.has(keyOf(r))).map((r) => r.xuid ?? r.path)
  if (xuids.length === 0) return undefined
  return {
    code: 'already-invited',
    xuids,
    message:
      xuids.length === 1
        ? `${xuids[0]} was already invited with this request by the last batch: sending invites it again.`
        : `${xuids.length} of these XUIDs were already invited with this request by the last batch (first: ${xuids[0]}): sending invites them again.`,
  }
}

export function lintBatch(input: {
  planned: readonly PlannedRequest[]
  recent: readonly PastRequest[]
  now: number
  budgets: readonly Budget[]
  /** What is left in each budget now (the meter's levels), same order as budgets. */
  remaining: readonly number[]
  /** The paced run's ETA text, quoted in the burst warning. */
  eta?: string
}): LintWarning[] {
  const warnings: LintWarning[] = []
  const repeats = findRepeats(input.planned, input.recent, input.now)
  if (repeats.length > 0) {
    const first = repeats[0]
    const who = repeats.map((r) => r.request.xuid ?? r.request.path)
    const ago = first?.agoMs === undefined ? 'earlier in this batch' : `${seconds(first.agoMs)} ago`
    warnings.push({
      code: 'repeat',
      xuids: who,
      message:
        repeats.length === 1
          ? `The same request (${who[0]}) was sent ${ago}. The trace analyzer flags identical calls within 5 s.`
          : `${repeats.length} of these requests are identical to ones sent in the last 5 s (first: ${who[0]}, ${ago}). The trace analyzer flags identical calls within 5 s.`,
    })
  }
  const count = input.planned.length
  input.budgets.forEach((budget, i) => {
    const left = input.remaining[i] ?? budget.limit
    if (count > left && !warnings.some((w) => w.code === 'burst')) {
      warnings.push({
        code: 'burst',
        message: `${count} calls is more than the ${left} left of the ${budget.limit} per ${budget.windowMs / 1000} s budget: sent at once, that is a burst MPSD answers with 429 and the trace analyzer flags. The run is paced instead${input.eta ? ` (about ${input.eta})` : ''}.`,
      })
    }
  })
  // The most calls the user's budgets let into each of MPSD's windows (a bound: each budget alone
  // admits at most limit × ceil(W / window)); more than MPSD allows means 429s.
  const generous = MPSD_BUDGETS.some((m) => {
    const admitted = Math.min(
      ...input.budgets.map((b) => b.limit * Math.ceil(m.windowMs / b.windowMs)),
    )
    return admitted > m.limit
  })
  if (generous) {
    warnings.push({
      code: 'budget-above-mpsd',
      message: `Pacing is set above MPSD's budget (30 per 15 s, 300 per 300 s): ${input.budgets.map((b) => `${b.limit} per ${b.windowMs / 1000} s`).join(', ')}. Expect 429s from the real service.`,
    })
  }
  return warnings
}
