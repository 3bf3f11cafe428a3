// The batch panel's state and what its buttons do: the XUID list (saved as typed), the pacing
// fields, the meter and ETA for the run shown, the pre-send checks and the file import. The
// components only render what this returns.
import { useEffect, useMemo, useRef, useState, type ChangeEvent } from 'react'
import {
  countItems,
  isResumable,
  type BatchRun,
  type SkippedEntry,
} from '../../data/batch/batch-run'
import { blockedMessage, isRunHeldElsewhere } from '../../data/batch/batch-controller'
import { discardSummary } from '../../data/batch/batch-reconcile'
import { findAlreadyInvited, lintBatch, type LintWarning } from '../../data/batch/batch-lint'
import { plannedInvites } from '../../data/batch/batch-send'
import { recentRequests } from '../../data/batch/batch-store'
import { parseXuidCsv, parseXuidText, xuidsAsLines } from '../../data/batch/parse-xuids'
import { readSavedXuids, saveXuids } from '../../data/batch/saved-xuids'
import { createTokenBucket, estimateFinish } from '../../mpsd/token-bucket'
import { useBatchActions } from '../../data/batch/use-batch-actions'
import { useComposeTarget } from '../../data/environments/compose-target'
import { useSettings } from '../../data/settings/settings-queries'
import { useActing } from '../../data/identities/use-acting'
import { describeSender, senderOf } from '../../mpsd/acting-identity'
import type { InviteRequest } from '../../mpsd/request-entity'
import { budgetsFrom, DEFAULT_FIELDS, type BudgetFields } from './budget-fields'
import { templateIssues, templateOf } from './batch-template'
import { formatDuration } from './format-duration'
import { describeRequest, sameRequest, sameXuids } from './run-request'

/** A CSV bigger than this is not a list of XUIDs; refuse it rather than freeze the tab. */
const CSV_MAX_BYTES = 5 * 1024 * 1024

/** Read at event time, never during render (kept out of components for the purity lint). */
const clockNow = () => Date.now()

function useNow(active: boolean): number {
  const [now, setNow] = useState(() => Date.now())
  useEffect(() => {
    if (!active) return undefined
    const timer = setInterval(() => setNow(Date.now()), 1000)
    return () => clearInterval(timer)
  }, [active])
  return now
}

export function useBatchPanel({
  request,
  run,
  driving,
}: {
  request: InviteRequest
  run: BatchRun | null
  driving: boolean
}) {
  const settings = useSettings()
  // A new run goes where Send goes, as whom it sends (decision 131); it is pinned when it starts.
  const target = useComposeTarget()
  const actions = useBatchActions()
  const [text, setText] = useState(readSavedXuids)
  const [fileError, setFileError] = useState<string>()
  const [pendingWarnings, setPendingWarnings] = useState<LintWarning[]>()
  const [fields, setFields] = useState<BudgetFields>(DEFAULT_FIELDS)
  // "Send invites" pressed while this run could be resumed: the panel asks to resume or discard it.
  const [asked, setAsked] = useState<{ runId: string; heldElsewhere: boolean }>()
  // Set while Send's checks are awaited, so a double click sends one batch.
  const checking = useRef(false)
  const now = useNow(true)

  useEffect(() => saveXuids(text), [text])

  const parsed = useMemo(() => parseXuidText(text), [text])
  const template = useMemo(() => templateOf(request), [request])
  const issues = useMemo(() => templateIssues(template), [template])
  const { budgets, invalid: invalidBudget } = useMemo(() => budgetsFrom(fields), [fields])

  // The meter shows the run's own pacing log when there is one, else a full bucket.
  const meterBudgets = run && (driving || isResumable(run)) ? run.budgets : budgets
  const bucket = createTokenBucket({
    budgets: meterBudgets,
    spent: run?.spent ?? [],
    now: () => now,
  })
  if (run?.throttledUntil && run.state === 'waiting') bucket.blockUntil(run.throttledUntil)
  const levels = bucket.levels(now)
  const counts = run ? countItems(run) : undefined
  const remainingCount = counts ? counts.pending : 0
  const etaMs =
    run && remainingCount > 0
      ? estimateFinish({
          count: remainingCount,
          budgets: run.budgets,
          spent: run.spent,
          now,
          callMs: run.avgCallMs ?? 50,
          ...(run.throttledUntil && run.state === 'waiting'
            ? { blockedUntil: run.throttledUntil }
            : {}),
        }) - now
      : undefined
  const plannedEta =
    parsed.valid.length > 0
      ? formatDuration(
          estimateFinish({
            count: parsed.valid.length,
            budgets,
            spent: [],
            now,
            callMs: run?.avgCallMs ?? 50,
          }) - now,
        )
      : undefined
  const liveWarnings = lintBatch({
    planned: parsed.valid.map((xuid) => ({
      method: 'POST',
      path: '/handles',
      body: undefined,
      xuid,
    })),
    recent: [],
    now,
    budgets,
    remaining: levels.map((l) => l.remaining),
    ...(plannedEta ? { eta: plannedEta } : {}),
  }).filter((w) => w.code !== 'repeat')

  const canSend =
    !target.waiting &&
    !driving &&
    !actions.pending &&
    parsed.valid.length > 0 &&
    issues.length === 0 &&
    invalidBudget.length === 0

  const resumable = run !== null && !driving && isResumable(run)
  const invitedXuids = run
    ? run.items.filter((i) => i.status === 'sent' || i.invitedAt !== undefined).map((i) => i.xuid)
    : []
  // Refused by this panel, or by the controller for a run the panel had not shown yet.
  const blockedBy =
    asked ??
    (actions.blocked
      ? { runId: actions.blocked.run.id, heldElsewhere: actions.blocked.heldElsewhere }
      : undefined)
  const blockedNotice =
    run && resumable && blockedBy?.runId === run.id
      ? blockedMessage(run, blockedBy.heldElsewhere)
      : actions.blocked?.message
  const listed = new Set(parsed.valid)
  const discardInfo = run
    ? {
        ...discardSummary(run),
        // Still in the list, with the same request: a new batch would invite them again.
        inList: sameRequest(run.template, template)
          ? invitedXuids.filter((x) => listed.has(x)).length
          : 0,
      }
    : undefined
  // The run sends as the sender it started with (runs stored without one: the current Act as).
  const runActing = useActing(run?.upstream, run?.actAs)
  const formChanged =
    run &&
    counts &&
    (driving || resumable) &&
    (!sameRequest(run.template, template) || !sameXuids(run, parsed.valid))
      ? `The form has changed since this run started. ${driving ? 'It sends' : 'Resume sends'} the request it was started with, ${describeRequest(run.template)}, to its own ${counts.pending} XUIDs left; the form’s request and list go with the next batch.`
      : undefined
  const runSender = senderOf(runActing)
  const senderChanged =
    run?.actAs !== undefined && run.actAs !== target.actAs && (driving || resumable)
      ? runSender
        ? `This run sends as ${describeSender(runSender)}, who it started as, not as the current Act as.`
        : `This run started as ${run.actAs}, who cannot send now: ${runActing.kind === 'blocked' ? runActing.message : ''}`
      : undefined
  const requestNote =
    formChanged || senderChanged
      ? [formChanged, senderChanged].filter(Boolean).join(' ')
      : undefined

  async function send(confirmed: boolean) {
    if (!canSend || checking.current) return
    checking.current = true
    try {
      if (run && resumable) {
        // A new batch would start from the top: first this run is resumed or discarded.
        const heldElsewhere = await isRunHeldElsewhere(run.id)
        setPendingWarnings(undefined)
        setAsked({ runId: run.id, heldElsewhere })
        return
      }
      if (!confirmed) {
        const planned = plannedInvites(template, parsed.valid, settings.contractVersion)
        // The trace analyzer's "same call within 5 s" rule, checked against what History just sent.
        const recent = await recentRequests(5_000).catch(() => [])
        const warnings: LintWarning[] = lintBatch({
          planned,
          recent,
          now: clockNow(),
          budgets,
          remaining: levels.map((l) => l.remaining),
        }).filter((w) => w.code === 'repeat')
        // After Cancel or Discard, the same list would invite the last run's XUIDs again.
        const again = run
          ? findAlreadyInvited(planned, plannedInvites(run.template, invitedXuids))
          : undefined
        if (again) warnings.push(again)
        if (warnings.length > 0) {
          setPendingWarnings(warnings)
          return
        }
      }
    } finally {
      checking.current = false
    }
    setPendingWarnings(undefined)
    const skipped: SkippedEntry[] = [
      ...parsed.invalid.map((e) => ({
        raw: e.raw,
        line: e.line,
        kind: 'invalid' as const,
        reason: e.reason,
      })),
      ...parsed.duplicates.map((e) => ({
        raw: e.raw,
        line: e.line,
        kind: 'duplicate' as const,
        reason: `Duplicate of line ${e.firstLine}`,
      })),
    ].sort((a, b) => a.line - b.line)
    actions.start({ template, xuids: parsed.valid, skipped, budgets })
  }

  async function addFile(event: ChangeEvent<HTMLInputElement>) {
    const file = event.target.files?.[0]
    event.target.value = ''
    if (!file) return
    setFileError(undefined)
    if (file.size > CSV_MAX_BYTES) {
      setFileError(
        `${file.name} is ${(file.size / 1024 / 1024).toFixed(1)} MB; a XUID list is at most 5 MB.`,
      )
      return
    }
    try {
      const fromCsv = parseXuidCsv(await file.text())
      if (fromCsv.entries.length === 0) {
        setFileError(`${file.name} has no values to read.`)
        return
      }
      // Appended, never replacing what was typed; duplicates are marked by the parser.
      setText(
        (current) =>
          `${current.trim() ? `${current.replace(/\s+$/, '')}\n` : ''}${xuidsAsLines(fromCsv)}`,
      )
    } catch (error) {
      setFileError(
        `${file.name} could not be read: ${error instanceof Error ? error.message : String(error)}`,
      )
    }
  }

  return {
    text,
    setText,
    parsed,
    fileError,
    addFile,
    fields,
    setFields,
    invalidBudget,
    levels,
    issues,
    liveWarnings,
    pendingWarnings,
    dismissWarnings: () => setPendingWarnings(undefined),
    canSend,
    send,
    actions,
    resume: (shown: BatchRun) => {
      setAsked(undefined)
      actions.resume(shown)
    },
    discard: (shown: BatchRun) => {
      setAsked(undefined)
      actions.discard(shown)
    },
    resumable,
    blockedNotice,
    discardInfo,
    requestNote,
    counts,
    etaMs,
    now,
  }
}
