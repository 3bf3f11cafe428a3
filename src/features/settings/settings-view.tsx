import { zodResolver } from '@hookform/resolvers/zod'
import { useEffect, useRef, useState } from 'react'
import { useForm } from 'react-hook-form'
import { z } from 'zod'
import { Field } from '../../components/field'
import {
  useAuthorization,
  useSettings,
  useUpdateAuthorization,
  useUpdateSettings,
} from '../../data/settings/settings-queries'
import { XBOX_LIVE_ORIGIN } from '../../mpsd/limits'
import { SIMULATOR_UPSTREAM } from '../../mpsd/proxy-protocol'
import { useUpstreams } from '../../data/settings/upstreams-queries'
import { contractVersionSchema } from '../../mpsd/schemas'
import { Alert } from '../../components/alert'

const settingsFormSchema = z.object({
  proxyUrl: z.string().trim().min(1, 'Proxy URL is required'),
  upstream: z.string().min(1),
  contractVersion: contractVersionSchema,
  historyMaxEntries: z.coerce
    .number({ message: 'Enter a whole number' })
    .int('Enter a whole number')
    .min(100, 'Keep at least 100 entries')
    .max(1_000_000, 'At most 1,000,000 entries'),
  historyMaxAgeDays: z.coerce
    .number({ message: 'Enter a whole number of days' })
    .int('Enter a whole number of days')
    .min(1, 'At least 1 day')
    .max(3650, 'At most 3,650 days'),
})
type SettingsFormInput = z.input<typeof settingsFormSchema>
type SettingsFormOutput = z.output<typeof settingsFormSchema>

const AUTHORIZATION_PATTERN = /^XBL3\.0 x=[^;\s]+;\S/

// Connection and retention settings apply as they are typed (decision 132): a valid value is in
// effect at once, so nothing is dropped on leaving. What is typed but not valid yet is kept in this
// tab's memory, with its message, until it is corrected.
let unappliedConnection: SettingsFormInput | undefined
function keepUnapplied(values: SettingsFormInput | undefined): void {
  unappliedConnection = values
}

// A token typed but not saved survives leaving Settings (in this tab's memory only), so it is never
// lost silently; it is marked unsaved until "Save token".
let unsavedToken: string | undefined

export function SettingsView() {
  return (
    <section className="panel" aria-labelledby="settings-heading">
      <h2 id="settings-heading">Settings</h2>
      <ConnectionSettings />
      <AuthorizationSettings />
    </section>
  )
}

function ConnectionSettings() {
  const settings = useSettings()
  const update = useUpdateSettings()
  const upstreams = useUpstreams()
  const form = useForm<SettingsFormInput, unknown, SettingsFormOutput>({
    resolver: zodResolver(settingsFormSchema),
    defaultValues: unappliedConnection ?? settings,
    mode: 'onChange',
  })
  const { errors } = form.formState
  const [applied, setApplied] = useState<'applied' | 'waiting' | undefined>(
    unappliedConnection ? 'waiting' : undefined,
  )
  // The settings as they are now (Act as may change them meanwhile): an edit changes its own fields.
  const latest = useRef(settings)
  useEffect(() => {
    latest.current = settings
  }, [settings])
  const { mutate } = update
  useEffect(() => {
    // Values typed in an earlier visit and not valid then: show their messages at once.
    if (unappliedConnection) void form.trigger()
    return form.subscribe({
      formState: { values: true },
      callback: ({ values }) => {
        const parsed = settingsFormSchema.safeParse(values)
        if (!parsed.success) {
          keepUnapplied({ ...values })
          setApplied('waiting')
          return
        }
        keepUnapplied(undefined)
        mutate({ ...latest.current, ...parsed.data })
        setApplied('applied')
      },
    })
  }, [form, mutate])
  const options = upstreams.data?.upstreams ?? [
    { origin: SIMULATOR_UPSTREAM, label: 'Simulator' },
    { origin: XBOX_LIVE_ORIGIN, label: 'Xbox Live' },
  ]
  if (!options.some((o) => o.origin === settings.upstream)) {
    options.push({
      origin: settings.upstream,
      label: `${settings.upstream} (not allowed by this server)`,
    })
  }
  return (
    <form
      noValidate
      onSubmit={(event) => {
        void form.handleSubmit((values) => {
          keepUnapplied(undefined)
          setApplied(undefined)
          mutate({ ...latest.current, ...values })
        })(event)
      }}
    >
      <h3>Connection</h3>
      <p className="muted">Changes apply as you type; a value that is not valid yet waits.</p>
      <Field
        label="Proxy URL"
        error={errors.proxyUrl?.message}
        hint="Where the dashboard sends requests; the default is this server's /proxy."
      >
        {({ id, describedBy, invalid }) => (
          <input
            id={id}
            {...form.register('proxyUrl')}
            aria-invalid={invalid ? 'true' : 'false'}
            aria-describedby={describedBy}
          />
        )}
      </Field>
      <Field
        label="Upstream"
        error={errors.upstream?.message}
        hint={
          upstreams.isError
            ? 'Could not load the server’s allowed upstreams; showing the built-in ones.'
            : 'Custom origins are allowed by the server’s WORKBENCH_UPSTREAMS.'
        }
      >
        {({ id, describedBy, invalid }) => (
          <select
            id={id}
            {...form.register('upstream')}
            aria-invalid={invalid ? 'true' : 'false'}
            aria-describedby={describedBy}
          >
            {options.map((option) => (
              <option key={option.origin} value={option.origin}>
                {option.label}
              </option>
            ))}
          </select>
        )}
      </Field>
      <Field
        label="Contract version"
        error={errors.contractVersion?.message}
        hint="MPSD contract; Microsoft’s SDK sends 107."
      >
        {({ id, describedBy, invalid }) => (
          <input
            id={id}
            inputMode="numeric"
            {...form.register('contractVersion')}
            aria-invalid={invalid ? 'true' : 'false'}
            aria-describedby={describedBy}
          />
        )}
      </Field>
      <h3>History retention</h3>
      <Field
        label="Keep at most (entries)"
        error={errors.historyMaxEntries?.message}
        hint="The oldest entries go first once History holds more; you are told when that happens."
      >
        {({ id, describedBy, invalid }) => (
          <input
            id={id}
            inputMode="numeric"
            {...form.register('historyMaxEntries')}
            aria-invalid={invalid ? 'true' : 'false'}
            aria-describedby={describedBy}
          />
        )}
      </Field>
      <Field label="Keep for (days)" error={errors.historyMaxAgeDays?.message}>
        {({ id, describedBy, invalid }) => (
          <input
            id={id}
            inputMode="numeric"
            {...form.register('historyMaxAgeDays')}
            aria-invalid={invalid ? 'true' : 'false'}
            aria-describedby={describedBy}
          />
        )}
      </Field>
      <div className="button-row">
        <button type="submit" className="primary">
          Save settings
        </button>
        <span role="status">
          {applied === 'waiting'
            ? 'Not applied yet: correct the marked field. What you typed is kept while you look elsewhere.'
            : applied === 'applied'
              ? 'Applied as typed.'
              : update.isSuccess
                ? 'Settings saved.'
                : ''}
        </span>
      </div>
      {update.isError ? <Alert>{update.error.message}</Alert> : null}
    </form>
  )
}

function AuthorizationSettings() {
  const authorization = useAuthorization()
  const update = useUpdateAuthorization()
  const upstreams = useUpstreams()
  const [value, setStoredValue] = useState(unsavedToken ?? authorization.value)
  const setValue = (next: string) => {
    unsavedToken = next === authorization.value ? undefined : next
    setStoredValue(next)
  }
  const unsaved = value.trim() !== authorization.value
  const [remember, setRemember] = useState(authorization.remember)
  const invalid = value.trim() !== '' && !AUTHORIZATION_PATTERN.test(value.trim())
  return (
    <form
      noValidate
      onSubmit={(event) => {
        event.preventDefault()
        if (!invalid)
          update.mutate(
            { value, remember },
            {
              onSuccess: () => {
                unsavedToken = undefined
              },
            },
          )
      }}
    >
      <h3>Authorization</h3>
      <Field
        label="Authorization"
        error={invalid ? 'Use the form XBL3.0 x=<userhash>;<token>' : undefined}
        hint={
          <>
            Kept in this tab’s memory only, never in files, presets, links or history.
            {upstreams.data?.xblAuthorizationConfigured
              ? ' The server has XBL_AUTHORIZATION set and uses it for Xbox Live.'
              : ''}
          </>
        }
      >
        {({ id, describedBy, invalid: bad }) => (
          <input
            id={id}
            type="password"
            autoComplete="off"
            value={value}
            onChange={(event) => setValue(event.target.value)}
            aria-invalid={bad ? 'true' : 'false'}
            aria-describedby={describedBy}
          />
        )}
      </Field>
      <label>
        <input
          type="checkbox"
          checked={remember}
          onChange={(event) => setRemember(event.target.checked)}
        />{' '}
        Remember for this tab
      </label>
      <div className="button-row">
        <button type="submit">Save token</button>
        <button
          type="button"
          onClick={() => {
            setValue('')
            update.mutate({ value: '', remember: false })
          }}
        >
          Forget token
        </button>
        <span role="status">
          {unsaved
            ? 'Not saved: sends use the previous token until you press Save token.'
            : update.isSuccess
              ? update.data.value
                ? 'Token set.'
                : 'Token cleared.'
              : ''}
        </span>
      </div>
    </form>
  )
}
