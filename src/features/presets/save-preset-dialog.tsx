// "Save preset" in Compose: names the live request and stores it; a draft loaded from a preset is
// saved back to it ("Save as new" copies it). The dialog is portalled to
// <body> because Compose renders its extra actions inside its own <form>, and forms cannot nest.
import { useQuery } from '@tanstack/react-query'
import { useState } from 'react'
import { createPortal } from 'react-dom'
import { Link } from 'wouter'
import { Dialog } from '../../components/dialog'
import { Field } from '../../components/field'
import { Alert } from '../../components/alert'
import { presetRequestOf } from '../../data/presets/preset-draft'
import { draftQueries, useLinkDraftPreset } from '../../data/drafts/draft-queries'
import type { DraftPreset } from '../../data/drafts/draft-store'
import { useCreatePreset, usePreset, useReplacePreset } from '../../data/presets/preset-queries'
import { readAllPresets, uniqueName } from '../../data/presets/preset-store'
import { useSettings } from '../../data/settings/settings-queries'
import { presetContentSchema, type Preset } from '../../mpsd/preset'
import { useCommand } from '../../lib/commands'
import type { RequestEntity } from '../../mpsd/request-entity'

type Errors = Partial<Record<'name' | 'description' | 'tags' | 'xuids', string>>

export function splitList(text: string): string[] {
  return text
    .split(/[\n,]/)
    .map((s) => s.trim())
    .filter(Boolean)
}

export function SavePresetButton({ request }: { request: RequestEntity }) {
  const [open, setOpen] = useState(false)
  const [saved, setSaved] = useState<string | undefined>()
  // The preset the draft was loaded from (or last saved as): saving updates it (decision 132).
  const { data: loaded } = useQuery({ ...draftQueries.current(), select: (d) => d.preset })
  // Ctrl/Cmd+S (src/app/shortcuts.ts) opens this same dialog.
  useCommand('save-preset', () => setOpen(true))
  return (
    <>
      <button type="button" onClick={() => setOpen(true)}>
        Save preset
      </button>
      {saved ? (
        <span role="status">
          {saved} <Link href="/presets">See the preset list</Link>
        </span>
      ) : null}
      {createPortal(
        <Dialog open={open} title="Save preset" onClose={() => setOpen(false)}>
          <SavePresetForm
            key={loaded?.id ?? 'new'}
            request={request}
            loaded={loaded}
            onCancel={() => setOpen(false)}
            onSaved={(message) => {
              setSaved(message)
              setOpen(false)
            }}
          />
        </Dialog>,
        document.body,
      )}
    </>
  )
}

type SavePresetFormProps = {
  request: RequestEntity
  loaded: DraftPreset | undefined
  onSaved: (message: string) => void
  onCancel: () => void
}

function SavePresetForm(props: SavePresetFormProps) {
  const stored = usePreset(props.loaded?.id)
  if (props.loaded && stored.isPending) return <p role="status">Reading the preset…</p>
  return <PresetFields {...props} existing={stored.data ?? undefined} />
}

function PresetFields({
  request,
  loaded,
  existing,
  onSaved,
  onCancel,
}: SavePresetFormProps & { existing: Preset | undefined }) {
  const settings = useSettings()
  const create = useCreatePreset()
  const replace = useReplacePreset()
  const link = useLinkDraftPreset()
  const [name, setName] = useState(existing?.name ?? loaded?.name ?? '')
  const [description, setDescription] = useState(existing?.description ?? '')
  const [tags, setTags] = useState(existing?.tags.join(', ') ?? '')
  const [xuids, setXuids] = useState(existing?.xuids?.join('\n') ?? '')
  const [errors, setErrors] = useState<Errors>({})
  const failed = create.error ?? replace.error
  const pending = create.isPending || replace.isPending

  function save(asNew: boolean) {
    const candidate = {
      name,
      description,
      tags: splitList(tags),
      request: presetRequestOf(request, settings.contractVersion),
      xuids: splitList(xuids),
    }
    const parsed = presetContentSchema.safeParse(candidate)
    if (!parsed.success) {
      const next: Errors = {}
      for (const issue of parsed.error.issues) {
        const [first] = issue.path
        const key: keyof Errors =
          first === 'xuids'
            ? 'xuids'
            : first === 'tags'
              ? 'tags'
              : first === 'description'
                ? 'description'
                : 'name'
        next[key] ??= issue.message
      }
      setErrors(next)
      return
    }
    setErrors({})
    const linked = (preset: Preset) => link({ id: preset.id, name: preset.name })
    if (existing && !asNew) {
      replace.mutate(
        { id: existing.id, content: parsed.data },
        {
          onSuccess: (preset) => {
            linked(preset)
            onSaved(`Updated preset “${preset.name}”.`)
          },
        },
      )
      return
    }
    void (async () => {
      // "Save as new" under the same name makes "Name (2)": two presets never share a name by accident.
      const taken = new Set((await readAllPresets()).presets.map((p) => p.name))
      const content = asNew
        ? { ...parsed.data, name: uniqueName(parsed.data.name, taken) }
        : parsed.data
      create.mutate(content, {
        onSuccess: (preset) => {
          linked(preset)
          onSaved(asNew ? `Saved a new preset “${preset.name}”.` : `Saved preset “${preset.name}”.`)
        },
      })
    })()
  }

  return (
    <form
      noValidate
      onSubmit={(event) => {
        event.preventDefault()
        // React bubbles portalled events through the component tree: without this, Compose's own
        // form would receive the submit and send the request.
        event.stopPropagation()
        save(false)
      }}
    >
      <p className="muted">
        {existing
          ? `Saves this ${request.kind} draft over the preset “${existing.name}” it was loaded from, with contract version ${settings.contractVersion}; “Save as new” keeps that one as it is.`
          : `Saves this ${request.kind} draft with contract version ${settings.contractVersion}.`}{' '}
        The token is never saved in a preset.
      </p>
      {loaded && !existing ? (
        <p className="notice">
          The preset “{loaded.name}” this draft was loaded from is no longer stored: Save makes a
          new one.
        </p>
      ) : null}
      <Field label="Preset name" error={errors.name}>
        {({ id, describedBy, invalid }) => (
          <input
            id={id}
            value={name}
            onChange={(e) => setName(e.target.value)}
            aria-invalid={invalid ? 'true' : 'false'}
            aria-describedby={describedBy}
            autoComplete="off"
            required
          />
        )}
      </Field>
      <Field label="Description" error={errors.description} hint="Optional.">
        {({ id, describedBy, invalid }) => (
          <textarea
            id={id}
            value={description}
            onChange={(e) => setDescription(e.target.value)}
            aria-invalid={invalid ? 'true' : 'false'}
            aria-describedby={describedBy}
            rows={2}
          />
        )}
      </Field>
      <Field label="Tags" error={errors.tags} hint="Optional, separated by commas.">
        {({ id, describedBy, invalid }) => (
          <input
            id={id}
            value={tags}
            onChange={(e) => setTags(e.target.value)}
            aria-invalid={invalid ? 'true' : 'false'}
            aria-describedby={describedBy}
            autoComplete="off"
          />
        )}
      </Field>
      <Field
        label="XUIDs"
        error={errors.xuids}
        hint="Optional: a list of XUIDs to invite, one per line or separated by commas."
      >
        {({ id, describedBy, invalid }) => (
          <textarea
            id={id}
            value={xuids}
            onChange={(e) => setXuids(e.target.value)}
            aria-invalid={invalid ? 'true' : 'false'}
            aria-describedby={describedBy}
            rows={2}
            spellCheck={false}
          />
        )}
      </Field>
      {failed ? <Alert>The preset was not saved: {failed.message}</Alert> : null}
      <div className="button-row">
        <button type="submit" className="primary" disabled={pending}>
          Save
        </button>
        {existing ? (
          <button type="button" disabled={pending} onClick={() => save(true)}>
            Save as new
          </button>
        ) : null}
        <button type="button" onClick={onCancel}>
          Cancel
        </button>
      </div>
    </form>
  )
}
