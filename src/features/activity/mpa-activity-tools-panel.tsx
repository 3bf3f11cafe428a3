// "Activity tools" for Multiplayer Activity (decision 110): Find activities (the batch query, as
// the SDK reads its answer), Clear activity (DELETE your own with the next sequence number), and
// Join on each activity found: the connection string the title would get, or why MPA withheld it.
import { useMutation } from '@tanstack/react-query'
import { useId, useState } from 'react'
import { Alert } from '../../components/alert'
import {
  clearMpaActivity,
  findMpaActivities,
  joinOutcome,
} from '../../data/activity/mpa-activity-tools'
import { useComposeSend } from '../../data/environments/compose-target'
import { useActing } from '../../data/identities/use-acting'
import type { MpaActivity } from '../../mpsd/mpa/mpa-activities'
import { splitList } from '../../mpsd/mpa/mpa-wire'
import type { RequestEntity } from '../../mpsd/request-entity'
import { fieldsOf } from '../../mpsd/request-fields'
import { commandsOffIn } from '../../lib/commands'

export function MpaActivityToolsPanel({ request }: { request: RequestEntity }) {
  // Where Send goes, as whom it sends: the active environment's upstream and actAs (decision 131).
  const { target, send } = useComposeSend()
  const acting = useActing(target.upstream, target.actAs)
  const ids = useId()
  const fields = fieldsOf(request)
  const titleId = fields.mpaTitleId.trim()
  const actingXuid =
    acting.kind === 'sim' ? acting.player.xuid : acting.kind === 'xbl' ? acting.identity.xuid : ''
  const [ownerText, setOwnerText] = useState('')
  // The users the composed request names, when the box is left empty.
  const suggested = [
    ...splitList(fields.users),
    ...splitList(fields.invitedUsers),
    ...(fields.mpaXuid.trim() ? [fields.mpaXuid.trim()] : []),
  ]
  const owners = ownerText.trim() ? splitList(ownerText) : suggested.slice(0, 30)
  const me = fields.mpaXuid.trim() || actingXuid

  const find = useMutation({
    mutationFn: () => findMpaActivities({ titleId, users: owners }, send),
    meta: { records: ['history'] },
  })
  const clear = useMutation({
    mutationFn: () => clearMpaActivity({ titleId, xuid: me }, send),
    meta: { records: ['history'] },
  })
  const found = find.data
  const cleared = clear.data
  return (
    // Its fields are the tools', not the composed request's: Ctrl/Cmd+Enter here sends nothing.
    <section
      className="activity-tools"
      aria-labelledby={`${ids}-heading`}
      {...commandsOffIn('send')}
    >
      <h3 id={`${ids}-heading`}>Activity tools</h3>
      <p className="muted">
        Multiplayer Activity, title {titleId ? <code>{titleId}</code> : '(set the Title ID above)'}.
      </p>
      <div className="field">
        <label htmlFor={`${ids}-owners`}>Activity owners</label>
        <textarea
          id={`${ids}-owners`}
          rows={2}
          value={ownerText}
          placeholder={suggested.join('\n')}
          onChange={(e) => setOwnerText(e.target.value)}
          aria-describedby={`${ids}-owners-hint`}
          spellCheck={false}
        />
        <div id={`${ids}-owners-hint`} className="field-hint">
          Up to 30 XUIDs, one per line; empty: the users of the request above.
        </div>
      </div>
      <div className="button-row">
        <button
          type="button"
          disabled={!titleId || owners.length === 0 || target.waiting || find.isPending}
          onClick={() => find.mutate()}
        >
          Find activities
        </button>
        <button
          type="button"
          disabled={!titleId || !me || target.waiting || clear.isPending}
          onClick={() => clear.mutate()}
        >
          Clear activity
        </button>
      </div>
      {find.error ? <Alert>{find.error.message}</Alert> : null}
      {found && !found.ok ? <Alert>{found.error}</Alert> : null}
      {found?.ok ? <MpaActivityList activities={found.value} /> : null}
      {clear.error ? <Alert>{clear.error.message}</Alert> : null}
      {cleared && !cleared.ok ? <Alert>{cleared.error}</Alert> : null}
      {cleared?.ok ? (
        <p role="status">
          Activity of {cleared.value.xuid} deleted for title {titleId}.
        </p>
      ) : null}
    </section>
  )
}

function MpaActivityList({ activities }: { activities: MpaActivity[] }) {
  const [joined, setJoined] = useState<string | undefined>()
  if (activities.length === 0) return <p role="status">No activities found.</p>
  return (
    <>
      <p role="status">
        {activities.length} {activities.length === 1 ? 'activity' : 'activities'} found.
      </p>
      <ul className="activity-list" aria-label="Activities">
        {activities.map((a) => {
          const join = joinOutcome(a)
          return (
            <li key={a.userId} className="activity-item">
              <dl>
                <dt>Owner</dt>
                <dd className="mono">{a.userId}</dd>
                <dt>Join restriction</dt>
                <dd>{a.joinRestriction}</dd>
                <dt>Players</dt>
                <dd>
                  {a.currentPlayers ?? '—'} / {a.maxPlayers ?? '—'}
                </dd>
                <dt>Group</dt>
                <dd className="mono">{a.groupId ?? '—'}</dd>
                <dt>Platform</dt>
                <dd>{a.platform}</dd>
              </dl>
              <button type="button" onClick={() => setJoined(a.userId)}>
                Join
              </button>
              {joined === a.userId ? (
                join.ok ? (
                  <p role="status">
                    The title would get the connection string{' '}
                    <code className="mono">{join.connectionString || '(empty)'}</code>
                  </p>
                ) : (
                  <Alert>{join.reason}</Alert>
                )
              ) : null}
            </li>
          )
        })}
      </ul>
    </>
  )
}
