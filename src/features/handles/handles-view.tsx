// The handle ledger: every handle a call created, with time left, and "Check" (GET /handles/{id})
// and "Revoke" (DELETE, after a confirmation). Expired handles are marked. Invites have their own
// table (invitee, title, expiration); activity, transfer and search handles are listed under it.
import { useEffect, useState } from 'react'
import { Link } from 'wouter'
import { ConfirmDialog } from '../../components/confirm-dialog'
import {
  isExpired,
  isInviteRecord,
  timeLeft,
  type HandleRecord,
} from '../../data/handles/handle-record'
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

export function HandlesView() {
  const handles = useHandles()
  const now = useNow(30_000)
  const check = useHandleAction('check')
  const revoke = useHandleAction('revoke')
  const [revoking, setRevoking] = useState<HandleRecord | undefined>()
  const all = handles.data?.handles ?? []
  const list = all.filter(isInviteRecord)
  const others = all.filter((handle) => !isInviteRecord(handle))
  const lastCheck = (handle: HandleRecord) =>
    handle.lastCheck
      ? `${OUTCOME_TEXT[handle.lastCheck.outcome]}${handle.lastCheck.status ? ` (${handle.lastCheck.status})` : ''}, ${new Date(handle.lastCheck.at).toLocaleString()}`
      : 'never'
  const actions = (handle: HandleRecord) => (
    <div className="button-row">
      <button
        type="button"
        onClick={() => check.mutate(handle)}
        aria-describedby={`handle-${handle.id}`}
        disabled={check.isPending}
      >
        Check
      </button>
      <button
        type="button"
        onClick={() => setRevoking(handle)}
        aria-describedby={`handle-${handle.id}`}
        disabled={Boolean(handle.revokedAt) || revoke.isPending}
      >
        Revoke
      </button>
    </div>
  )
  return (
    <section className="panel" aria-labelledby="handles-heading">
      <h2 id="handles-heading">Handles</h2>
      {handles.isError ? (
        <Alert>The ledger could not be read: {handles.error.message}</Alert>
      ) : null}
      {handles.data && handles.data.setAside > 0 ? (
        <Alert>{handles.data.setAside} unreadable handle records were set aside.</Alert>
      ) : null}
      <p role="status">
        {handles.isPending
          ? 'Loading…'
          : `${list.length} invite ${list.length === 1 ? 'handle' : 'handles'}${others.length > 0 ? `, ${others.length} other ${others.length === 1 ? 'handle' : 'handles'}` : ''}`}
        {check.isPending ? ' · Checking…' : ''}
        {revoke.isPending ? ' · Revoking…' : ''}
      </p>
      {check.isError || revoke.isError ? (
        <Alert>{(check.error ?? revoke.error)?.message}</Alert>
      ) : null}
      {list.length === 0 && !handles.isPending ? (
        <p className="muted">
          No invite handles yet. Every handle a Send creates (an answer with an id) is filed here.
        </p>
      ) : (
        <table className="table" aria-label="Invite handles">
          <thead>
            <tr>
              <th scope="col">Handle id</th>
              <th scope="col">Invited XUID</th>
              <th scope="col">Sender XUID</th>
              <th scope="col">Session</th>
              <th scope="col">Title</th>
              <th scope="col">Expiration</th>
              <th scope="col">Last check</th>
              <th scope="col">Created from</th>
              <th scope="col">Actions</th>
            </tr>
          </thead>
          <tbody>
            {list.map((handle) => {
              const expired = isExpired(handle, now)
              return (
                <tr key={handle.id} className={expired || handle.revokedAt ? 'muted' : undefined}>
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
                    {expired ? <strong>Expired</strong> : timeLeft(handle, now)}
                    <div className="muted small">{handle.expiration}</div>
                  </td>
                  <td>
                    {handle.revokedAt ? <strong>Revoked </strong> : null}
                    {lastCheck(handle)}
                  </td>
                  <td>
                    <Link href={`/history?id=${encodeURIComponent(handle.historyId)}`}>
                      {new Date(handle.createdAt).toLocaleString()} (
                      {describeUpstream(handle.upstream)})
                    </Link>
                  </td>
                  <td>{actions(handle)}</td>
                </tr>
              )
            })}
          </tbody>
        </table>
      )}
      {others.length > 0 ? (
        <table className="table" aria-label="Other handles">
          <thead>
            <tr>
              <th scope="col">Handle id</th>
              <th scope="col">Type</th>
              <th scope="col">Owner XUID</th>
              <th scope="col">Session</th>
              <th scope="col">Last check</th>
              <th scope="col">Created from</th>
              <th scope="col">Actions</th>
            </tr>
          </thead>
          <tbody>
            {others.map((handle) => (
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
                  {lastCheck(handle)}
                </td>
                <td>
                  <Link href={`/history?id=${encodeURIComponent(handle.historyId)}`}>
                    {new Date(handle.createdAt).toLocaleString()} (
                    {describeUpstream(handle.upstream)})
                  </Link>
                </td>
                <td>{actions(handle)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
      <ConfirmDialog
        open={revoking !== undefined}
        title={
          revoking && !isInviteRecord(revoking) ? 'Delete this handle?' : 'Revoke this invite?'
        }
        confirmLabel={revoking && !isInviteRecord(revoking) ? 'Delete handle' : 'Revoke invite'}
        danger
        onConfirm={() => {
          if (revoking) revoke.mutate(revoking)
          setRevoking(undefined)
        }}
        onCancel={() => setRevoking(undefined)}
      >
        <p>
          DELETE /handles/{revoking?.id} removes{' '}
          {revoking && !isInviteRecord(revoking)
            ? `this ${revoking.type ?? ''} handle`
            : `the invite for XUID ${revoking?.invitedXuid ?? ''}`}
          . It cannot be undone.
        </p>
      </ConfirmDialog>
    </section>
  )
}
