// What stands between the list and Send: the draft's problems, the live pacing checks, and the
// "same call within 5 s" warnings that ask for a confirmation.
import { useId } from 'react'
import type { LintWarning } from '../../data/batch/batch-lint'

export function BatchChecks({
  issues,
  liveWarnings,
  pendingWarnings,
  onConfirm,
  onDismiss,
}: {
  issues: readonly string[]
  liveWarnings: readonly LintWarning[]
  pendingWarnings: readonly LintWarning[] | undefined
  onConfirm: () => void
  onDismiss: () => void
}) {
  const id = useId()
  return (
    <>
      {issues.length > 0 ? (
        <div className="notice" id={`${id}-issues`}>
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
            <button type="button" className="primary" onClick={onConfirm}>
              Send anyway
            </button>
            <button type="button" onClick={onDismiss}>
              Don’t send
            </button>
          </div>
        </div>
      ) : null}
    </>
  )
}
