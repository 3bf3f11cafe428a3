import {
  lazy,
  memo,
  Suspense,
  useCallback,
  useEffect,
  useMemo,
  useState,
  type ReactNode,
} from 'react'
import { useForm, useWatch, type FieldPath, type UseFormRegister } from 'react-hook-form'
import { ComposePane } from './compose-pane'
import { useAutosaveDraft, useRestoreStashedDraft } from '../../data/drafts/draft-queries'
import { readStash } from '../../data/drafts/draft-store'
import { withDraftExpectations } from '../../data/drafts/draft-expectations'
import { useSettings } from '../../data/settings/settings-queries'
import { COMPOSE_SEND_KEY, useSendRequest } from '../../data/send/use-send-request'
import { useCommand } from '../../lib/commands'
import { useFirstRenderDone } from '../../lib/use-first-render-done'
import type { VariableScope } from '../../data/environments/environment-queries'
import { useComposeTarget, type ComposeTarget } from '../../data/environments/compose-target'
import { CONTEXT_MAX_ENCODED_LENGTH } from '../../mpsd/limits'
import type { RequestEntity } from '../../mpsd/request-entity'
import { fieldsOfKind, requestFromFields } from '../../mpsd/request-fields'
import {
  KIND_LABELS,
  KIND_SERVICE,
  REQUEST_KINDS,
  type RequestKind,
} from '../../mpsd/request-kinds'
import { MEMBER_STATUSES, WRITE_MODES } from '../../mpsd/session-choices'
import { ChoiceField, TextAreaField, TextField } from './compose-controls'
import type { ComposeField } from './compose-fields'
import {
  lastIssuesOf,
  loadChecks,
  loadedChecks,
  resolverOf,
  scopeBoxOf,
  type Checks,
  type IssuesOf,
} from './compose-checks'
import type { ComposeFormValues, ComposeScope } from './compose-form-schema'
import { liveDraftOf, useLiveDraft, useLiveField, type LiveDraft } from './live-draft'
import { PasteJsonButton } from './paste-json-button'
import { loadedPreview, loadPreview } from './preview-loader'
import { VariablesUsed } from './variables-used'
import { ServiceChoice, type Service } from './service-choice'

// Multiplayer Activity's fields load when the Service is first switched to it (decision 110).
const MpaCompose = lazy(() => import('./mpa-fields').then((m) => ({ default: m.MpaCompose })))

/**
 * A tab of the request pane beside the form's own "Fields" (batch invites, activity tools…), given
 * by src/app (compose-tabs.tsx): shown for the request kinds `when` accepts, rendered with the live
 * request, variables resolved, once its tab is first chosen.
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
  /** Under the form in its "Fields" tab (the Session panel: what Send would meet), resolved. */
  belowForm: ((request: RequestEntity) => ReactNode) | undefined
  sections: readonly ComposeSection[] | undefined
}

/** Fields shown as a choice or a JSON text area; every other field is a line of text. */
const FIELD_CHOICES: Partial<Record<ComposeField, ReadonlyArray<readonly [string, string]>>> = {
  memberStatus: Object.entries(MEMBER_STATUSES),
  writeMode: Object.entries(WRITE_MODES),
}
const JSON_FIELDS: ReadonlySet<ComposeField> = new Set([
  'sessionConstants',
  'sessionProperties',
  'searchNumbers',
  'searchStrings',
])

const FIELD_HINTS: Partial<Record<ComposeField, string>> = {
  scid: 'The service configuration ID from Partner Center, sent exactly as typed.',
  invitedXuid: 'One XUID per request, as Microsoft’s SDK sends invites.',
  titleId: 'Decimal, 0 to 4294967295; sent as a string.',
  context: `At most ${CONTEXT_MAX_ENCODED_LENGTH} characters once URI-encoded.`,
  contextString: 'Optional. An ID from the service config, starting with ///.',
  senderString: 'Service-only: used when a service, not a user, sends the invite.',
  memberXuid:
    'Optional: members.me.constants.system.xuid, sent on a member’s first write (use the Act as player’s XUID).',
  sessionConstants:
    'Optional JSON object, e.g. {"system":{"maxMembersCount":8}}; only on the write that creates the session.',
  sessionProperties:
    'Optional JSON object, e.g. {"system":{"joinRestriction":"followed"},"custom":{}}.',
  originScid: 'The session the players come from: its members may use the handle.',
  searchTags: 'Optional, comma-separated: a letter first, no spaces.',
  searchNumbers: 'Optional JSON object of numbers, e.g. {"skill": 10.5}.',
  searchStrings: 'Optional JSON object of strings, e.g. {"class": "A"}.',
  filter: "Optional OData filter, e.g. tolower(strings/class) eq 'a'.",
  orderBy: 'Optional: an attribute and asc or desc, e.g. Timestamp asc.',
  socialGroup: 'Optional: a moniker such as favorites or people; needs its XUID.',
}

/** What each kind sends, under the type choice. */
const KIND_SUMMARIES: Partial<Record<RequestKind, string>> = {
  activity: "POST /handles — sets the user's current activity; no response body.",
  invite: 'POST /handles — sends an invite; the answer is an invite handle.',
  session:
    'PUT /serviceconfigs/{scid}/sessionTemplates/{template}/sessions/{name} — creates or updates the session; "me" is whoever sends (Act as).',
  transfer:
    'POST /handles — a transfer handle: members of the origin session may join the target session with it.',
  search: 'POST /handles — makes the session findable by search; one search handle per session.',
  searchQuery:
    'POST /handles/query?include=relatedInfo,roleInfo,customProperties — finds sessions by their search handles.',
}

// getValues and fillFrom are stable, so the paste button and its dialog do not re-render with the form.
const PasteJson = memo(PasteJsonButton)

const TypeChoice = memo(function TypeChoice({
  register,
}: {
  register: UseFormRegister<ComposeFormValues>
}) {
  return (
    <fieldset className="type-choice">
      <legend>Request type</legend>
      {REQUEST_KINDS.filter((kind) => KIND_SERVICE[kind] === 'mpsd').map((kind) => (
        <label key={kind}>
          <input type="radio" value={kind} {...register('kind')} /> {KIND_LABELS[kind]}
        </label>
      ))}
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
  scope: ComposeScope
  pending: boolean
  /** The chosen environment is being read: its variables are not known yet. */
  waiting: boolean
}

function SendButton({ live, loaded, issuesOf, scope, pending, waiting }: SendButtonProps) {
  const draft = useLiveDraft(live)
  // Send waits for the checks, which load right after the first render.
  const issues = loaded ? issuesOf(loaded, draft, scope) : undefined
  return (
    <button
      type="submit"
      className="primary"
      disabled={!issues || issues.length > 0 || pending || waiting}
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

/**
 * A module loaded after the first render, as state: the render that needs it waits for it in an
 * effect rather than suspending, since a suspended deferred render is only retried when something
 * else updates the form (seen in the component tests: the preview never came).
 */
function useLoaded<T extends object>(
  loaded: () => T | undefined,
  load: () => Promise<T>,
  enabled: boolean,
): T | undefined {
  const [value, setValue] = useState<T | undefined>(loaded)
  useEffect(() => {
    if (!enabled || value) return
    let current = true
    void load().then((module) => {
      if (current) setValue(() => module)
    })
    return () => {
      current = false
    }
  }, [enabled, value, load])
  return enabled ? (value ?? loaded()) : undefined
}

/** A panel that sends (batch invites, activity tools, the Session panel): the resolved request. */
function LiveResolved({
  live,
  loaded,
  scope,
  render,
}: {
  live: LiveDraft
  loaded: Checks
  scope: ComposeScope
  render: (request: RequestEntity) => ReactNode
}) {
  const draft = useLiveDraft(live)
  return render(useMemo(() => loaded.resolveDraft(draft, scope).request, [loaded, draft, scope]))
}

type LiveOutputsProps = {
  live: LiveDraft
  loaded: Checks
  issuesOf: IssuesOf
  scope: ComposeScope
  variableScope: VariableScope
  target: ComposeTarget
}

function LiveOutputs({ live, loaded, issuesOf, scope, variableScope, target }: LiveOutputsProps) {
  const settings = useSettings()
  const draft = useLiveDraft(live)
  const preview = useLoaded(loadedPreview, loadPreview, true)
  // The preview and Send are built by the same function from the same values and environment, so
  // they cannot disagree.
  const request = useMemo(
    () => loaded.toWireRequest(draft, settings.contractVersion, scope),
    [loaded, draft, settings.contractVersion, scope],
  )
  const resolved = useMemo(() => loaded.resolveDraft(draft, scope), [loaded, draft, scope])
  const variablesUsed = useMemo(
    () => <VariablesUsed sources={resolved.sources} scope={variableScope} />,
    [resolved.sources, variableScope],
  )
  if (!preview) return null
  const { RequestPreview } = preview
  return (
    <RequestPreview
      request={request}
      issues={issuesOf(loaded, draft, scope)}
      upstream={target.upstream}
      actAs={target.actAs}
      variablesUsed={variablesUsed}
    />
  )
}

export function ComposeForm({
  initialValues,
  source,
  extraActions,
  belowForm,
  sections,
}: ComposeFormProps) {
  const settings = useSettings()
  // Where and as whom Send goes: the environment's upstream / actAs, else Settings and Act as.
  const target = useComposeTarget()
  // The active environment (decision 131): fields may hold `{{name}}`, resolved for the checks,
  // the preview and Send; the draft keeps the references.
  const variableScope = target.scope
  const scope = useMemo<ComposeScope>(
    () => ({
      variables: variableScope.variables,
      environmentName: variableScope.environment?.name,
    }),
    [variableScope],
  )
  const [{ issuesOf, resolver, live, scopeBox }] = useState(() => {
    const issuesOf = lastIssuesOf()
    const scopeBox = scopeBoxOf(scope)
    return {
      issuesOf,
      resolver: resolverOf(issuesOf, scopeBox.get),
      live: liveDraftOf(initialValues),
      scopeBox,
    }
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
  const service = KIND_SERVICE[kind]
  // Each service remembers its last request type, so switching back and forth loses nothing.
  const [lastKind, setLastKind] = useState<Record<Service, RequestKind>>(() => ({
    mpsd: service === 'mpsd' ? kind : 'activity',
    mpa: service === 'mpa' ? kind : 'mpaSetActivity',
  }))
  const chooseService = useCallback(
    (next: Service) => {
      setLastKind((last) => ({ ...last, [KIND_SERVICE[getValues('kind')]]: getValues('kind') }))
      setValue('kind', lastKind[next], { shouldDirty: true, shouldValidate: true })
    },
    [getValues, lastKind, setValue],
  )

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

  // Another environment chosen (or its variables edited): the fields' messages follow at once.
  useEffect(() => {
    if (scopeBox.get() === scope) return
    scopeBox.set(scope)
    const values = getValues()
    const filled = (Object.keys(values) as Array<keyof ComposeFormValues>).filter(
      (key) => key !== 'kind' && values[key] !== '',
    )
    if (filled.length > 0) void trigger(filled as Array<FieldPath<ComposeFormValues>>)
  }, [scope, scopeBox, getValues, trigger])

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
  const complete = useFirstRenderDone()
  // The preview's chunk is fetched beside the checks, not after them.
  if (complete) void loadPreview()
  const loaded = useLoaded(loadedChecks, loadChecks, complete)
  const send = useSendRequest(COMPOSE_SEND_KEY)

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
    // Nothing goes out while the environment or the settings are still being read (decision 140),
    // or with a variable unresolved.
    if (target.waiting) return
    if (!checks || issuesOf(checks, current, scope).length > 0 || send.isPending) return
    send.mutate({
      request: checks.toWireRequest(current, settings.contractVersion, scope),
      // History keeps the request as it went out, variables resolved (decision 131), with the
      // draft's expectations, resolved by the same variables (decision 120).
      composed: withDraftExpectations(checks.resolveDraft(current, scope).request, scope.variables),
      kind: current.kind,
      ...target.overrides,
    })
  }

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
          content: () =>
            loaded ? (
              <LiveResolved live={live} loaded={loaded} scope={scope} render={section.render} />
            ) : null,
        }))}
      preview={
        loaded ? (
          <LiveOutputs
            live={live}
            loaded={loaded}
            issuesOf={issuesOf}
            scope={scope}
            variableScope={variableScope}
            target={target}
          />
        ) : null
      }
    >
      <form
        noValidate
        onSubmit={(event) => {
          event.preventDefault()
          onSend()
        }}
      >
        <ServiceChoice service={service} onChange={chooseService} />
        {service === 'mpa' ? (
          <>
            <Suspense fallback={<p role="status">Loading…</p>}>
              <MpaCompose
                kind={kind}
                control={control}
                errors={formState.errors}
                register={register}
                getValues={getValues}
                setValue={setValue}
              />
            </Suspense>
          </>
        ) : (
          <>
            <TypeChoice register={register} />
            <p className="muted">{KIND_SUMMARIES[kind]}</p>
            {fieldsOfKind(kind).map((field) => {
              const choices = FIELD_CHOICES[field]
              const error = formState.errors[field]?.message
              const hint =
                field === 'sessionName' && kind === 'activity'
                  ? 'Optional for an activity: MPSD fills in a GUID.'
                  : field === 'sessionName' && kind === 'transfer'
                    ? 'The target session: the one the handle lets players join.'
                    : FIELD_HINTS[field]
              if (choices)
                return (
                  <ChoiceField
                    key={field}
                    field={field}
                    error={error}
                    hint={hint}
                    register={register}
                    options={choices}
                  />
                )
              if (JSON_FIELDS.has(field))
                return (
                  <TextAreaField
                    key={field}
                    field={field}
                    error={error}
                    hint={hint}
                    register={register}
                    mono
                  />
                )
              return (
                <TextField
                  key={field}
                  field={field}
                  error={error}
                  hint={hint}
                  live={field === 'context' ? encodedCount : undefined}
                  register={register}
                />
              )
            })}
          </>
        )}
        <div className="button-row">
          <SendButton
            live={live}
            loaded={loaded}
            issuesOf={issuesOf}
            scope={scope}
            pending={send.isPending}
            waiting={target.waiting}
          />
          <PasteJson current={getValues} onFill={fillFrom} />
          {hasStash ? (
            <button type="button" onClick={() => restore.mutate()}>
              Restore previous draft
            </button>
          ) : null}
          {complete && extraActions ? <LiveActions live={live} render={extraActions} /> : null}
        </div>
      </form>
      {loaded && belowForm ? (
        <LiveResolved live={live} loaded={loaded} scope={scope} render={belowForm} />
      ) : null}
    </ComposePane>
  )
}
