import { zodResolver } from '@hookform/resolvers/zod'
import { useDeferredValue, useEffect, useMemo, useState, type ReactNode } from 'react'
import { useForm, useWatch, type FieldPath } from 'react-hook-form'
import { Field } from '../../components/field'
import { useAutosaveDraft, useRestoreStashedDraft } from '../../data/drafts/draft-queries'
import { readStash } from '../../data/drafts/draft-store'
import { useSettings } from '../../data/settings/settings-queries'
import { useSendRequest } from '../../data/send/use-send-request'
import { CONTEXT_MAX_ENCODED_LENGTH } from '../../mpsd/limits'
import type { RequestEntity } from '../../mpsd/request-entity'
import { requestFromFields } from '../../mpsd/request-fields'
import { encodedLength } from '../../mpsd/field-rules'
import {
  composeFormSchema,
  composeIssues,
  FIELD_LABELS,
  toWireRequest,
  type ComposeField,
  type ComposeFormValues,
} from './compose-form-schema'
import { PasteJsonButton } from './paste-json-button'
import { RequestPreview } from './request-preview'

type ComposeFormProps = {
  initialValues: ComposeFormValues
  source: string | undefined
  extraActions: ((request: RequestEntity) => ReactNode) | undefined
  belowForm: ((request: RequestEntity) => ReactNode) | undefined
}

export function ComposeForm({ initialValues, source, extraActions, belowForm }: ComposeFormProps) {
  const settings = useSettings()
  const form = useForm<ComposeFormValues>({
    resolver: zodResolver(composeFormSchema),
    defaultValues: initialValues,
    // Rules are checked as the user types, not on submit.
    mode: 'onChange',
  })
  const { register, control, formState, setValue, trigger, getValues } = form
  const values = useWatch({ control }) as ComposeFormValues

  // Autosave on every change: a reload, a crash or a visit to another view finds the draft as it was.
  const autosave = useAutosaveDraft()
  useEffect(() => {
    autosave(values)
  }, [values, autosave])

  // Show the messages of a restored draft at once: its fields were typed in an earlier visit.
  // Only the values the form mounted with: autosave updates initialValues on every keystroke.
  const [mountedWith] = useState(initialValues)
  useEffect(() => {
    const filled = (Object.keys(mountedWith) as Array<keyof ComposeFormValues>).filter(
      (key) => key !== 'kind' && mountedWith[key] !== '',
    )
    if (filled.length > 0) void trigger(filled as Array<FieldPath<ComposeFormValues>>)
  }, [mountedWith, trigger])

  // The keystroke is the urgent update; the preview, its checks and the panels under the form
  // follow from a deferred copy, so a long form never makes typing wait for them.
  const deferred = useDeferredValue(values)
  // The preview and Send are built by the same function from the same values, so they cannot
  // disagree; Send reads the latest values, which the preview shows a frame later at most.
  const request = useMemo(
    () => toWireRequest(deferred, settings.contractVersion),
    [deferred, settings.contractVersion],
  )
  const issues = useMemo(() => composeIssues(deferred), [deferred])
  const deferredRequest = useMemo(() => requestFromFields(deferred), [deferred])
  const send = useSendRequest()
  const isInvite = values.kind === 'invite'
  const encoded = encodedLength(deferred.context ?? '')

  function fillFrom(fields: Partial<ComposeFormValues>) {
    for (const [key, value] of Object.entries(fields) as Array<[keyof ComposeFormValues, string]>) {
      setValue(key, value as never, { shouldDirty: true, shouldTouch: true, shouldValidate: true })
    }
  }

  function onSend() {
    const current = getValues()
    if (composeIssues(current).length > 0 || send.isPending) return
    send.mutate({
      request: toWireRequest(current, settings.contractVersion),
      composed: requestFromFields(current),
      kind: current.kind,
    })
  }

  const errorOf = (field: ComposeField) => formState.errors[field]?.message

  const text = (field: ComposeField, hint?: ReactNode) => (
    <Field label={FIELD_LABELS[field]} error={errorOf(field)} hint={hint}>
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

  const stashCount = readStash().length
  const restore = useRestoreStashedDraft()

  return (
    <section className="panel compose" aria-labelledby="compose-heading">
      <h2 id="compose-heading">Compose</h2>
      {source ? <p className="notice">Opened from {source} as a new draft.</p> : null}
      <form
        noValidate
        onSubmit={(event) => {
          event.preventDefault()
          onSend()
        }}
      >
        <fieldset className="type-choice">
          <legend>Request type</legend>
          <label>
            <input type="radio" value="activity" {...register('kind')} /> Activity
          </label>
          <label>
            <input type="radio" value="invite" {...register('kind')} /> Invite
          </label>
        </fieldset>
        <p className="muted">
          POST /handles —{' '}
          {isInvite
            ? 'sends an invite; the answer is an invite handle.'
            : "sets the user's current activity; no response body."}
        </p>
        {text('scid', 'The service configuration ID from Partner Center, sent exactly as typed.')}
        {text('templateName')}
        {text(
          'sessionName',
          isInvite ? undefined : 'Optional for an activity: MPSD fills in a GUID.',
        )}
        {isInvite ? (
          <>
            {text('invitedXuid', 'One XUID per request, as Microsoft’s SDK sends invites.')}
            {text('titleId', 'Decimal, 0 to 4294967295; sent as a string.')}
            {text(
              'context',
              <span>
                Encoded length: {encoded ?? '—'} / {CONTEXT_MAX_ENCODED_LENGTH}
              </span>,
            )}
            {text('contextString', 'Optional. An ID from the service config, starting with ///.')}
            {text(
              'senderString',
              'Service-only: used when a service, not a user, sends the invite.',
            )}
          </>
        ) : null}
        <div className="button-row">
          <button
            type="submit"
            className="primary"
            disabled={issues.length > 0 || send.isPending}
            aria-describedby="compose-issues"
          >
            {send.isPending ? 'Sending…' : 'Send'}
          </button>
          <PasteJsonButton onFill={fillFrom} />
          {stashCount > 0 ? (
            <button type="button" onClick={() => restore.mutate()}>
              Restore previous draft
            </button>
          ) : null}
          {extraActions?.(deferredRequest)}
        </div>
      </form>
      <RequestPreview request={request} issues={issues} upstream={settings.upstream} />
      {belowForm?.(deferredRequest)}
    </section>
  )
}
