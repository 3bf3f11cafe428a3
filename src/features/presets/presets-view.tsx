// Presets: named request drafts. Load (as a new draft in Compose), edit (rename, describe, tag),
// duplicate, delete with undo, search and filter by tag; share by link or file; export to Postman
// and curl; read-only team presets from the server's presets folder.
import { TeamPresetExistsError } from '../../data/presets/team-presets-client'
import { useRef, useState } from 'react'
import { useOpenInComposer } from '../../data/drafts/draft-queries'
import {
  exportCurlScript,
  exportPostmanCollection,
  exportPresetsFile,
  type ExportOutput,
} from '../../data/presets/preset-exporters'
import { draftRequestOf } from '../../data/presets/preset-draft'
import {
  useDeletePreset,
  useDuplicatePreset,
  usePresetList,
  useRestorePreset,
  useSaveTeamPreset,
  useTeamPresets,
  useUpdatePreset,
} from '../../data/presets/preset-queries'
import { currentSecrets } from '../../data/settings/known-secrets'
import { readAllPresets } from '../../data/presets/preset-store'
import { planImport, type ImportPlan } from '../../data/presets/import-plan'
import { createShareLink } from '../../data/presets/share-link'
import { useSettings } from '../../data/settings/settings-queries'
import { downloadText } from '../../lib/download'
import { presetInfoSchema, presetSlug, type Preset } from '../../mpsd/preset'
import { Field } from '../../components/field'
import { ImportReview } from './import-review'
import { PresetSummary } from './preset-summary'
import { Alert } from '../../components/alert'

type Notice = { kind: 'status' | 'alert'; text: string }

export function PresetsView() {
  const [text, setText] = useState('')
  const [tag, setTag] = useState('')
  const list = usePresetList({ text, ...(tag ? { tag } : {}) })
  const [notice, setNotice] = useState<Notice | undefined>()
  const [shareLink, setShareLink] = useState('')
  const [deleted, setDeleted] = useState<Preset | undefined>()
  const [plan, setPlan] = useState<ImportPlan | undefined>()
  const restore = useRestorePreset()
  const presets = list.data?.presets ?? []
  // "Export presets" writes all of them, whatever the search or tag filter shows.
  const all = usePresetList({})
  const allPresets = all.data?.presets ?? []

  async function share(preset: Preset) {
    const result = await createShareLink(preset, `${location.origin}/presets`, currentSecrets())
    if (!result.ok) {
      setNotice({ kind: 'alert', text: result.message })
      return
    }
    setShareLink(result.url)
    try {
      await navigator.clipboard.writeText(result.url)
      setNotice({
        kind: 'status',
        text: `Share link for “${preset.name}” copied. It carries no token.`,
      })
    } catch {
      setNotice({
        kind: 'status',
        text: `Share link for “${preset.name}” is in the Share link field (the browser refused clipboard access).`,
      })
    }
  }

  function exportWith(
    make: (p: readonly Preset[], s: readonly string[]) => ExportOutput,
    what: string,
  ) {
    const output = make(allPresets, currentSecrets())
    downloadText(output.fileName, output.text, output.type)
    setNotice({
      kind: 'status',
      text: `Exported ${presets.length} ${presets.length === 1 ? 'preset' : 'presets'} as ${what}${
        output.redactedPaths.length > 0
          ? ` (a token found in ${output.redactedPaths.length} field(s) was removed)`
          : ''
      }.`,
    })
  }

  return (
    <section className="panel presets-view" aria-labelledby="presets-heading">
      <h2 id="presets-heading">Presets</h2>
      <div className="presets-toolbar">
        <label>
          Search presets
          <input type="search" value={text} onChange={(e) => setText(e.target.value)} />
        </label>
        <label>
          Tag
          <select value={tag} onChange={(e) => setTag(e.target.value)}>
            <option value="">All tags</option>
            {(list.data?.tags ?? []).map((t) => (
              <option key={t} value={t}>
                {t}
              </option>
            ))}
          </select>
        </label>
      </div>
      <div className="button-row">
        <button
          type="button"
          disabled={allPresets.length === 0}
          onClick={() => exportWith(exportPresetsFile, 'a presets file')}
        >
          Export presets
        </button>
        <ImportButton
          onPlan={setPlan}
          onError={(message) => setNotice({ kind: 'alert', text: message })}
        />
        <button
          type="button"
          disabled={allPresets.length === 0}
          onClick={() => exportWith(exportPostmanCollection, 'a Postman collection')}
        >
          Export to Postman
        </button>
        <button
          type="button"
          disabled={allPresets.length === 0}
          onClick={() => exportWith(exportCurlScript, 'a curl script')}
        >
          Export curl script
        </button>
      </div>
      <label className="share-link">
        Share link
        <input
          readOnly
          value={shareLink}
          placeholder="Choose “Copy share link” on a preset"
          onFocus={(e) => e.target.select()}
        />
      </label>
      {notice ? (
        notice.kind === 'alert' ? (
          <Alert>{notice.text}</Alert>
        ) : (
          <p role="status" className="notice">
            {notice.text}
          </p>
        )
      ) : null}
      {deleted ? (
        <p role="status" className="notice">
          Deleted “{deleted.name}”.{' '}
          <button
            type="button"
            onClick={() => restore.mutate(deleted, { onSuccess: () => setDeleted(undefined) })}
          >
            Undo
          </button>
        </p>
      ) : null}
      {plan ? (
        <ImportReview
          plan={plan}
          onDone={(message) => {
            setPlan(undefined)
            setNotice({ kind: 'status', text: message })
          }}
        />
      ) : null}
      {list.isError ? <Alert>Presets could not be read: {list.error.message}</Alert> : null}
      {list.data && list.data.setAside > 0 ? (
        <Alert>
          {list.data.setAside} unreadable {list.data.setAside === 1 ? 'preset was' : 'presets were'}{' '}
          set aside.
        </Alert>
      ) : null}
      <h3>My presets</h3>
      {list.data && presets.length === 0 ? (
        <p className="muted">
          {text || tag ? 'No preset matches.' : 'No presets yet. Use “Save preset” in Compose.'}
        </p>
      ) : null}
      <ul className="preset-list" aria-label="My presets">
        {presets.map((preset) => (
          <li key={preset.id}>
            <PresetCard
              preset={preset}
              onShare={() => void share(preset)}
              onDeleted={(p) => setDeleted(p)}
              onNotice={setNotice}
            />
          </li>
        ))}
      </ul>
      <TeamPresets onShare={(p) => void share(p)} />
    </section>
  )
}

/** `linked`: saving the draft updates this preset; team presets are read-only, so they are not. */
function useLoad({ linked }: { linked: boolean }) {
  const open = useOpenInComposer()
  return (preset: Preset) =>
    open.mutate({
      request: draftRequestOf(preset),
      source: `preset “${preset.name}”`,
      ...(linked ? { preset: { id: preset.id, name: preset.name } } : {}),
    })
}

function PresetCard({
  preset,
  onShare,
  onDeleted,
  onNotice,
}: {
  preset: Preset
  onShare: () => void
  onDeleted: (preset: Preset) => void
  onNotice: (notice: Notice) => void
}) {
  const [editing, setEditing] = useState(false)
  const [showDetails, setShowDetails] = useState(false)
  const load = useLoad({ linked: true })
  const duplicate = useDuplicatePreset()
  const remove = useDeletePreset()
  const saveTeam = useSaveTeamPreset()
  const settings = useSettings()
  const headingId = `preset-${preset.id}`
  const r = preset.request
  return (
    <article className="preset-card" aria-labelledby={headingId}>
      <h4 id={headingId}>{preset.name}</h4>
      {preset.description ? <p>{preset.description}</p> : null}
      <p className="muted small">
        {r.kind} ·{' '}
        {'sessionRef' in r
          ? `${r.sessionRef.templateName || '—'} / ${r.sessionRef.name || '—'}`
          : `title ${r.mpaTitle.titleId || '—'}`}
        {r.kind === 'invite' && r.invite.invitedXuid ? ` · XUID ${r.invite.invitedXuid}` : ''}
        {preset.xuids ? ` · ${preset.xuids.length} XUIDs` : ''} · contract {r.contractVersion}
        {r.contractVersion !== settings.contractVersion
          ? ` (Settings use ${settings.contractVersion})`
          : ''}
      </p>
      {preset.tags.length > 0 ? (
        <ul className="tags" aria-label="Tags">
          {preset.tags.map((t) => (
            <li key={t}>{t}</li>
          ))}
        </ul>
      ) : null}
      <div className="button-row">
        <button type="button" className="primary" onClick={() => load(preset)}>
          Load
        </button>
        <button type="button" onClick={onShare}>
          Copy share link
        </button>
        <button type="button" onClick={() => setEditing((v) => !v)} aria-expanded={editing}>
          Edit
        </button>
        <button type="button" onClick={() => duplicate.mutate(preset.id)}>
          Duplicate
        </button>
        <button
          type="button"
          onClick={() => {
            const save = (overwrite: boolean) =>
              saveTeam.mutate(
                { slug: presetSlug(preset.name), preset, overwrite },
                {
                  onSuccess: ({ file }) =>
                    onNotice({
                      kind: 'status',
                      text: `Saved “${preset.name}” to the team folder as ${file}.`,
                    }),
                  onError: (error) => {
                    // A teammate's file of the same name is replaced only when the user says so.
                    if (
                      error instanceof TeamPresetExistsError &&
                      window.confirm(`${error.message} Replace it?`)
                    )
                      save(true)
                    else
                      onNotice({
                        kind: 'alert',
                        text: `Not saved to the team folder: ${error.message}`,
                      })
                  },
                },
              )
            save(false)
          }}
        >
          Save to team folder
        </button>
        <button type="button" onClick={() => setShowDetails((v) => !v)} aria-expanded={showDetails}>
          Details
        </button>
        <button
          type="button"
          className="danger"
          onClick={() => remove.mutate(preset.id, { onSuccess: (gone) => gone && onDeleted(gone) })}
        >
          Delete
        </button>
      </div>
      {showDetails ? <PresetSummary preset={preset} /> : null}
      {editing ? <EditPreset preset={preset} onDone={() => setEditing(false)} /> : null}
    </article>
  )
}

function EditPreset({ preset, onDone }: { preset: Preset; onDone: () => void }) {
  const [name, setName] = useState(preset.name)
  const [description, setDescription] = useState(preset.description)
  const [tags, setTags] = useState(preset.tags.join(', '))
  const [error, setError] = useState<{ field: string; message: string } | undefined>()
  const update = useUpdatePreset()
  function save() {
    const patch = {
      name,
      description,
      tags: tags
        .split(',')
        .map((t) => t.trim())
        .filter(Boolean),
    }
    const parsed = presetInfoSchema.safeParse(patch)
    if (!parsed.success) {
      const issue = parsed.error.issues[0]
      setError({ field: String(issue?.path[0] ?? 'name'), message: issue?.message ?? 'Invalid' })
      return
    }
    setError(undefined)
    update.mutate({ id: preset.id, patch: parsed.data }, { onSuccess: onDone })
  }
  const errorFor = (field: string) => (error?.field === field ? error.message : undefined)
  return (
    <form
      noValidate
      className="preset-edit"
      aria-label={`Edit ${preset.name}`}
      onSubmit={(e) => {
        e.preventDefault()
        save()
      }}
    >
      <Field label="Name" error={errorFor('name')}>
        {({ id, describedBy, invalid }) => (
          <input
            id={id}
            value={name}
            onChange={(e) => setName(e.target.value)}
            aria-invalid={invalid ? 'true' : 'false'}
            aria-describedby={describedBy}
          />
        )}
      </Field>
      <Field label="Description" error={errorFor('description')}>
        {({ id, describedBy, invalid }) => (
          <textarea
            id={id}
            rows={2}
            value={description}
            onChange={(e) => setDescription(e.target.value)}
            aria-invalid={invalid ? 'true' : 'false'}
            aria-describedby={describedBy}
          />
        )}
      </Field>
      <Field label="Tags" error={errorFor('tags')} hint="Separated by commas.">
        {({ id, describedBy, invalid }) => (
          <input
            id={id}
            value={tags}
            onChange={(e) => setTags(e.target.value)}
            aria-invalid={invalid ? 'true' : 'false'}
            aria-describedby={describedBy}
          />
        )}
      </Field>
      {update.isError ? <Alert>Not saved: {update.error.message}</Alert> : null}
      <div className="button-row">
        <button type="submit" className="primary">
          Save changes
        </button>
        <button type="button" onClick={onDone}>
          Cancel
        </button>
      </div>
    </form>
  )
}

function ImportButton({
  onPlan,
  onError,
}: {
  onPlan: (plan: ImportPlan) => void
  onError: (message: string) => void
}) {
  const input = useRef<HTMLInputElement>(null)
  return (
    <>
      <button type="button" onClick={() => input.current?.click()}>
        Import presets
      </button>
      <input
        ref={input}
        type="file"
        multiple
        accept=".json,application/json"
        aria-label="Presets files to import"
        className="visually-hidden"
        onChange={async (event) => {
          const files = [...(event.target.files ?? [])]
          event.target.value = ''
          if (files.length === 0) return
          try {
            // Oversized files are not read into memory at all: the planner refuses them by size.
            const read = await Promise.all(
              files.map(async (f) => ({
                name: f.name,
                size: f.size,
                text: f.size > 5 * 1024 * 1024 ? '' : await f.text(),
              })),
            )
            const { presets: existing } = await readAllPresets()
            onPlan(planImport(read, existing))
          } catch (error) {
            onError(
              `The files could not be read: ${error instanceof Error ? error.message : String(error)}`,
            )
          }
        }}
      />
    </>
  )
}

function TeamPresets({ onShare }: { onShare: (preset: Preset) => void }) {
  const team = useTeamPresets()
  const load = useLoad({ linked: false })
  return (
    <section aria-labelledby="team-presets-heading">
      <h3 id="team-presets-heading">Team presets</h3>
      <p className="muted small">
        Read-only, from the server’s presets folder{team.data ? ` (${team.data.dir})` : ''}; commit
        the folder to share them in git.
      </p>
      {team.isError ? <Alert>{team.error.message}</Alert> : null}
      {team.data && team.data.errors.length > 0 ? (
        <Alert as="ul" aria-label="Unreadable team presets">
          {team.data.errors.map((e, i) => (
            <li key={i}>
              {e.file}: {e.message}
            </li>
          ))}
        </Alert>
      ) : null}
      {team.data && team.data.presets.length === 0 ? (
        <p className="muted">No team presets.</p>
      ) : null}
      <ul className="preset-list" aria-label="Team presets">
        {(team.data?.presets ?? []).map(({ file, preset }) => (
          <li key={preset.id}>
            <article className="preset-card" aria-labelledby={`team-${preset.id}`}>
              <h4 id={`team-${preset.id}`}>{preset.name}</h4>
              <p className="muted small">
                Team · {file} · {preset.request.kind}
              </p>
              {preset.description ? <p>{preset.description}</p> : null}
              <div className="button-row">
                <button type="button" className="primary" onClick={() => load(preset)}>
                  Load
                </button>
                <button type="button" onClick={() => onShare(preset)}>
                  Copy share link
                </button>
              </div>
            </article>
          </li>
        ))}
      </ul>
    </section>
  )
}
