// Import is parse -> restore -> show -> write (architecture "Files users hold"). The plan is the
// "show" step: what will be added, what has the same name as a stored preset (keep both, replace
// or skip, chosen per preset), and every problem with its file, preset and field path. Nothing is
// written until the user confirms, and a plan only ever adds or replaces the presets it names.
import {
  describeProblem,
  newPresetId,
  parsePresetsText,
  PRESETS_FILE_MAX_BYTES,
  type Preset,
  type PresetProblem,
} from '../../mpsd/preset'
import { redactSecrets } from '../../mpsd/redact'
import { uniqueName } from './preset-store'

export type ConflictChoice = 'keep-both' | 'replace' | 'skip'

export type PlannedPreset = {
  /** Stable key for the review list. */
  key: string
  preset: Preset
  source: string
  /** The stored preset with the same name, if any. */
  conflict?: Preset
}

export type ImportPlan = { items: PlannedPreset[]; problems: PresetProblem[]; files: number }

export type ImportFile = { name: string; text: string; size?: number }

export const IMPORT_MAX_FILES = 50

export function planImport(
  files: readonly ImportFile[],
  existing: readonly Preset[],
  now: number = Date.now(),
): ImportPlan {
  const problems: PresetProblem[] = []
  const items: PlannedPreset[] = []
  if (files.length > IMPORT_MAX_FILES) {
    problems.push({
      source: `${files.length} files`,
      message: `At most ${IMPORT_MAX_FILES} files can be imported at once`,
    })
    return { items, problems, files: files.length }
  }
  const byName = new Map(existing.map((p) => [p.name, p]))
  for (const file of files) {
    if ((file.size ?? 0) > PRESETS_FILE_MAX_BYTES) {
      problems.push({
        source: file.name,
        message: `The file is over ${PRESETS_FILE_MAX_BYTES / 1024 / 1024} MB; presets files are small, so this is not one`,
      })
      continue
    }
    const parsed = parsePresetsText(file.text, file.name, now)
    if (parsed.fatal) {
      problems.push(parsed.fatal)
      continue
    }
    problems.push(...parsed.problems)
    parsed.presets.forEach((preset, index) => {
      const conflict = byName.get(preset.name)
      items.push({
        key: `${file.name}#${index}#${items.length}`,
        preset,
        source: file.name,
        ...(conflict ? { conflict } : {}),
      })
    })
  }
  return { items, problems, files: files.length }
}

/**
 * Turns a plan and the user's choices into the records to write. New presets get fresh ids (an
 * imported id must never overwrite an unrelated stored preset); "replace" keeps the stored id.
 */
export function resolvePlan(
  plan: ImportPlan,
  choices: Readonly<Record<string, ConflictChoice>>,
  existing: readonly Preset[],
  secrets: readonly string[] = [],
  now: number = Date.now(),
): Preset[] {
  const taken = new Set(existing.map((p) => p.name))
  const out: Preset[] = []
  for (const item of plan.items) {
    const choice = item.conflict ? (choices[item.key] ?? 'keep-both') : 'keep-both'
    if (choice === 'skip') continue
    const { value: preset } = redactSecrets(item.preset, secrets)
    if (choice === 'replace' && item.conflict) {
      out.push({
        ...preset,
        id: item.conflict.id,
        createdAt: item.conflict.createdAt,
        updatedAt: now,
      })
      continue
    }
    const name = uniqueName(preset.name, taken)
    taken.add(name)
    out.push({ ...preset, name, id: newPresetId(), updatedAt: now })
  }
  return out
}

export function describeProblems(problems: readonly PresetProblem[]): string[] {
  return problems.map(describeProblem)
}
