import { useId, type ReactNode } from 'react'

type FieldProps = {
  label: string
  /** The control, given the ids it must carry. */
  children: (ids: { id: string; describedBy: string | undefined; invalid: boolean }) => ReactNode
  error?: string | undefined
  hint?: ReactNode
  /**
   * Shown under the hint but not part of the control's description: for text that changes as the
   * user types (a counter). A description that changes on every keystroke makes Chromium's
   * autofill parse the whole form again each time (about 5 ms of CPU per key, found profiling
   * `npm run bench`); the hint states the rule, this shows where the value stands.
   */
  live?: ReactNode
}

/**
 * A label, a control, an optional hint and an error message linked to the control with
 * aria-describedby, so screen readers read the rule that failed with the field.
 */
export function Field({ label, children, error, hint, live }: FieldProps) {
  const id = useId()
  const hintId = `${id}-hint`
  const errorId = `${id}-error`
  const describedBy = [hint ? hintId : undefined, error ? errorId : undefined]
    .filter(Boolean)
    .join(' ')
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      {children({ id, describedBy: describedBy || undefined, invalid: Boolean(error) })}
      {hint ? (
        <div id={hintId} className="field-hint">
          {hint}
        </div>
      ) : null}
      {live ? <div className="field-hint">{live}</div> : null}
      {error ? (
        <div id={errorId} className="field-error">
          {error}
        </div>
      ) : null}
    </div>
  )
}
