// Presets in IndexedDB ('presets' store, keyed by id). Records are validated on read; a corrupt
// one is set aside in `quarantine` and reported, never shown half-parsed or deleted silently.
// Every write announces itself so other tabs refresh (changes-channel).
import { redactKnownSecrets } from '../settings/known-secrets'
import { openWorkbenchDB } from '../../lib/db'
import {
  newPresetId,
  presetContentSchema,
  presetInfoSchema,
  presetSchema,
  type Preset,
  type PresetContent,
} from '../../mpsd/preset'
import { fieldsOf } from '../../mpsd/request-fields'
import { redactSecrets } from '../../mpsd/redact'
import { announceChange } from '../sync/changes-channel'

export type PresetFilter = { text?: string; tag?: string }

export type PresetList = { presets: Preset[]; setAside: number; tags: string[] }

function matches(preset: Preset, filter: PresetFilter): boolean {
  if (filter.tag && !preset.tags.includes(filter.tag)) return false
  const text = filter.text?.trim().toLowerCase()
  if (!text) return true
  const r = fieldsOf(preset.request)
  return [
    preset.name,
    preset.description,
    preset.tags.join(' '),
    r.kind,
    r.scid,
    r.templateName,
    r.sessionName,
    r.invitedXuid,
    r.titleId,
  ]
    .join('\n')
    .toLowerCase()
    .includes(text)
}

/** Every readable preset, sorted by name; corrupt records are moved to quarantine. */
export async function readAllPresets(): Promise<{ presets: Preset[]; setAside: number }> {
  const db = await openWorkbenchDB()
  const records = await db.getAll('presets')
  const presets: Preset[] = []
  const corrupt: Array<{ key: string; record: unknown; reason: string }> = []
  for (const record of records) {
    const parsed = presetSchema.safeParse(record)
    if (parsed.success) presets.push(parsed.data)
    else {
      const reason = parsed.error.issues
        .slice(0, 3)
        .map((issue) => `${issue.path.join('.') || '(record)'}: ${issue.message}`)
        .join('; ')
      corrupt.push({ key: String((record as { id?: unknown }).id), record, reason })
    }
  }
  if (corrupt.length > 0) {
    const tx = db.transaction(['presets', 'quarantine'], 'readwrite')
    for (const { key, record, reason } of corrupt) {
      void tx
        .objectStore('quarantine')
        .add({ store: 'presets', key, record, reason, at: Date.now() })
      void tx.objectStore('presets').delete(key)
    }
    await tx.done
  }
  presets.sort((a, b) => a.name.localeCompare(b.name) || a.createdAt - b.createdAt)
  return { presets, setAside: corrupt.length }
}

export async function listPresets(filter: PresetFilter = {}): Promise<PresetList> {
  const { presets, setAside } = await readAllPresets()
  const tags = [...new Set(presets.flatMap((p) => p.tags))].sort()
  return { presets: presets.filter((p) => matches(p, filter)), setAside, tags }
}

export async function getPreset(id: string): Promise<Preset | undefined> {
  const db = await openWorkbenchDB()
  const parsed = presetSchema.safeParse(await db.get('presets', id))
  return parsed.success ? parsed.data : undefined
}

async function put(preset: Preset): Promise<Preset> {
  const clean = presetSchema.parse(preset)
  const db = await openWorkbenchDB()
  await db.put('presets', clean)
  announceChange('presets')
  return clean
}

/** Saves new content as a new preset. Secrets typed into fields are removed first. */
export async function createPreset(
  content: PresetContent,
  secrets: readonly string[] = [],
  now: number = Date.now(),
): Promise<Preset> {
  const { value } = redactSecrets(presetContentSchema.parse(content), secrets)
  return put({ ...value, id: newPresetId(), createdAt: now, updatedAt: now })
}

/**
 * Saves new content over a stored preset ("Save preset" on a preset loaded in Compose): same id and
 * creation time, everything else replaced. Secrets typed into fields are removed first.
 */
export async function replacePresetContent(
  id: string,
  content: PresetContent,
  secrets: readonly string[] = [],
  now: number = Date.now(),
): Promise<Preset> {
  const current = await getPreset(id)
  if (!current) throw new Error('This preset is no longer stored (deleted in another tab?).')
  const { value } = redactSecrets(presetContentSchema.parse(content), secrets)
  return put({ ...value, id, createdAt: current.createdAt, updatedAt: now })
}

export type PresetPatch = Partial<Pick<Preset, 'name' | 'description' | 'tags'>>

export async function updatePreset(
  id: string,
  patch: PresetPatch,
  now: number = Date.now(),
): Promise<Preset> {
  const current = await getPreset(id)
  if (!current) throw new Error('This preset is no longer stored (deleted in another tab?).')
  // Edits pass the same secret scrub as saves: a token pasted into a description is not stored.
  const clean = redactKnownSecrets(presetInfoSchema.partial().parse(patch))
  return put({ ...current, ...clean, updatedAt: now })
}

/** The next free "name (n)" among `taken` names. */
export function uniqueName(name: string, taken: ReadonlySet<string>): string {
  if (!taken.has(name)) return name
  const base = name.replace(/ \(\d+\)$/, '')
  for (let n = 2; ; n++) {
    const candidate = `${base} (${n})`
    if (!taken.has(candidate)) return candidate
  }
}

export async function duplicatePreset(id: string, now: number = Date.now()): Promise<Preset> {
  const current = await getPreset(id)
  if (!current) throw new Error('This preset is no longer stored (deleted in another tab?).')
  const { presets } = await readAllPresets()
  const name = uniqueName(`${current.name} (copy)`, new Set(presets.map((p) => p.name)))
  return put({ ...current, name, id: newPresetId(), createdAt: now, updatedAt: now })
}

/** Deletes and returns what was deleted, so the caller can offer Undo with `restoreDeletedPreset`. */
export async function deletePreset(id: string): Promise<Preset | undefined> {
  const current = await getPreset(id)
  const db = await openWorkbenchDB()
  await db.delete('presets', id)
  announceChange('presets')
  return current
}

export async function restoreDeletedPreset(preset: Preset): Promise<Preset> {
  return put(preset)
}

/** Writes the result of an import plan in one transaction: all of it or none of it. */
export async function writePresets(presets: readonly Preset[]): Promise<number> {
  const clean = presets.map((p) => presetSchema.parse(p))
  const db = await openWorkbenchDB()
  const tx = db.transaction('presets', 'readwrite')
  await Promise.all([...clean.map((p) => tx.store.put(p)), tx.done])
  announceChange('presets')
  return clean.length
}
