// Batch invites through Multiplayer Activity (decision 110): a list of any length goes out 16
// invitees per call, paced by MPA's invite budget (7 per 15 s, 50 per 300 s). Each call is a
// History entry; the list below says which chunks were sent.
import { useId, useRef, useState } from 'react'
import { Alert } from '../../components/alert'
import {
  chunkInvitees,
  runMpaInviteBatch,
  type MpaChunkResult,
} from '../../data/batch/mpa-invite-batch'
import { parseXuidText } from '../../data/batch/parse-xuids'
import { useComposeSend } from '../../data/environments/compose-target'
import type { MpaSendInvitesRequest, RequestEntity } from '../../mpsd/request-entity'
import { fieldsOf } from '../../mpsd/request-fields'
import { requestIssues } from '../../mpsd/request-validate'
import { commandsOffIn } from '../../lib/commands'

export function MpaBatchPanel({ request }: { request: RequestEntity }) {
  // Where Send goes, as whom it sends: the active environment's upstream and actAs (decision 131).
  const { target, send } = useComposeSend()
  const ids = useId()
  const [text, setText] = useState('')
  const [chunks, setChunks] = useState<MpaChunkResult[]>()
  const [running, setRunning] = useState(false)
  const [error, setError] = useState<string>()
  const stop = useRef<AbortController | undefined>(undefined)
  const parsed = parseXuidText(text)
  // The template's other fields must be sendable; its own invitee list is replaced per chunk.
  const template = { ...request, mpaInvite: { invitedUsers: '1' } } as MpaSendInvitesRequest
  const problem = requestIssues(template)[0]
  const invalid = parsed.invalid[0]
  const calls = chunkInvitees(parsed.valid).length

  async function start() {
    const controller = new AbortController()
    stop.current = controller
    setRunning(true)
    setError(undefined)
    try {
      await runMpaInviteBatch(template, parsed.valid, {
        send,
        signal: controller.signal,
        onUpdate: setChunks,
      })
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e))
    } finally {
      setRunning(false)
    }
  }

  return (
    // Its fields are the batch's, not the composed request's: Ctrl/Cmd+Enter here sends nothing.
    <section className="batch" aria-labelledby={`${ids}-heading`} {...commandsOffIn('send')}>
      <h3 id={`${ids}-heading`}>Batch invites (Multiplayer Activity)</h3>
      <p className="muted">
        Title {fieldsOf(request).mpaTitleId || '—'}: 16 invitees per call, paced at MPA’s invite
        budget (7 calls per 15 s, 50 per 300 s).
      </p>
      <div className="field">
        <label htmlFor={`${ids}-xuids`}>Invitees</label>
        <textarea
          id={`${ids}-xuids`}
          rows={4}
          value={text}
          onChange={(e) => setText(e.target.value)}
          aria-invalid={invalid ? 'true' : 'false'}
          aria-describedby={`${ids}-xuids-hint`}
          spellCheck={false}
        />
        <div id={`${ids}-xuids-hint`} className={invalid ? 'field-error' : 'field-hint'}>
          {invalid
            ? `Line ${invalid.line}: ${invalid.reason}`
            : `${parsed.valid.length} XUIDs: ${calls} ${calls === 1 ? 'call' : 'calls'}.`}
        </div>
      </div>
      {problem ? (
        <p className="field-error">
          Fix the request first: {problem.label}: {problem.message}
        </p>
      ) : null}
      <div className="button-row">
        <button
          type="button"
          disabled={
            running ||
            target.waiting ||
            parsed.valid.length === 0 ||
            Boolean(invalid) ||
            Boolean(problem)
          }
          onClick={() => void start()}
        >
          Invite in {calls} {calls === 1 ? 'call' : 'calls'}
        </button>
        {running ? (
          <button type="button" onClick={() => stop.current?.abort('cancel')}>
            Cancel
          </button>
        ) : null}
      </div>
      {error ? <Alert>{error}</Alert> : null}
      {chunks ? (
        <ol aria-label="Batch calls">
          {chunks.map((chunk, index) => (
            <li key={index}>
              {chunk.xuids.length} invitees ({chunk.xuids[0]}…): {chunk.status}
              {chunk.detail ? ` — ${chunk.detail}` : ''}
            </li>
          ))}
        </ol>
      ) : null}
    </section>
  )
}
