// "Activity tools": Find activities (POST /handles/query by XUIDs or by a social group) and Clear
// activity (XSAPI's ClearActivity: query your own activity for the SCID, then DELETE it). Both go
// through the one Send path, so each call is in History.
import { useMutation } from '@tanstack/react-query'
import { useId, useState } from 'react'
import {
  clearActivity,
  findActivities,
  type FoundActivity,
  type Owners,
} from '../../data/activity/activity-tools'
import { parseXuidText } from '../../data/batch/parse-xuids'
import { useComposeSend } from '../../data/environments/compose-target'
import { useSettings } from '../../data/settings/settings-queries'
import { QUERY_MAX_XUIDS } from '../../mpsd/limits'
import type { RequestEntity } from '../../mpsd/request-entity'
import { scidSchema, xuidSchema } from '../../mpsd/field-rules'
import { wireSummary } from '../../mpsd/wire-summary'
import { Alert } from '../../components/alert'
import { commandsOffIn } from '../../lib/commands'

const MONIKERS = ['friends', 'favorites', 'people']

export function ActivityToolsPanel({ request }: { request: RequestEntity }) {
  const settings = useSettings()
  // Where Send goes, as whom it sends: the active environment's upstream and actAs (decision 131).
  const { target, send } = useComposeSend()
  const ids = useId()
  const [mode, setMode] = useState<'xuids' | 'people'>('xuids')
  const [ownerText, setOwnerText] = useState('')
  const [moniker, setMoniker] = useState('friends')
  const [monikerXuid, setMonikerXuid] = useState('')
  const [callerXuid, setCallerXuid] = useState('')

  // The SCID as Send would send it (toWire's trim), for the queries these tools make.
  const scid = wireSummary(request).scid ?? ''
  const scidCheck = scidSchema.safeParse(scid)
  const owners = parseXuidText(ownerText)
  const ownerError =
    owners.invalid[0] !== undefined
      ? `Line ${owners.invalid[0].line}: ${owners.invalid[0].reason}`
      : owners.valid.length > QUERY_MAX_XUIDS
        ? `At most ${QUERY_MAX_XUIDS} XUIDs per query (MPSD returns at most 100 handles)`
        : undefined
  const monikerXuidCheck = xuidSchema.safeParse(monikerXuid)
  const callerCheck = xuidSchema.safeParse(callerXuid)

  const find = useMutation({
    mutationFn: (input: Owners) =>
      findActivities({ scid, owners: input, contractVersion: settings.contractVersion }, send),
    meta: { records: ['history'] },
  })
  const clear = useMutation({
    mutationFn: () =>
      clearActivity(
        {
          scid,
          callerXuid: callerXuid.trim(),
          contractVersion: settings.contractVersion,
        },
        send,
      ),
    meta: { records: ['history'] },
  })

  const canFind =
    scidCheck.success &&
    (mode === 'xuids'
      ? owners.valid.length > 0 && ownerError === undefined
      : moniker.trim() !== '' && monikerXuidCheck.success)

  function onFind() {
    if (!canFind || target.waiting || find.isPending) return
    find.mutate(
      mode === 'xuids'
        ? { xuids: owners.valid }
        : { people: { moniker: moniker.trim(), monikerXuid: monikerXuid.trim() } },
    )
  }

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
        For the SCID above
        {scid ? (
          <>
            {' '}
            (<code>{scid}</code>)
          </>
        ) : null}
        .{' '}
        {!scidCheck.success ? (
          <span className="field-error">{scidCheck.error.issues[0]?.message}</span>
        ) : null}
      </p>
      <fieldset className="type-choice">
        <legend>Find by</legend>
        <label>
          <input
            type="radio"
            name={`${ids}-mode`}
            checked={mode === 'xuids'}
            onChange={() => setMode('xuids')}
          />{' '}
          By XUIDs
        </label>
        <label>
          <input
            type="radio"
            name={`${ids}-mode`}
            checked={mode === 'people'}
            onChange={() => setMode('people')}
          />{' '}
          By social group
        </label>
      </fieldset>
      {mode === 'xuids' ? (
        <div className="field">
          <label htmlFor={`${ids}-owners`}>Owner XUIDs</label>
          <textarea
            id={`${ids}-owners`}
            rows={3}
            value={ownerText}
            onChange={(e) => setOwnerText(e.target.value)}
            aria-invalid={ownerError ? 'true' : 'false'}
            aria-describedby={ownerError ? `${ids}-owners-error` : undefined}
            spellCheck={false}
          />
          {ownerError ? (
            <div id={`${ids}-owners-error`} className="field-error">
              {ownerError}
            </div>
          ) : null}
        </div>
      ) : (
        <div className="activity-people">
          <div className="field">
            <label htmlFor={`${ids}-moniker`}>Social group moniker</label>
            <input
              id={`${ids}-moniker`}
              list={`${ids}-monikers`}
              value={moniker}
              onChange={(e) => setMoniker(e.target.value)}
              aria-invalid={moniker.trim() === '' ? 'true' : 'false'}
            />
            <datalist id={`${ids}-monikers`}>
              {MONIKERS.map((m) => (
                <option key={m} value={m} />
              ))}
            </datalist>
          </div>
          <div className="field">
            <label htmlFor={`${ids}-moniker-xuid`}>Moniker XUID</label>
            <input
              id={`${ids}-moniker-xuid`}
              value={monikerXuid}
              onChange={(e) => setMonikerXuid(e.target.value)}
              aria-invalid={monikerXuid !== '' && !monikerXuidCheck.success ? 'true' : 'false'}
              aria-describedby={`${ids}-moniker-xuid-hint`}
            />
            <div
              id={`${ids}-moniker-xuid-hint`}
              className={
                monikerXuid !== '' && !monikerXuidCheck.success ? 'field-error' : 'field-hint'
              }
            >
              {monikerXuid !== '' && !monikerXuidCheck.success
                ? monikerXuidCheck.error.issues[0]?.message
                : 'The user whose group it is.'}
            </div>
          </div>
        </div>
      )}
      <div className="button-row">
        <button
          type="button"
          disabled={!canFind || target.waiting || find.isPending}
          onClick={onFind}
        >
          Find activities
        </button>
      </div>
      {find.error ? <Alert>{find.error.message}</Alert> : null}
      {found && !found.ok ? <Alert>{found.error}</Alert> : null}
      {found?.ok ? <ActivityList activities={found.value} /> : null}

      <div className="field">
        <label htmlFor={`${ids}-caller`}>Your XUID</label>
        <input
          id={`${ids}-caller`}
          value={callerXuid}
          onChange={(e) => setCallerXuid(e.target.value)}
          aria-invalid={callerXuid !== '' && !callerCheck.success ? 'true' : 'false'}
          aria-describedby={`${ids}-caller-hint`}
        />
        <div
          id={`${ids}-caller-hint`}
          className={callerXuid !== '' && !callerCheck.success ? 'field-error' : 'field-hint'}
        >
          {callerXuid !== '' && !callerCheck.success
            ? callerCheck.error.issues[0]?.message
            : 'The XUID of the token’s user: Clear activity queries its activity for this SCID, then deletes it.'}
        </div>
      </div>
      <div className="button-row">
        <button
          type="button"
          disabled={!scidCheck.success || !callerCheck.success || target.waiting || clear.isPending}
          onClick={() => clear.mutate()}
        >
          Clear activity
        </button>
      </div>
      {clear.error ? <Alert>{clear.error.message}</Alert> : null}
      {cleared && !cleared.ok ? <Alert>{cleared.error}</Alert> : null}
      {cleared?.ok ? <p role="status">Activity {cleared.value.deletedId} deleted.</p> : null}
    </section>
  )
}

function ActivityList({ activities }: { activities: FoundActivity[] }) {
  if (activities.length === 0) return <p role="status">No activities found.</p>
  return (
    <>
      <p role="status">
        {activities.length} {activities.length === 1 ? 'activity' : 'activities'} found.
      </p>
      <ul className="activity-list" aria-label="Activities">
        {activities.map((a) => (
          <li key={a.id} className="activity-item">
            <dl>
              <dt>Handle</dt>
              <dd className="mono">{a.id}</dd>
              <dt>Owner</dt>
              <dd className="mono">{a.ownerXuid ?? '—'}</dd>
              <dt>Session</dt>
              <dd className="mono">
                {[a.sessionRef?.scid, a.sessionRef?.templateName, a.sessionRef?.name]
                  .filter(Boolean)
                  .join(' / ') || '—'}
              </dd>
              <dt>Title</dt>
              <dd className="mono">{a.titleId ?? '—'}</dd>
            </dl>
            <h4>relatedInfo</h4>
            {a.relatedInfo ? (
              <dl className="related-info">
                {Object.entries(a.relatedInfo).map(([key, value]) => (
                  <div key={key}>
                    <dt>{key}</dt>
                    <dd className="mono">
                      {typeof value === 'string' ? value : JSON.stringify(value)}
                    </dd>
                  </div>
                ))}
              </dl>
            ) : (
              <p className="muted">Not returned.</p>
            )}
            <h4>customProperties</h4>
            <pre>
              {a.customProperties === undefined
                ? 'Not returned.'
                : JSON.stringify(a.customProperties, null, 2)}
            </pre>
          </li>
        ))}
      </ul>
    </>
  )
}
