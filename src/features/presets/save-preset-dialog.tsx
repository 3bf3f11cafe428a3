// "Save preset" in Compose: names the live request and stores it. The dialog is portalled to
// <body> because Compose renders its extra actions inside its own <form>, and forms cannot nest.
import { useState } from 'react'
import { createPortal } from 'react-dom'
import { Link } from 'wouter'
import { Dialog } from '../../components/dialog'
import { Field } from '../../components/field'
import { Alert } from '../../components/alert'
import { presetRequestOf } from '../../data/presets/preset-draft'
import { useCreatePreset } from '../../data/presets/preset-queries'
import { useSettings } from '../../data/settings/settings-queries'
import { useCommand } from '../../lib/commands'
import { presetContentSchema } from '../../mpsd/preset'
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
  // Ctrl/Cmd+S (src/app/shortcuts.ts) opens this same dialog.
  useCommand('save-preset', () => setOpen(true))
  return (
    <>
      <button type="button" onClick={() => setOpen(true)}>
        Save preset
      </button>
      {saved ? (
        <span role="status">
          Saved preset “{saved}”. <Link href="/presets">See the preset list</Link>
        </span>
      ) : null}
      {createPortal(
        <Dialog open={open} title="Save preset" onClose={() => setOpen(false)}>
          <SavePresetForm
            request={request}
            onCancel={() => setOpen(false)}
            onSaved={(name) => {
              setSaved(name)
              setOpen(false)
            }}
          />
        </Dialog>,
        document.body,
      )}
    </>
  )
}

function SavePresetForm({
  request,
  onSaved,
  onCancel,
}: {
  request: RequestEntity
  onSaved: (name: string) => void
  onCancel: () => void
}) {
  const settings = useSettings()
  const create = useCreatePreset()
  const [name, setName] = useState('')
  const [description, setDescription] = useState('')
  const [tags, setTags] = useState('')
  const [xuids, setXuids] = useState('')
  const [errors, setErrors] = useState<Errors>({})

  function save() {
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
    create.mutate(parsed.data, { onSuccess: (preset) => onSaved(preset.name) })
  }

  return (
    <form
      noValidate
      onSubmit={(event) => {
        event.preventDefault()
        // React bubbles portalled events through the component tree: without this, Compose's own
        // form would receive the submit and send the request.
        event.stopPropagation()
        save()
      }}
    >
      <p className="muted">
        Saves this {request.kind} draft with contract version {settings.contractVersion}. The token
        is never saved in a preset.
      </p>
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
      {create.isError ? <Alert>The preset was not saved: {create.error.message}</Alert> : null}
      <div className="button-row">
        <button type="submit" className="primary" disabled={create.isPending}>
          Save
        </button>
        <button type="button" onClick={onCancel}>
          Cancel
        </button>
      </div>
    </form>
  )
}
