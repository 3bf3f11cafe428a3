import { useState } from 'react'
import { Dialog } from '../../components/dialog'
import type { ComposeDraft } from '../../data/drafts/draft-store'
import type { PasteNote } from '../../mpsd/paste-json'
import { Alert } from '../../components/alert'

type PasteJsonButtonProps = { onFill: (fields: Partial<ComposeDraft>) => void }

type Outcome =
  { error: string } | { filled: string[]; placeholders: string[]; unmapped: PasteNote[] }

export function PasteJsonButton({ onFill }: PasteJsonButtonProps) {
  const [open, setOpen] = useState(false)
  const [text, setText] = useState('')
  const [outcome, setOutcome] = useState<Outcome | undefined>()

  async function fill() {
    // The repair parser (jsonrepair, lossless-json) loads on first use: most sessions never paste,
    // and first paint should not pay for it.
    const { parsePastedJson } = await import('../../mpsd/paste-json')
    const result = parsePastedJson(text)
    if (!result.ok) {
      setOutcome({ error: result.error })
      return
    }
    onFill(result.fields)
    setOutcome({
      filled: Object.keys(result.fields),
      placeholders: result.placeholders,
      unmapped: result.unmapped,
    })
    // Close only when everything mapped; otherwise the user reads what was left over.
    if (result.unmapped.length === 0 && result.placeholders.length === 0) {
      setOpen(false)
      setText('')
      setOutcome(undefined)
    }
  }

  return (
    <>
      <button type="button" onClick={() => setOpen(true)}>
        Paste JSON
      </button>
      <Dialog open={open} title="Paste JSON" onClose={() => setOpen(false)}>
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
          <button type="button" className="primary" onClick={() => void fill()}>
            Fill form
          </button>
          <button type="button" onClick={() => setOpen(false)}>
            Close
          </button>
        </div>
      </Dialog>
    </>
  )
}
