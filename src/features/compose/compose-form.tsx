import {
  memo,
  use,
  useCallback,
  useDeferredValue,
  useEffect,
  useMemo,
  useState,
  type ReactNode,
} from 'react'
import { useForm, useWatch, type FieldPath, type UseFormRegister } from 'react-hook-form'
import { Field } from '../../components/field'
import { ComposePane } from './compose-pane'
import { useAutosaveDraft, useRestoreStashedDraft } from '../../data/drafts/draft-queries'
import { readStash } from '../../data/drafts/draft-store'
import { useSettings } from '../../data/settings/settings-queries'
import { useSendRequest } from '../../data/send/use-send-request'
import { useCommand } from '../../lib/commands'
import { CONTEXT_MAX_ENCODED_LENGTH } from '../../mpsd/limits'
import type { RequestEntity } from '../../mpsd/request-entity'
import { requestFromFields } from '../../mpsd/request-fields'
import { FIELD_LABELS, type ComposeField } from './compose-fields'
import {
  lastIssuesOf,
  loadChecks,
  loadedChecks,
  resolverOf,
  type Checks,
  type IssuesOf,
} from './compose-checks'
import type { ComposeFormValues } from './compose-form-schema'
import { liveDraftOf, useLiveDraft, useLiveField, type LiveDraft } from './live-draft'
import { PasteJsonButton } from './paste-json-button'
import { loadedPreview, loadPreview } from './preview-loader'

/**
 * A tab of the request pane beside the form's own "Fields" (batch invites, activity tools…), given
 * by src/app (compose-tabs.tsx): shown for the request kinds `when` accepts, rendered with the live
 * request once its tab is first chosen.
 */
export type ComposeSection = {
  id: string
  label: string
  when?: (kind: RequestEntity['kind']) => boolean
  /** Checked once when the pane opens: true brings this tab forward (a batch run to resume). */
  opensWhen?: () => Promise<boolean>
  render: (request: RequestEntity) => ReactNode
}

type ComposeFormProps = {
  initialValues: ComposeFormValues
  source: string | undefined
  extraActions: ((request: RequestEntity) => ReactNode) | undefined
  sections: readonly ComposeSection[] | undefined
}

type TextFieldProps = {
  field: ComposeField
  error: string | undefined
  hint?: ReactNode
  live?: ReactNode
  register: UseFormRegister<ComposeFormValues>
}

// Memoized, as is the type choice: when the form re-renders (a message or the request type
// changed), a field whose message and hint did not change is neither rendered nor compared again.
const TextField = memo(function TextField({ field, error, hint, live, register }: TextFieldProps) {
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

// fillFrom is stable, so the paste button and its dialog do not re-render with the form.
const PasteJson = memo(PasteJsonButton)

const TypeChoice = memo(function TypeChoice({
  register,
}: {
  register: UseFormRegister<ComposeFormValues>
}) {
  return (
    <fieldset className="type-choice">
      <legend>Request type</legend>
      <label>
        <input type="radio" value="activity" {...register('kind')} /> Activity
      </label>
      <label>
        <input type="radio" value="invite" {...register('kind')} /> Invite
      </label>
    </fieldset>
  )
})

/** Re-renders only when Context changes. */
function EncodedCount({ live, loaded }: { live: LiveDraft; loaded: Checks | undefined }) {
  const context = useLiveField(live, 'context')
  return (
    <span>
      Encoded length: {loaded?.encodedLength(context) ?? '—'} / {CONTEXT_MAX_ENCODED_LENGTH}
    </span>
  )
}

type SendButtonProps = {
  live: LiveDraft
  loaded: Checks | undefined
  issuesOf: IssuesOf
  pending: boolean
}

function SendButton({ live, loaded, issuesOf, pending }: SendButtonProps) {
  const draft = useLiveDraft(live)
  // Send waits for the checks, which load right after the first render.
  const issues = loaded ? issuesOf(loaded, draft) : undefined
  return (
    <button
      type="submit"
      className="primary"
      disabled={!issues || issues.length > 0 || pending}
      aria-describedby="compose-issues"
    >
      {pending ? 'Sending…' : 'Send'}
    </button>
  )
}

function LiveActions({
  live,
  render,
}: {
  live: LiveDraft
  render: (request: RequestEntity) => ReactNode
}) {
  const draft = useLiveDraft(live)
  return render(useMemo(() => requestFromFields(draft), [draft]))
}

type LiveOutputsProps = {
  live: LiveDraft
  loaded: Checks
  issuesOf: IssuesOf
}

function LiveOutputs({ live, loaded, issuesOf }: LiveOutputsProps) {
  const settings = useSettings()
  const draft = useLiveDraft(live)
  const { RequestPreview } = loadedPreview() ?? use(loadPreview())
  // The preview and Send are built by the same function from the same values, so they cannot
  // disagree.
  const request = useMemo(
    () => loaded.toWireRequest(draft, settings.contractVersion),
    [loaded, draft, settings.contractVersion],
  )
  return (
    <RequestPreview
      request={request}
      issues={issuesOf(loaded, draft)}
      upstream={settings.upstream}
    />
  )
}

export function ComposeForm({ initialValues, source, extraActions, sections }: ComposeFormProps) {
  const settings = useSettings()
  const [{ issuesOf, resolver, live }] = useState(() => {
    const issuesOf = lastIssuesOf()
    return { issuesOf, resolver: resolverOf(issuesOf), live: liveDraftOf(initialValues) }
  })
  const form = useForm<ComposeFormValues>({
    resolver,
    defaultValues: initialValues,
    // Rules are checked as the user types, not on submit.
    mode: 'onChange',
  })
  const { control, register, formState, setValue, trigger, getValues, subscribe } = form
  // The request type decides which fields exist: only it re-renders the whole form.
  const kind = useWatch({ control, name: 'kind' })
  const isInvite = kind === 'invite'

  // Autosave takes the same values; it writes within a moment, and at once on reload or leaving.
  const autosave = useAutosaveDraft()
  useEffect(
    () =>
      subscribe({
        formState: { values: true },
        callback: ({ values }) => {
          const next = { ...values }
          autosave(next)
          live.set(next)
        },
      }),
    [subscribe, autosave, live],
  )

  // Show the messages of a restored draft at once: its fields were typed in an earlier visit.
  // Only the values the form mounted with: autosave updates initialValues as the user types.
  const [mountedWith] = useState(initialValues)
  useEffect(() => {
    const filled = (Object.keys(mountedWith) as Array<keyof ComposeFormValues>).filter(
      (key) => key !== 'kind' && mountedWith[key] !== '',
    )
    if (filled.length > 0) void trigger(filled as Array<FieldPath<ComposeFormValues>>)
  }, [mountedWith, trigger])

  // False for the first render only: the fields come first; the checks, the preview and the panels
  // under the form (the schema's first run, the storage they read) in the render React does right
  // after, so the form is on screen and usable sooner.
  const complete = useDeferredValue(true, false)
  // The preview's chunk is fetched beside the checks, not after them.
  if (complete) void loadPreview()
  const loaded = complete ? (loadedChecks() ?? use(loadChecks())) : undefined
  const send = useSendRequest()

  const fillFrom = useCallback(
    (fields: Partial<ComposeFormValues>) => {
      for (const [key, value] of Object.entries(fields) as Array<
        [keyof ComposeFormValues, string]
      >) {
        setValue(key, value as never, {
          shouldDirty: true,
          shouldTouch: true,
          shouldValidate: true,
        })
      }
    },
    [setValue],
  )

  // Ctrl/Cmd+Enter (src/app/shortcuts.ts), from any tab of the request pane.
  useCommand('send', onSend)

  function onSend() {
    const current = getValues()
    const checks = loadedChecks()
    if (!checks || issuesOf(checks, current).length > 0 || send.isPending) return
    send.mutate({
      request: checks.toWireRequest(current, settings.contractVersion),
      composed: requestFromFields(current),
      kind: current.kind,
    })
  }

  const text = (field: ComposeField, hint?: ReactNode, count?: ReactNode) => (
    <TextField
      field={field}
      error={formState.errors[field]?.message}
      hint={hint}
      live={count}
      register={register}
    />
  )
  // Memoized with its inputs, so the Context field itself does not re-render on every keystroke.
  const encodedCount = useMemo(() => <EncodedCount live={live} loaded={loaded} />, [live, loaded])

  // Read once: restoring or opening a draft changes the stash and remounts this form.
  const [hasStash] = useState(() => readStash().length > 0)
  const restore = useRestoreStashedDraft()

  return (
    <ComposePane
      source={source}
      sections={(sections ?? [])
        .filter((section) => !section.when || section.when(kind))
        .map((section) => ({
          id: section.id,
          label: section.label,
          opensWhen: section.opensWhen,
          content: () => (complete ? <LiveActions live={live} render={section.render} /> : null),
        }))}
      preview={loaded ? <LiveOutputs live={live} loaded={loaded} issuesOf={issuesOf} /> : null}
    >
      <form
        noValidate
        onSubmit={(event) => {
          event.preventDefault()
          onSend()
        }}
      >
        <TypeChoice register={register} />
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
              `At most ${CONTEXT_MAX_ENCODED_LENGTH} characters once URI-encoded.`,
              encodedCount,
            )}
            {text('contextString', 'Optional. An ID from the service config, starting with ///.')}
            {text(
              'senderString',
              'Service-only: used when a service, not a user, sends the invite.',
            )}
          </>
        ) : null}
        <div className="button-row">
          <SendButton live={live} loaded={loaded} issuesOf={issuesOf} pending={send.isPending} />
          <PasteJson onFill={fillFrom} />
          {hasStash ? (
            <button type="button" onClick={() => restore.mutate()}>
              Restore previous draft
            </button>
          ) : null}
          {complete && extraActions ? <LiveActions live={live} render={extraActions} /> : null}
        </div>
      </form>
    </ComposePane>
  )
}
