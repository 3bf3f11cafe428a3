// The composer's Multiplayer Activity part (decision 110): the MPA request
// types, and each type's fields, with the rules' messages at the fields and, where the sources
// disagree (mpa.md §8), a warning beside the value instead of a refusal.
import { memo, useEffect, type ReactNode } from 'react'
import {
  useWatch,
  type Control,
  type FieldErrors,
  type UseFormGetValues,
  type UseFormRegister,
  type UseFormSetValue,
} from 'react-hook-form'
import {
  CONNECTION_STRING_MAX,
  INVITE_MAX_USERS,
  JOIN_RESTRICTIONS,
  MPA_PLATFORMS,
  QUERY_MAX_USERS,
  RECENT_PLAYERS_MAX,
  REST_IOS,
} from '../../mpsd/mpa/mpa-limits'
import {
  connectionStringWarning,
  currentPlayersWarning,
  platformWarning,
} from '../../mpsd/mpa/mpa-warnings'
import { useActing } from '../../data/identities/use-acting'
import { REQUEST_KINDS, KIND_SERVICE, type RequestKind } from '../../mpsd/request-kinds'
import { ChoiceField, TextAreaField, TextField } from './compose-controls'
import type { ComposeField } from './compose-fields'
import type { ComposeFormValues } from './compose-form-schema'

/** The MPA kinds in the order the choice lists them; the first is what "Service" switches to. */
export const MPA_KINDS = REQUEST_KINDS.filter((kind) => KIND_SERVICE[kind] === 'mpa')

/** Not "Recent players": that is the field's label, and a label names one control. */
export const MPA_KIND_LABELS: Partial<Record<RequestKind, string>> = {
  mpaSetActivity: 'Set activity',
  mpaDeleteActivity: 'Delete activity',
  mpaQueryActivities: 'Query activities',
  mpaSendInvites: 'Send invites',
  mpaRecentPlayers: 'Update recent players',
}

const KIND_SUMMARY: Partial<Record<RequestKind, string>> = {
  mpaSetActivity:
    'PUT /titles/{titleId}/users/{xuid}/activities — creates or updates your activity; 204, no body.',
  mpaDeleteActivity:
    'DELETE /titles/{titleId}/users/{xuid}/activities — removes your activity; the body carries the sequence number.',
  mpaQueryActivities:
    'POST /titles/{titleId}/activities/query — the activities of up to 30 users; the connection string only where you may join.',
  mpaSendInvites:
    'POST /titles/{titleId}/invites — one call for up to 16 users; 204, no invite handle.',
  mpaRecentPlayers: 'POST /titles/{titleId}/recentplayers — adds to your recent players; 204.',
}

export const MpaKindChoice = memo(function MpaKindChoice({
  register,
}: {
  register: UseFormRegister<ComposeFormValues>
}) {
  return (
    <fieldset className="type-choice">
      <legend>Request type</legend>
      {MPA_KINDS.map((kind) => (
        <label key={kind}>
          <input type="radio" value={kind} {...register('kind')} /> {MPA_KIND_LABELS[kind]}
        </label>
      ))}
    </fieldset>
  )
})

type ControlProps = {
  field: ComposeField
  errors: FieldErrors<ComposeFormValues>
  register: UseFormRegister<ComposeFormValues>
  hint?: ReactNode
  warning?: string | undefined
}

function Warning({ text }: { text: string | undefined }) {
  return text ? <span className="field-warning">Warning: {text}</span> : null
}

// MPA's fields: the composer's controls with the field's message from the form's errors and,
// where the sources disagree (mpa.md §8), a warning beside the value.
function Input({ field, errors, register, hint, warning }: ControlProps) {
  return (
    <TextField
      field={field}
      error={errors[field]?.message}
      hint={hint}
      live={warning ? <Warning text={warning} /> : undefined}
      register={register}
    />
  )
}

function Area({ field, errors, register, hint }: ControlProps) {
  return (
    <TextAreaField field={field} error={errors[field]?.message} hint={hint} register={register} />
  )
}

function Select({
  field,
  errors,
  register,
  hint,
  warning,
  options,
  value,
}: ControlProps & { options: Array<[string, string]>; value: string }) {
  return (
    <ChoiceField
      field={field}
      error={errors[field]?.message}
      hint={hint}
      live={warning ? <Warning text={warning} /> : undefined}
      register={register}
      options={options}
      value={value}
    />
  )
}

const PLATFORM_OPTIONS: Array<[string, string]> = [
  ['', 'Cross-play (not sent)'],
  ...MPA_PLATFORMS.map((p): [string, string] => [p, p]),
  [REST_IOS, `${REST_IOS} (REST reference spelling)`],
]

const JOIN_OPTIONS: Array<[string, string]> = [
  ['', 'Choose…'],
  ...JOIN_RESTRICTIONS.map((j): [string, string] => [j, j]),
]

type MpaFieldsProps = {
  kind: RequestKind
  control: Control<ComposeFormValues>
  errors: FieldErrors<ComposeFormValues>
  register: UseFormRegister<ComposeFormValues>
}

/** The fields of the MPA kind chosen; the others keep their values (decision 004). */
export function MpaFields({ kind, control, errors, register }: MpaFieldsProps) {
  const [connectionString, platform, maxPlayers, currentPlayers, joinRestriction] = useWatch({
    control,
    name: ['connectionString', 'platform', 'maxPlayers', 'currentPlayers', 'joinRestriction'],
  })
  const props = { errors, register }
  const user = kind === 'mpaSetActivity' || kind === 'mpaDeleteActivity'
  const join = kind === 'mpaSetActivity' || kind === 'mpaSendInvites'
  return (
    <>
      <p className="muted">{KIND_SUMMARY[kind]}</p>
      <Input field="mpaTitleId" {...props} hint="Decimal, 1 to 4294967295: part of the path." />
      {user ? (
        <>
          <Input
            field="mpaXuid"
            {...props}
            hint="Your own XUID (the player you act as): MPA sets and deletes only the caller’s activity."
          />
          <Input
            field="sequenceNumber"
            {...props}
            hint="auto (or empty): computed as Microsoft’s SDK does and kept above the last one sent for this user and title. The REST reference types it as a string; the SDK sends a number, and so does the Workbench."
          />
        </>
      ) : null}
      {join ? (
        <Input
          field="connectionString"
          {...props}
          hint={
            kind === 'mpaSetActivity'
              ? `What a joining title receives; opaque to MPA. Required, may be empty; at most ${CONNECTION_STRING_MAX} characters.`
              : `Optional: the title is launched with it (empty: an empty string). At most ${CONNECTION_STRING_MAX} characters.`
          }
          warning={connectionStringWarning(connectionString)}
        />
      ) : null}
      {kind === 'mpaSetActivity' ? (
        <>
          <Select
            field="joinRestriction"
            {...props}
            value={joinRestriction}
            options={JOIN_OPTIONS}
            hint="Who may join: anyone, only invited players, or players the user follows."
          />
          <Input field="maxPlayers" {...props} hint="Optional, 2 to 100; empty or 0 is not sent." />
          <Input
            field="currentPlayers"
            {...props}
            hint="Optional, 1 to 100; empty or 0 is not sent."
            warning={currentPlayersWarning(currentPlayers, maxPlayers)}
          />
          <Input field="groupId" {...props} hint="Optional, under 128 characters." />
        </>
      ) : null}
      {join ? (
        <Select
          field="platform"
          {...props}
          value={platform}
          options={PLATFORM_OPTIONS}
          hint="Left out for cross-play: joinable on every platform the title is configured for."
          warning={platformWarning(platform)}
        />
      ) : null}
      {kind === 'mpaSendInvites' ? (
        <Area
          field="invitedUsers"
          {...props}
          hint={`Up to ${INVITE_MAX_USERS} XUIDs, one per line: one call, as the SDK sends invites. More? Use Batch invites below.`}
        />
      ) : null}
      {kind === 'mpaQueryActivities' ? (
        <Area field="users" {...props} hint={`Up to ${QUERY_MAX_USERS} XUIDs, one per line.`} />
      ) : null}
      {kind === 'mpaRecentPlayers' ? (
        <Area
          field="recentPlayers"
          {...props}
          hint={`Up to ${RECENT_PLAYERS_MAX} lines: a XUID, then optionally Default, Teammate or Opponent, and a time like 2025-06-01T12:00:00Z (default: now).`}
        />
      ) : null}
    </>
  )
}

type MpaComposeProps = MpaFieldsProps & {
  getValues: UseFormGetValues<ComposeFormValues>
  setValue: UseFormSetValue<ComposeFormValues>
}

/**
 * The composer's Multiplayer Activity part, loaded when the Service is first switched to it (the
 * first load carries MPSD's fields only). MPA writes only the caller's own activity: an empty
 * "User XUID" starts as the player acting.
 */
export function MpaCompose({ getValues, setValue, ...fields }: MpaComposeProps) {
  const acting = useActing()
  const xuid =
    acting.kind === 'sim'
      ? acting.player.xuid
      : acting.kind === 'xbl'
        ? acting.identity.xuid
        : undefined
  useEffect(() => {
    if (xuid && getValues('mpaXuid') === '')
      setValue('mpaXuid', xuid, { shouldDirty: true, shouldValidate: true })
  }, [xuid, getValues, setValue])
  return (
    <>
      <MpaKindChoice register={fields.register} />
      <MpaFields {...fields} />
    </>
  )
}
