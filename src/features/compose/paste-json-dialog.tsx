// The "Paste JSON" dialog: loaded with its repair parser (jsonrepair, lossless-json) on the first
// click of its button (paste-json-button.tsx), so the composer's first load carries neither.
// A paste replaces the draft (decision 132): every change is listed, and "Undo" puts it back.
import { useState } from 'react'
import { Dialog } from '../../components/dialog'
import { Alert } from '../../components/alert'
import { applyPaste, type PasteApplied } from '../../mpsd/paste-apply'
import { isCurlCommand } from '../../mpsd/paste-curl'
import type { PasteNote } from '../../mpsd/paste-result'
import { parsePastedText } from '../../mpsd/paste-text'
import type { RequestFields } from '../../mpsd/request-fields'

type PasteJsonDialogProps = {
  open: boolean
  onClose: () => void
  /** The form's values now: what a paste replaces, and what "Undo" brings back. */
  current: () => RequestFields
  onFill: (fields: Partial<RequestFields>) => void
}

type Outcome =
  | { error: string }
  | {
      applied: PasteApplied
      before: RequestFields
      from: 'curl' | 'JSON'
      unmapped: PasteNote[]
      undone: boolean
    }

const shown = (value: string) => (value === '' ? '(empty)' : `“${value}”`)

function Kept({ kept, because }: { kept: PasteApplied['kept']; because: string }) {
  if (kept.length === 0) return null
  return (
    <p>
      {because}: {kept.map((k) => `${k.label} (${shown(k.value)})`).join(', ')}.
    </p>
  )
}

export function PasteJsonDialog({ open, onClose, current, onFill }: PasteJsonDialogProps) {
  const [text, setText] = useState('')
  const [outcome, setOutcome] = useState<Outcome | undefined>()

  function replace() {
    const result = parsePastedText(text)
    if (!result.ok) {
      setOutcome({ error: result.error })
      return
    }
    const before = current()
    const applied = applyPaste(before, result)
    onFill(applied.fields)
    setOutcome({
      applied,
      before,
      from: isCurlCommand(text) ? 'curl' : 'JSON',
      unmapped: result.unmapped,
      undone: false,
    })
  }

  function undo() {
    if (!outcome || !('applied' in outcome)) return
    onFill(outcome.before)
    setOutcome({ ...outcome, undone: true })
  }

  const done = outcome && 'applied' in outcome ? outcome : undefined
  return (
    <Dialog open={open} title="Paste JSON" onClose={onClose}>
      <div className="field">
        <label htmlFor="paste-json-text">JSON body or curl command to paste</label>
        <textarea
          id="paste-json-text"
          rows={14}
          value={text}
          onChange={(event) => setText(event.target.value)}
          spellCheck={false}
          aria-describedby="paste-json-hint"
          aria-invalid={outcome && 'error' in outcome ? 'true' : 'false'}
        />
        <div id="paste-json-hint" className="field-hint">
          A handle body, a session reference, a Multiplayer Activity body (set activity, invites,
          query, recent players), or a curl command (“Copy as curl” here or in a browser). It
          replaces the draft; Undo puts it back. Samples from the docs work as they are: comments,
          trailing commas and {'{placeholders}'} are handled, and a field whose value is a
          placeholder keeps what the form has.
        </div>
      </div>
      {outcome && 'error' in outcome ? <Alert>{outcome.error}</Alert> : null}
      {done ? (
        <div role="status" className="notice paste-summary">
          {done.undone ? (
            <p>Undone: the draft is back as it was before the paste.</p>
          ) : (
            <>
              <p>
                {done.applied.changes.length === 0
                  ? `The pasted ${done.from} is what the draft already held: nothing changed.`
                  : `Draft replaced from the pasted ${done.from}: ${done.applied.changes.length} ${done.applied.changes.length === 1 ? 'change' : 'changes'}.`}
              </p>
              {done.applied.changes.length > 0 ? (
                <ul aria-label="Changes">
                  {done.applied.changes.map((change) => (
                    <li key={change.field}>
                      {change.label}: {shown(change.from)} → {shown(change.to)}
                    </li>
                  ))}
                </ul>
              ) : null}
              <Kept
                kept={done.applied.kept.filter((k) => k.why === 'placeholder')}
                because="Placeholders, so the draft’s value was kept"
              />
              <Kept
                kept={done.applied.kept.filter((k) => k.why === 'url')}
                because="In the URL, not in a body, so the draft’s value was kept"
              />
            </>
          )}
          {done.unmapped.length > 0 ? (
            <>
              <p>Not mapped:</p>
              <ul aria-label="Not mapped">
                {done.unmapped.map((note) => (
                  <li key={note.path}>
                    <code>{note.path}</code>: {note.reason}
                  </li>
                ))}
              </ul>
            </>
          ) : null}
        </div>
      ) : null}
      <div className="button-row">
        <button type="button" className="primary" onClick={replace}>
          Replace draft
        </button>
        {done && !done.undone && done.applied.changes.length > 0 ? (
          <button type="button" onClick={undo}>
            Undo
          </button>
        ) : null}
        <button type="button" onClick={onClose}>
          Close
        </button>
      </div>
    </Dialog>
  )
}
