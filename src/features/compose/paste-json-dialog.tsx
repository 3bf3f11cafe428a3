// The "Paste JSON" dialog: loaded with its repair parser (jsonrepair, lossless-json) on the first
// click of its button (paste-json-button.tsx), so the composer's first load carries neither.
import { useState } from 'react'
import { Dialog } from '../../components/dialog'
import { Alert } from '../../components/alert'
import { parsePastedJson, pastedFields, type PasteNote } from '../../mpsd/paste-json'
import { REQUEST_FIELDS, type RequestFields } from '../../mpsd/request-fields'

type PasteJsonDialogProps = {
  open: boolean
  onClose: () => void
  onFill: (fields: Partial<RequestFields>) => void
}

type Outcome =
  { error: string } | { filled: string[]; placeholders: string[]; unmapped: PasteNote[] }

export function PasteJsonDialog({ open, onClose, onFill }: PasteJsonDialogProps) {
  const [text, setText] = useState('')
  const [outcome, setOutcome] = useState<Outcome | undefined>()

  function fill() {
    const result = parsePastedJson(text)
    if (!result.ok) {
      setOutcome({ error: result.error })
      return
    }
    onFill(pastedFields(result))
    setOutcome({
      filled: result.filled.map((key) =>
        key === 'kind' ? 'Request type' : REQUEST_FIELDS[key].label,
      ),
      placeholders: result.placeholders,
      unmapped: result.unmapped,
    })
    // Close only when everything mapped; otherwise the user reads what was left over.
    if (result.unmapped.length === 0 && result.placeholders.length === 0) {
      onClose()
      setText('')
      setOutcome(undefined)
    }
  }

  return (
    <Dialog open={open} title="Paste JSON" onClose={onClose}>
      <div className="field">
        <label htmlFor="paste-json-text">JSON to paste</label>
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
          A handle body or session reference. Samples from the docs work as they are: comments,
          trailing commas and {'{placeholders}'} are handled.
        </div>
      </div>
      {outcome && 'error' in outcome ? <Alert>{outcome.error}</Alert> : null}
      {outcome && 'filled' in outcome ? (
        <div role="status" className="notice">
          <p>Filled: {outcome.filled.join(', ') || 'nothing'}.</p>
          {outcome.placeholders.length > 0 ? (
            <p>Placeholders left empty for you to fill: {outcome.placeholders.join(', ')}.</p>
          ) : null}
          {outcome.unmapped.length > 0 ? (
            <>
              <p>Not mapped:</p>
              <ul aria-label="Not mapped">
                {outcome.unmapped.map((note) => (
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
        <button type="button" className="primary" onClick={fill}>
          Fill form
        </button>
        <button type="button" onClick={onClose}>
          Close
        </button>
      </div>
    </Dialog>
  )
}
