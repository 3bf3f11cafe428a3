// The handle ledger: every handle a call created, with time left, search and a state filter,
// "Check" (GET /handles/{id}) and "Revoke" (DELETE, after a confirmation), one by one or the
// selected invites at once. A failed check says why, in the answer's words. Invites have their own
// table (invitee, title, expiration); activity, transfer and search handles are listed under it.
// The actions column stays on screen however narrow the window: the table scrolls beside it.
import { useEffect, useMemo, useState } from 'react'
import { Link } from 'wouter'
import { ConfirmDialog } from '../../components/confirm-dialog'
import { isInviteRecord, timeLeft, type HandleRecord } from '../../data/handles/handle-record'
import {
  filterHandles,
  HANDLE_STATES,
  handleState,
  type HandleState,
} from '../../data/handles/handle-filter'
import { useHandles } from '../../data/handles/handles-queries'
import { useHandleAction } from '../../data/send/handle-actions'
import { describeUpstream } from '../../data/settings/settings-store'
import { Alert } from '../../components/alert'

const OUTCOME_TEXT = {
  active: 'still there',
  'not-found': 'not found (404)',
  revoked: 'revoked',
  failed: 'failed',
} as const

function useNow(intervalMs: number): number {
  const [now, setNow] = useState(() => Date.now())
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), intervalMs)
    return () => clearInterval(timer)
  }, [intervalMs])
  return now
}

function lastCheckText(handle: HandleRecord): string {
  const last = handle.lastCheck
  return last
    ? `${OUTCOME_TEXT[last.outcome]}${last.status ? ` (${last.status})` : ''}${last.message ? `: ${last.message}` : ''}, ${new Date(last.at).toLocaleString()}`
    : 'never'
}

type BulkResult = { done: number; total: number; failed: Array<{ id: string; reason: string }> }

export function HandlesView() {
  const handles = useHandles()
  const now = useNow(30_000)
  const check = useHandleAction('check')
  const revoke = useHandleAction('revoke')
  const [revoking, setRevoking] = useState<HandleRecord[] | undefined>()
  const [text, setText] = useState('')
  const [state, setState] = useState<HandleState | ''>('')
  const [selected, setSelected] = useState<ReadonlySet<string>>(new Set())
  const [bulk, setBulk] = useState<BulkResult | undefined>()
  const all = handles.data?.handles
  const list = useMemo(() => (all ?? []).filter(isInviteRecord), [all])
  const others = useMemo(() => (all ?? []).filter((h) => !isInviteRecord(h)), [all])
  const shown = useMemo(() => filterHandles(list, { text, state }, now), [list, text, state, now])
  const othersShown = useMemo(
    () => filterHandles(others, { text, state }, now),
    [others, text, state, now],
  )
  // Only what is on screen and can still be revoked is ever selected.
  const revocable = shown.filter((h) => h.revokedAt === undefined)
  const chosen = revocable.filter((h) => selected.has(h.id))
  const toggle = (id: string) =>
    setSelected((current) => {
      const next = new Set(current)
      if (next.has(id)) next.delete(id)
      else next.add(id)
      return next
    })

  async function revokeAll(targets: HandleRecord[]) {
    const result: BulkResult = { done: 0, total: targets.length, failed: [] }
    setBulk({ ...result })
    // One after another: MPSD's per-user budget counts each DELETE (decision 050).
    for (const handle of targets) {
      try {
        const entry = await revoke.mutateAsync(handle)
        const status = entry.response?.status
        if (status === undefined || status < 200 || status >= 300)
          result.failed.push({
            id: handle.id,
            reason: status === undefined ? 'no answer' : `HTTP ${status}`,
          })
      } catch (error) {
        result.failed.push({
          id: handle.id,
          reason: error instanceof Error ? error.message : String(error),
        })
      }
      result.done++
      setBulk({ ...result, failed: [...result.failed] })
    }
    setSelected(new Set())
  }

  return (
    <section className="panel handles-view" aria-labelledby="handles-heading">
      <h2 id="handles-heading">Handles</h2>
      {handles.isError ? (
        <Alert>The ledger could not be read: {handles.error.message}</Alert>
      ) : null}
      {handles.data && handles.data.setAside > 0 ? (
        <Alert>{handles.data.setAside} unreadable handle records were set aside.</Alert>
      ) : null}
      <div className="handles-filters">
        <label>
          Search handles
          <input
            type="search"
            value={text}
            onChange={(event) => setText(event.target.value)}
            placeholder="Id, XUID, session, title…"
            autoComplete="off"
            spellCheck={false}
          />
        </label>
        <label>
          State
          <select
            value={state}
            onChange={(event) => setState(event.target.value as HandleState | '')}
          >
            <option value="">All</option>
            {HANDLE_STATES.map((option) => (
              <option key={option.value} value={option.value}>
                {option.label}
              </option>
            ))}
          </select>
        </label>
        <button
          type="button"
          disabled={chosen.length === 0 || revoke.isPending}
          onClick={() => setRevoking(chosen)}
        >
          Revoke selected ({chosen.length})
        </button>
      </div>
      <p role="status">
        {handles.isPending
          ? 'Loading…'
          : shown.length === list.length
            ? `${list.length} invite ${list.length === 1 ? 'handle' : 'handles'}`
            : `${shown.length} of ${list.length} invite handles shown`}
        {others.length > 0
          ? `, ${othersShown.length === others.length ? '' : `${othersShown.length} of `}${others.length} other ${others.length === 1 ? 'handle' : 'handles'}`
          : ''}
        {check.isPending ? ' · Checking…' : ''}
        {bulk && bulk.done < bulk.total ? ` · Revoking ${bulk.done + 1} of ${bulk.total}…` : ''}
        {bulk && bulk.done === bulk.total
          ? ` · Revoked ${bulk.total - bulk.failed.length} of ${bulk.total}`
          : ''}
      </p>
      {bulk && bulk.done === bulk.total && bulk.failed.length > 0 ? (
        <Alert as="ul" aria-label="Not revoked">
          {bulk.failed.map((f) => (
            <li key={f.id}>
              {f.id}: {f.reason}
            </li>
          ))}
        </Alert>
      ) : null}
      {check.isError || revoke.isError ? (
        <Alert>{(check.error ?? revoke.error)?.message}</Alert>
      ) : null}
      {list.length === 0 && !handles.isPending ? (
        <p className="muted">
          No invite handles yet. Every handle a Send creates (an answer with an id) is filed here.
        </p>
      ) : shown.length === 0 ? (
        <p className="muted">No handle matches this search.</p>
      ) : (
        <div className="table-scroll">
          <table className="table handles-table" aria-label="Invite handles">
            <thead>
              <tr>
                <th scope="col">
                  <input
                    type="checkbox"
                    aria-label="Select every handle shown"
                    checked={revocable.length > 0 && chosen.length === revocable.length}
                    disabled={revocable.length === 0}
                    onChange={(event) =>
                      setSelected(
                        event.target.checked ? new Set(revocable.map((h) => h.id)) : new Set(),
                      )
                    }
                  />
                </th>
                <th scope="col">Handle id</th>
                <th scope="col">Invited XUID</th>
                <th scope="col">Sender XUID</th>
                <th scope="col">Session</th>
                <th scope="col">Title</th>
                <th scope="col">Expiration</th>
                <th scope="col">Last check</th>
                <th scope="col">Created from</th>
                <th scope="col" className="actions-cell">
                  Actions
                </th>
              </tr>
            </thead>
            <tbody>
              {shown.map((handle) => (
                <HandleRow
                  key={handle.id}
                  handle={handle}
                  now={now}
                  selected={selected.has(handle.id)}
                  onToggle={() => toggle(handle.id)}
                  onCheck={() => check.mutate(handle)}
                  onRevoke={() => setRevoking([handle])}
                  busy={check.isPending || revoke.isPending}
                />
              ))}
            </tbody>
          </table>
        </div>
      )}
      {othersShown.length > 0 ? (
        <div className="table-scroll">
          <table className="table handles-table" aria-label="Other handles">
            <thead>
              <tr>
                <th scope="col">Handle id</th>
                <th scope="col">Type</th>
                <th scope="col">Owner XUID</th>
                <th scope="col">Session</th>
                <th scope="col">Last check</th>
                <th scope="col">Created from</th>
                <th scope="col" className="actions-cell">
                  Actions
                </th>
              </tr>
            </thead>
            <tbody>
              {othersShown.map((handle) => (
                <tr key={handle.id} className={handle.revokedAt ? 'muted' : undefined}>
                  <td>
                    <code id={`handle-${handle.id}`}>{handle.id}</code>
                  </td>
                  <td>{handle.type}</td>
                  <td>{handle.senderXuid || '—'}</td>
                  <td>
                    {handle.templateName}/{handle.sessionName}
                    <div className="muted small">{handle.scid}</div>
                  </td>
                  <td>
                    {handle.revokedAt ? <strong>Revoked </strong> : null}
                    {lastCheckText(handle)}
                  </td>
                  <td>
                    <Link href={`/history?id=${encodeURIComponent(handle.historyId)}`}>
                      {new Date(handle.createdAt).toLocaleString()} (
                      {describeUpstream(handle.upstream)})
                    </Link>
                  </td>
                  <HandleActions
                    id={handle.id}
                    onCheck={() => check.mutate(handle)}
                    onRevoke={() => setRevoking([handle])}
                    busy={check.isPending || revoke.isPending}
                    revoked={Boolean(handle.revokedAt)}
                  />
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
      <ConfirmDialog
        open={revoking !== undefined}
        title={
          revoking && revoking.length > 1
            ? `Revoke ${revoking.length} invites?`
            : revoking?.[0] && !isInviteRecord(revoking[0])
              ? 'Delete this handle?'
              : 'Revoke this invite?'
        }
        confirmLabel={
          revoking && revoking.length > 1
            ? `Revoke ${revoking.length} invites`
            : revoking?.[0] && !isInviteRecord(revoking[0])
              ? 'Delete handle'
              : 'Revoke invite'
        }
        danger
        onConfirm={() => {
          const targets = revoking ?? []
          setRevoking(undefined)
          void revokeAll(targets)
        }}
        onCancel={() => setRevoking(undefined)}
      >
        {revoking && revoking.length === 1 ? (
          <p>
            DELETE /handles/{revoking[0]?.id} removes{' '}
            {revoking[0] && !isInviteRecord(revoking[0])
              ? `this ${revoking[0].type ?? ''} handle`
              : `the invite for XUID ${revoking[0]?.invitedXuid ?? ''}`}
            . It cannot be undone.
          </p>
        ) : (
          <>
            <p>One DELETE /handles/… each, one after another. It cannot be undone.</p>
            <ul>
              {(revoking ?? []).slice(0, 10).map((h) => (
                <li key={h.id}>
                  {h.id} (XUID {h.invitedXuid})
                </li>
              ))}
              {(revoking?.length ?? 0) > 10 ? (
                <li>…and {(revoking?.length ?? 0) - 10} more</li>
              ) : null}
            </ul>
          </>
        )}
      </ConfirmDialog>
    </section>
  )
}

type HandleRowProps = {
  handle: HandleRecord
  now: number
  selected: boolean
  onToggle: () => void
  onCheck: () => void
  onRevoke: () => void
  busy: boolean
}

function HandleRow({ handle, now, selected, onToggle, onCheck, onRevoke, busy }: HandleRowProps) {
  const state = handleState(handle, now)
  return (
    <tr className={state === 'active' ? undefined : 'muted'}>
      <td>
        <input
          type="checkbox"
          aria-label={`Select handle ${handle.id}`}
          checked={selected && state !== 'revoked'}
          disabled={state === 'revoked'}
          onChange={onToggle}
        />
      </td>
      <td>
        <code id={`handle-${handle.id}`}>{handle.id}</code>
      </td>
      <td>{handle.invitedXuid}</td>
      <td>{handle.senderXuid}</td>
      <td>
        {handle.templateName}/{handle.sessionName}
        <div className="muted small">{handle.scid}</div>
      </td>
      <td>{handle.titleId}</td>
      <td>
        {/* A revoked or vanished handle has no time left to count down. */}
        {state === 'revoked' ? (
          <strong>Revoked</strong>
        ) : state === 'gone' ? (
          <strong>Gone</strong>
        ) : state === 'expired' ? (
          <strong>Expired</strong>
        ) : (
          timeLeft(handle, now)
        )}
        <div className="muted small">{handle.expiration}</div>
      </td>
      <td>
        {handle.revokedAt ? <strong>Revoked </strong> : null}
        {lastCheckText(handle)}
      </td>
      <td>
        <Link href={`/history?id=${encodeURIComponent(handle.historyId)}`}>
          {new Date(handle.createdAt).toLocaleString()} ({describeUpstream(handle.upstream)})
        </Link>
      </td>
      <HandleActions
        id={handle.id}
        onCheck={onCheck}
        onRevoke={onRevoke}
        busy={busy}
        revoked={state === 'revoked'}
      />
    </tr>
  )
}

type HandleActionsProps = {
  id: string
  onCheck: () => void
  onRevoke: () => void
  busy: boolean
  revoked: boolean
}

/** "Check" and "Revoke" of one handle, described by its id; the same in both tables. */
function HandleActions({ id, onCheck, onRevoke, busy, revoked }: HandleActionsProps) {
  return (
    <td className="actions-cell">
      <div className="button-row">
        <button type="button" onClick={onCheck} aria-describedby={`handle-${id}`} disabled={busy}>
          Check
        </button>
        <button
          type="button"
          onClick={onRevoke}
          aria-describedby={`handle-${id}`}
          disabled={revoked || busy}
        >
          Revoke
        </button>
      </div>
    </td>
  )
}
