// One batch of invites as stored in IndexedDB (batchRuns): the request template, every XUID with its
// outcome, and the pacing log, so a reload finds the run exactly where it stopped. Validated on read.
import { z } from 'zod'
import { inviteRequestSchema, type InviteRequest } from '../../mpsd/request-entity'
import { upgradeRequest, type AnyRequestInput } from '../../mpsd/request-migrate'

export const budgetSchema = z.object({
  limit: z.number().int().positive(),
  windowMs: z.number().positive(),
})

/** The template of runs stored before the request entity (decision 004): flat, trimmed values. */
type TemplateV0 = {
  scid: string
  templateName: string
  sessionName: string
  titleId: string
  context?: string
  contextString?: string
  senderString?: string
}

/**
 * The request a run sends to each of its XUIDs: an invite entity whose XUID the run supplies. Runs
 * stored with the flat template of earlier builds open through migrateRequest's shapes.
 */
export const batchTemplateSchema = z.preprocess(
  (input: AnyRequestInput | TemplateV0) => upgradeRequest(input),
  inviteRequestSchema,
)
/** What a run may be started with: the invite entity, or the flat template of earlier builds. */
export type BatchTemplate = z.input<typeof batchTemplateSchema>

/** The invite a run sends to one of its XUIDs. */
export function inviteFor(template: InviteRequest, xuid: string): InviteRequest {
  return { ...template, invite: { ...template.invite, invitedXuid: xuid } }
}

export const batchItemStatusSchema = z.enum(['pending', 'sending', 'sent', 'failed', 'cancelled'])
export type BatchItemStatus = z.infer<typeof batchItemStatusSchema>

export const batchItemSchema = z.object({
  xuid: z.string(),
  status: batchItemStatusSchema,
  /** HTTP status of the last attempt, when an answer came back. */
  httpStatus: z.number().optional(),
  handleId: z.string().optional(),
  error: z.string().optional(),
  /** When the last attempt finished (ms since epoch). */
  at: z.number().optional(),
  historyId: z.string().optional(),
  /** Sends made for this XUID (a 429 re-queue and each "Retry failed" add one). */
  attempts: z.number().int().nonnegative(),
  /** 429s in a row for this XUID; reset by a real answer. */
  throttled: z.number().int().nonnegative().optional(),
  /** When MPSD answered 2xx for this XUID in this run. Once set, this run never sends it again. */
  invitedAt: z.number().optional(),
})
export type BatchItem = z.infer<typeof batchItemSchema>

/** Input values that were never sent, kept so the results table can show them marked. */
export const skippedEntrySchema = z.object({
  raw: z.string(),
  line: z.number(),
  kind: z.enum(['invalid', 'duplicate']),
  reason: z.string(),
})
export type SkippedEntry = z.infer<typeof skippedEntrySchema>

export const batchStateSchema = z.enum([
  'ready',
  'running',
  'waiting',
  'paused',
  'cancelled',
  'done',
])
export type BatchState = z.infer<typeof batchStateSchema>

export const batchRunSchema = z.object({
  id: z.string(),
  createdAt: z.number(),
  updatedAt: z.number(),
  template: batchTemplateSchema,
  /** Where the run sends; fixed at start so a resumed run cannot switch to Xbox Live silently. */
  upstream: z.string().optional(),
  /**
   * Who the run sends as (the "Act as" value), fixed at start like the upstream, so Resume or Retry
   * after switching Act as does not invite the rest from someone else. Runs stored before it was
   * kept send as the current Act as.
   */
  actAs: z.string().optional(),
  budgets: z.array(budgetSchema),
  state: batchStateSchema,
  items: z.array(batchItemSchema),
  skipped: z.array(skippedEntrySchema),
  /** Spend times still inside the longest window: pacing survives a reload. */
  spent: z.array(z.number()),
  /** Set while waiting out a 429's Retry-After. */
  throttledUntil: z.number().optional(),
  /** The last thing worth telling the user (a 429 wait, why the run stopped). */
  note: z.string().optional(),
  /** Running average of a call's duration, for the ETA. */
  avgCallMs: z.number().optional(),
})
export type BatchRun = z.infer<typeof batchRunSchema>

export function batchRunId(createdAt: number, random: string = crypto.randomUUID()): string {
  // Sorts by time, like History ids.
  return `${Math.max(0, Math.floor(createdAt)).toString(36).padStart(10, '0')}-${random}`
}

export function newBatchRun(input: {
  template: BatchTemplate
  xuids: readonly string[]
  skipped?: readonly SkippedEntry[]
  budgets: ReadonlyArray<{ limit: number; windowMs: number }>
  upstream?: string
  actAs?: string
  spent?: readonly number[]
  now?: number
}): BatchRun {
  const now = input.now ?? Date.now()
  return {
    id: batchRunId(now),
    createdAt: now,
    updatedAt: now,
    template: batchTemplateSchema.parse(input.template),
    ...(input.upstream === undefined ? {} : { upstream: input.upstream }),
    ...(input.actAs === undefined ? {} : { actAs: input.actAs }),
    budgets: input.budgets.map((b) => ({ ...b })),
    state: 'ready',
    // One item per XUID: a run invites each XUID at most once.
    items: [...new Set(input.xuids)].map((xuid) => ({ xuid, status: 'pending', attempts: 0 })),
    skipped: [...(input.skipped ?? [])],
    spent: [...(input.spent ?? [])],
  }
}

export type BatchCounts = {
  total: number
  done: number
  sent: number
  failed: number
  pending: number
  cancelled: number
}

export function countItems(run: Pick<BatchRun, 'items'>): BatchCounts {
  const counts = { total: run.items.length, done: 0, sent: 0, failed: 0, pending: 0, cancelled: 0 }
  for (const item of run.items) {
    if (item.status === 'sent') counts.sent++
    else if (item.status === 'failed') counts.failed++
    else if (item.status === 'cancelled') counts.cancelled++
    else counts.pending++
  }
  counts.done = counts.sent + counts.failed + counts.cancelled
  return counts
}

/** A run that can be resumed: it has XUIDs left and was not cancelled or finished. */
export function isResumable(run: BatchRun): boolean {
  return (
    (run.state === 'paused' ||
      run.state === 'running' ||
      run.state === 'waiting' ||
      run.state === 'ready') &&
    run.items.some((i) => i.status === 'pending' || i.status === 'sending')
  )
}

/**
 * A run read back after a reload or crash. An XUID caught 'sending' may or may not have reached
 * MPSD, so it is never re-sent on its own: it is marked failed with the reason, and "Retry failed"
 * stays the user's choice (History shows whether the call went out).
 */
export function recoverRun(run: BatchRun, now: number = Date.now()): BatchRun {
  if (
    run.state !== 'running' &&
    run.state !== 'waiting' &&
    !run.items.some((i) => i.status === 'sending')
  )
    return run
  return {
    ...run,
    state: run.state === 'done' || run.state === 'cancelled' ? run.state : 'paused',
    items: run.items.map((item) =>
      item.status === 'sending'
        ? {
            ...item,
            status: 'failed',
            at: now,
            error:
              'Interrupted while sending (page closed or reloaded): the outcome is unknown. Check History before retrying.',
          }
        : item,
    ),
    note: 'The page was closed or reloaded during this run. Resume continues where it stopped.',
  }
}

/**
 * "Retry failed": the user's explicit choice, never automatic. Failed XUIDs go back in the queue;
 * one that ever had a 2xx in this run does not.
 */
export function requeueFailed(run: BatchRun, now: number = Date.now()): BatchRun {
  return {
    ...run,
    updatedAt: now,
    state: 'paused',
    items: run.items.map((item) =>
      item.status === 'failed' && item.invitedAt === undefined
        ? { ...item, status: 'pending', throttled: 0 }
        : item,
    ),
  }
}
