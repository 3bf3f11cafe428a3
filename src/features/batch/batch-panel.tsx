// "Batch invites" under the Compose form: many XUIDs, one POST /handles each through the normal
// Send path, paced to MPSD's budget, with a meter, ETA, progress, Pause/Resume/Cancel, "Retry failed"
// and the "Batch results" table. It opens on demand so the single-invite form stays as it was.
import { redactKnownSecrets } from '../../data/settings/known-secrets'
import { useQueryClient } from '@tanstack/react-query'
import {
  useEffect,
  useId,
  useMemo,
  useRef,
  useState,
  useSyncExternalStore,
  type ChangeEvent,
} from 'react'
import type { ComposeDraft } from '../../data/drafts/draft-store'
import { handlesQueries } from '../../data/handles/handles-queries'
import { historyQueries } from '../../data/history/history-queries'
import { batchQueries, useLatestBatchRun } from '../../data/batch/batch-queries'
import {
  countItems,
  isResumable,
  type BatchRun,
  type BatchTemplate,
  type SkippedEntry,
} from '../../data/batch/batch-run'
import {
  getLiveBatch,
  resumeBatch,
  retryFailed,
  startBatch,
  stopBatch,
  subscribeBatch,
  type DriveOptions,
} from '../../data/batch/batch-controller'
import { batchResultsCsv, resultRows } from '../../data/batch/batch-csv'
import { lintBatch, type LintWarning } from '../../data/batch/batch-lint'
import { inviteBodyFor } from '../../data/batch/batch-send'
import { recentRequests } from '../../data/batch/batch-store'
import { parseXuidCsv, parseXuidText, xuidsAsLines } from '../../data/batch/parse-xuids'
import {
  createTokenBucket,
  estimateFinish,
  MPSD_BUDGETS,
  isValidBudget,
  type Budget,
} from '../../data/batch/token-bucket'
import { downloadText } from '../../lib/download'
import { postHandleRequest } from '../../mpsd/request-builder'
import { inviteBodySchema } from '../../mpsd/schemas'
import { useSettings } from '../../data/settings/settings-queries'
import { Alert } from '../../components/alert'

const TEXT_KEY = 'handles-workbench:batch-xuids'
/** A CSV bigger than this is not a list of XUIDs; refuse it rather than freeze the tab. */
const CSV_MAX_BYTES = 5 * 1024 * 1024

function readSavedText(): string {
  try {
    return localStorage.getItem(TEXT_KEY) ?? ''
  } catch {
    return ''
  }
}

export function templateFromDraft(draft: ComposeDraft): BatchTemplate {
  return {
    scid: draft.scid.trim(),
    templateName: draft.templateName.trim(),
    sessionName: draft.sessionName.trim(),
    titleId: draft.titleId.trim(),
    ...(draft.context ? { context: draft.context } : {}),
    ...(draft.contextString.trim() ? { contextString: draft.contextString } : {}),
    ...(draft.senderString.trim() ? { senderString: draft.senderString } : {}),
  }
}

/** The draft's problems, other than the XUID (which the batch supplies), from the mpsd schemas. */
export function templateIssues(template: BatchTemplate): string[] {
  const parsed = inviteBodySchema.safeParse(inviteBodyFor(template, '1'))
  if (parsed.success) return []
  return parsed.error.issues.filter((i) => i.path.join('.') !== 'invitedXuid').map((i) => i.message)
}

export function formatDuration(ms: number): string {
  const s = Math.max(0, Math.ceil(ms / 1000))
  if (s < 60) return `${s} s`
  const m = Math.floor(s / 60)
  if (m < 60) return `${m} min ${s % 60} s`
  return `${Math.floor(m / 60)} h ${m % 60} min`
}

/** Read at event time, never during render (kept out of components for the purity lint). */
const clockNow = () => Date.now()

function timeOf(at: number | undefined): string {
  return at === undefined ? '' : new Date(at).toLocaleTimeString()
}

function useNow(active: boolean): number {
  const [now, setNow] = useState(() => Date.now())
  useEffect(() => {
    if (!active) return undefined
    const timer = setInterval(() => setNow(Date.now()), 1000)
    return () => clearInterval(timer)
  }, [active])
  return now
}

type BudgetFields = {
  burstLimit: string
  burstSeconds: string
  sustainLimit: string
  sustainSeconds: string
}

const DEFAULT_FIELDS: BudgetFields = {
  burstLimit: String(MPSD_BUDGETS[0]?.limit ?? 30),
  burstSeconds: String((MPSD_BUDGETS[0]?.windowMs ?? 15_000) / 1000),
  sustainLimit: String(MPSD_BUDGETS[1]?.limit ?? 300),
  sustainSeconds: String((MPSD_BUDGETS[1]?.windowMs ?? 300_000) / 1000),
}

function budgetsFrom(fields: BudgetFields): {
  budgets: Budget[]
  invalid: Array<keyof BudgetFields>
} {
  const invalid: Array<keyof BudgetFields> = []
  const num = (key: keyof BudgetFields) => {
    const n = Number(fields[key])
    if (
      !/^\d+(\.\d+)?$/.test(fields[key].trim()) ||
      !(n > 0) ||
      (key.endsWith('Limit') && !Number.isInteger(n))
    )
      invalid.push(key)
    return n
  }
  const budgets = [
    { limit: num('burstLimit'), windowMs: num('burstSeconds') * 1000 },
    { limit: num('sustainLimit'), windowMs: num('sustainSeconds') * 1000 },
  ]
  return { budgets: budgets.filter(isValidBudget), invalid }
}

export function BatchPanel({ draft }: { draft: ComposeDraft }) {
  const live = useSyncExternalStore(subscribeBatch, getLiveBatch)
  const latest = useLatestBatchRun()
  const run: BatchRun | null = live?.run ?? latest.data ?? null
  const driving = live?.controller !== undefined
  const [open, setOpen] = useState(false)
  const show = open || driving || (run !== null && isResumable(run))
  const headingId = useId()
  return (
    <section className="batch-panel" aria-labelledby={headingId}>
      <h3 id={headingId}>
        <button
          type="button"
          className="disclosure"
          aria-expanded={show}
          onClick={() => setOpen(!show)}
        >
          Batch invites
        </button>
      </h3>
      {show ? <BatchBody draft={draft} run={run} driving={driving} /> : null}
    </section>
  )
}

function BatchBody({
  draft,
  run,
  driving,
}: {
  draft: ComposeDraft
  run: BatchRun | null
  driving: boolean
}) {
  const queryClient = useQueryClient()
  const settings = useSettings()
  const [text, setText] = useState(readSavedText)
  const [fileError, setFileError] = useState<string>()
  const [runError, setRunError] = useState<string>()
  const [pendingWarnings, setPendingWarnings] = useState<LintWarning[]>()
  const [fields, setFields] = useState<BudgetFields>(DEFAULT_FIELDS)
  const lastRefresh = useRef(0)
  const ids = useId()
  const now = useNow(true)

  useEffect(() => {
    try {
      localStorage.setItem(TEXT_KEY, redactKnownSecrets(text))
    } catch {
      // Storage full or disabled: the textarea still holds the text.
    }
  }, [text])

  const parsed = useMemo(() => parseXuidText(text), [text])
  const template = useMemo(() => templateFromDraft(draft), [draft])
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

  const drive: DriveOptions = {
    onStep: (next) => {
      const finished = next.state !== 'running' && next.state !== 'waiting'
      const at = clockNow()
      if (!finished && at - lastRefresh.current < 500) return
      lastRefresh.current = at
      void queryClient.invalidateQueries({ queryKey: historyQueries.all() })
      void queryClient.invalidateQueries({ queryKey: handlesQueries.all() })
      if (finished) void queryClient.invalidateQueries({ queryKey: batchQueries.all() })
    },
  }

  function settle(promise: Promise<BatchRun>) {
    setRunError(undefined)
    promise
      .catch((error: unknown) =>
        setRunError(error instanceof Error ? error.message : String(error)),
      )
      .finally(() => {
        void queryClient.invalidateQueries({ queryKey: batchQueries.all() })
        void queryClient.invalidateQueries({ queryKey: historyQueries.all() })
        void queryClient.invalidateQueries({ queryKey: handlesQueries.all() })
      })
  }

  async function onSend(confirmed: boolean) {
    if (driving || parsed.valid.length === 0 || issues.length > 0 || invalidBudget.length > 0)
      return
    if (!confirmed) {
      // The trace analyzer's "same call within 5 s" rule, checked against what History just sent.
      const recent = await recentRequests(5_000).catch(() => [])
      const warnings = lintBatch({
        planned: parsed.valid.map((xuid) => {
          const request = postHandleRequest(inviteBodyFor(template, xuid), settings.contractVersion)
          return { method: request.method, path: request.path, body: request.body, xuid }
        }),
        recent,
        now: clockNow(),
        budgets,
        remaining: levels.map((l) => l.remaining),
      }).filter((w) => w.code === 'repeat')
      if (warnings.length > 0) {
        setPendingWarnings(warnings)
        return
      }
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
    settle(startBatch({ template, xuids: parsed.valid, skipped, budgets }, drive))
  }

  async function onFile(event: ChangeEvent<HTMLInputElement>) {
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

  const problems = [...parsed.invalid, ...parsed.duplicates].sort((a, b) => a.line - b.line)
  const rows = run ? resultRows(run) : []
  const failed = counts?.failed ?? 0
  const summaryId = `${ids}-summary`
  const problemsId = `${ids}-problems`

  return (
    <div className="batch-body">
      <div className="field">
        <label htmlFor={`${ids}-xuids`}>Invited XUIDs</label>
        <textarea
          id={`${ids}-xuids`}
          rows={6}
          value={text}
          onChange={(e) => setText(e.target.value)}
          aria-invalid={parsed.invalid.length > 0 || parsed.truncated ? 'true' : 'false'}
          aria-describedby={`${summaryId}${problems.length > 0 ? ` ${problemsId}` : ''}`}
          spellCheck={false}
          autoComplete="off"
          placeholder={'2533274790000001\n2533274790000002, 2533274790000003'}
        />
        <div id={summaryId} className="field-hint">
          One a line, or separated by commas. {parsed.valid.length} to invite
          {parsed.invalid.length > 0 ? `, ${parsed.invalid.length} invalid` : ''}
          {parsed.duplicates.length > 0 ? `, ${parsed.duplicates.length} duplicate` : ''}
          {parsed.truncated ? ' (cut at 10,000 values)' : ''}.
        </div>
        {problems.length > 0 ? (
          <ul id={problemsId} className="field-error batch-problems" aria-label="XUID problems">
            {problems.slice(0, 50).map((p) => (
              <li key={`${p.line}-${p.raw}`}>
                Line {p.line}: “{p.raw}” —{' '}
                {p.kind === 'invalid' ? p.reason : `duplicate of line ${p.firstLine}, sent once`}
              </li>
            ))}
            {problems.length > 50 ? <li>…and {problems.length - 50} more</li> : null}
          </ul>
        ) : null}
      </div>
      <div className="field">
        <label htmlFor={`${ids}-csv`}>XUIDs from a CSV file</label>
        <input
          id={`${ids}-csv`}
          type="file"
          accept=".csv,.txt,text/csv,text/plain"
          onChange={(e) => void onFile(e)}
        />
        {fileError ? <Alert>{fileError}</Alert> : null}
      </div>

      <details className="batch-pacing">
        <summary>Pacing (MPSD’s budget per user)</summary>
        <div className="batch-pacing-grid">
          {(
            [
              ['burstLimit', 'Burst calls'],
              ['burstSeconds', 'Burst window (s)'],
              ['sustainLimit', 'Sustain calls'],
              ['sustainSeconds', 'Sustain window (s)'],
            ] as Array<[keyof BudgetFields, string]>
          ).map(([key, label]) => (
            <label key={key}>
              {label}
              <input
                inputMode="numeric"
                value={fields[key]}
                aria-invalid={invalidBudget.includes(key) ? 'true' : 'false'}
                onChange={(e) => setFields({ ...fields, [key]: e.target.value })}
              />
            </label>
          ))}
        </div>
        {invalidBudget.length > 0 ? (
          <p className="field-error">Budgets are positive numbers (calls: whole numbers).</p>
        ) : null}
      </details>

      <div className="batch-meters" aria-label="Budget">
        {levels.map((level, i) => {
          const name = i === 0 ? 'Burst budget' : 'Sustain budget'
          return (
            <div key={name} className="batch-meter">
              <label htmlFor={`${ids}-meter-${i}`}>{name}</label>
              <meter
                id={`${ids}-meter-${i}`}
                min={0}
                max={level.limit}
                value={level.remaining}
                low={Math.ceil(level.limit / 5)}
                optimum={level.limit}
              />
              <span className="muted">
                {level.remaining} of {level.limit} left per {formatDuration(level.windowMs)}
              </span>
            </div>
          )
        })}
      </div>

      {issues.length > 0 ? (
        <div className="notice" id={`${ids}-issues`}>
          Fix the form above before sending invites:
          <ul>
            {issues.map((issue) => (
              <li key={issue}>{issue}</li>
            ))}
          </ul>
        </div>
      ) : null}
      {liveWarnings.length > 0 ? (
        <ul className="batch-warnings" aria-label="Pre-send checks">
          {liveWarnings.map((w) => (
            <li key={w.code}>{w.message}</li>
          ))}
        </ul>
      ) : null}

      {pendingWarnings ? (
        <div className="notice batch-confirm" role="group" aria-label="Confirm sending">
          <ul aria-label="Pre-send checks">
            {pendingWarnings.map((w) => (
              <li key={w.code}>{w.message}</li>
            ))}
          </ul>
          <div className="button-row">
            <button type="button" className="primary" onClick={() => void onSend(true)}>
              Send anyway
            </button>
            <button type="button" onClick={() => setPendingWarnings(undefined)}>
              Don’t send
            </button>
          </div>
        </div>
      ) : null}

      <div className="button-row">
        <button
          type="button"
          className="primary"
          disabled={
            driving || parsed.valid.length === 0 || issues.length > 0 || invalidBudget.length > 0
          }
          onClick={() => void onSend(false)}
        >
          Send invites
        </button>
        {driving ? (
          <button type="button" onClick={() => void stopBatch('pause')}>
            Pause
          </button>
        ) : null}
        {!driving && run && isResumable(run) ? (
          <button type="button" onClick={() => settle(resumeBatch(run, drive))}>
            Resume
          </button>
        ) : null}
        {driving || (run && isResumable(run)) ? (
          <button
            type="button"
            className="danger"
            onClick={() =>
              void stopBatch('cancel', run ?? undefined).catch((error: unknown) =>
                setRunError(error instanceof Error ? error.message : String(error)),
              )
            }
          >
            Cancel
          </button>
        ) : null}
        {!driving && run && failed > 0 ? (
          <button type="button" onClick={() => settle(retryFailed(run, drive))}>
            Retry failed
          </button>
        ) : null}
        {run ? (
          <button
            type="button"
            onClick={() =>
              downloadText(
                `batch-results-${new Date(run.createdAt).toISOString().slice(0, 19).replaceAll(':', '-')}.csv`,
                batchResultsCsv(run),
                'text/csv',
              )
            }
          >
            Export CSV
          </button>
        ) : null}
      </div>
      {runError ? <Alert>{runError}</Alert> : null}

      {run && counts ? (
        <div className="batch-progress">
          <progress
            aria-label="Batch progress"
            max={Math.max(1, counts.total)}
            value={counts.done}
          />
          <p role="status" className="muted">
            {counts.done} of {counts.total} done: {counts.sent} sent, {counts.failed} failed
            {counts.cancelled > 0 ? `, ${counts.cancelled} not sent` : ''}
            {etaMs !== undefined && (driving || isResumable(run))
              ? ` · ETA ${formatDuration(etaMs)}`
              : ''}
            {run.state === 'waiting' && run.throttledUntil
              ? ` · waiting ${formatDuration(run.throttledUntil - now)} (429 Retry-After)`
              : ''}
            {run.note ? ` · ${run.note}` : ''}
          </p>
          {!driving && failed > 0 ? (
            <Alert>
              {failed} {failed === 1 ? 'invite' : 'invites'} failed; they are marked in Batch
              results. “Retry failed” sends them again.
            </Alert>
          ) : null}
          <div className="batch-results-scroll">
            <table aria-label="Batch results">
              <thead>
                <tr>
                  <th scope="col">XUID</th>
                  <th scope="col">Status</th>
                  <th scope="col">Handle id or error</th>
                  <th scope="col">Time</th>
                </tr>
              </thead>
              <tbody>
                {rows.map((row, i) => (
                  <tr
                    key={`${i}-${row.xuid}`}
                    className={`batch-row batch-row-${row.kind}`}
                    data-kind={row.kind}
                  >
                    <td className="mono">{row.xuid}</td>
                    <td>{row.status}</td>
                    <td className={row.kind === 'sent' ? 'mono' : undefined}>{row.detail}</td>
                    <td>{timeOf(row.at)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </div>
      ) : null}
      <p className="muted">
        One POST /handles per XUID, in order, as Microsoft’s SDK sends invites; a failed invite is
        never retried on its own.
      </p>
    </div>
  )
}
