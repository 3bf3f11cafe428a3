// The composer's controls: a line of text, a text area and a choice, each a labelled Field with its
// message linked (aria-describedby) and aria-invalid, registered with the form. MPSD's fields
// (compose-form.tsx) and Multiplayer Activity's (mpa-fields.tsx) are built from these same three.
import { memo, type ReactNode } from 'react'
import type { UseFormRegister } from 'react-hook-form'
import { Field } from '../../components/field'
import { FIELD_LABELS, type ComposeField } from './compose-fields'
import type { ComposeFormValues } from './compose-form-schema'

type ControlProps = {
  field: ComposeField
  error: string | undefined
  hint?: ReactNode
  /** Beside the value, not part of its description (a counter, a warning). */
  live?: ReactNode
  register: UseFormRegister<ComposeFormValues>
}

// Memoized: when the form re-renders (a message or the request type changed), a field whose
// message and hint did not change is neither rendered nor compared again.
export const TextField = memo(function TextField({
  field,
  error,
  hint,
  live,
  register,
}: ControlProps) {
  return (
    <Field label={FIELD_LABELS[field]} error={error} hint={hint} live={live}>
      {({ id, describedBy, invalid }) => (
        <input
          id={id}
          {...register(field)}
          aria-invalid={invalid ? 'true' : 'false'}
          aria-describedby={describedBy}
          autoComplete="off"
          spellCheck={false}
        />
      )}
    </Field>
  )
})

/** Several lines: a list of XUIDs, or JSON (`mono`) sent as typed. */
export const TextAreaField = memo(function TextAreaField({
  field,
  error,
  hint,
  live,
  register,
  mono = false,
}: ControlProps & { mono?: boolean }) {
  return (
    <Field label={FIELD_LABELS[field]} error={error} hint={hint} live={live}>
      {({ id, describedBy, invalid }) => (
        <textarea
          id={id}
          {...register(field)}
          rows={3}
          className={mono ? 'mono' : undefined}
          aria-invalid={invalid ? 'true' : 'false'}
          aria-describedby={describedBy}
          autoComplete="off"
          spellCheck={false}
        />
      )}
    </Field>
  )
})

/**
 * A choice among [value, label] options. Given the field's `value`, one that is no option (from a
 * paste or an old draft) stays selectable: nothing is lost.
 */
export const ChoiceField = memo(function ChoiceField({
  field,
  error,
  hint,
  live,
  register,
  options,
  value,
}: ControlProps & { options: ReadonlyArray<readonly [string, string]>; value?: string }) {
  const all =
    value === undefined || options.some(([v]) => v === value)
      ? options
      : [...options, [value, value] as const]
  return (
    <Field label={FIELD_LABELS[field]} error={error} hint={hint} live={live}>
      {({ id, describedBy, invalid }) => (
        <select
          id={id}
          {...register(field)}
          aria-invalid={invalid ? 'true' : 'false'}
          aria-describedby={describedBy}
        >
          {all.map(([v, label]) => (
            <option key={v} value={v}>
              {label}
            </option>
          ))}
        </select>
      )}
    </Field>
  )
})
