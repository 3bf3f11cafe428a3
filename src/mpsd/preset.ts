// Presets: a named request, and the files and links that carry them. Shared by the browser
// (store, share links, import) and the server (team presets folder), so both parse the same way.
//
// Security: the schema is an allowlist. z.object strips every key it does not list, so whatever
// object a caller hands to `toPresetContent` (a draft with extra fields, a settings object, a
// record carrying a token), only the fields below can leave in a file or a link. `redactSecrets`
// then removes a known secret that the user typed into an allowed field.
//
// Versions: files and links carry `{ type, version }`. Reading goes parse -> restore (upgrade
// older shapes) -> validate, after Excalidraw's data/restore.ts: old files keep opening. Version 2
// holds the request entity (decision 004) with the XUID list beside it; the request of any older
// version is upgraded by migrateRequest's shapes, wherever it is read.
import { z } from 'zod'
import { CONTRACT_VERSION } from './limits'
import { fieldPath, fieldsOf, REQUEST_FIELD_NAMES } from './request-fields'
import { requestEntitySchema } from './request-entity'
import { upgradeRequest, type AnyRequestInput } from './request-migrate'

export const PRESETS_FILE_TYPE = 'handles-workbench/presets'
export const PRESET_DOCUMENT_TYPE = 'handles-workbench/preset'
/** The newest version this build writes and reads. */
export const PRESETS_VERSION = 2

export const PRESET_NAME_MAX = 100
export const PRESET_DESCRIPTION_MAX = 2_000
export const PRESET_TAG_MAX = 40
export const PRESET_TAGS_MAX = 20
/** A preset's XUID list feeds a batch of invites; MPSD's own query cap is 100, batches go further. */
export const PRESET_XUIDS_MAX = 1_000
/** Field values are drafts, not checked bodies, but never unbounded. */
const VALUE_MAX = 2_000
/** One file (or all pasted text) over this is refused before parsing. */
export const PRESETS_FILE_MAX_BYTES = 5 * 1024 * 1024
export const PRESETS_FILE_MAX_PRESETS = 2_000

/**
 * The request a preset holds: the entity, values kept as typed (a preset may be an unfinished
 * draft), each at most VALUE_MAX long, and always a contract version (exports use it).
 */
export const presetRequestSchema = z
  .preprocess((input: AnyRequestInput) => upgradeRequest(input), requestEntitySchema)
  .superRefine((request, ctx) => {
    const fields = fieldsOf(request)
    for (const name of REQUEST_FIELD_NAMES) {
      if (fields[name].length > VALUE_MAX)
        ctx.addIssue({
          code: 'custom',
          path: fieldPath(name).split('.'),
          message: `At most ${VALUE_MAX} characters`,
        })
    }
  })
  .transform((request) => ({
    ...request,
    contractVersion: request.contractVersion ?? CONTRACT_VERSION,
  }))
export type PresetRequest = z.output<typeof presetRequestSchema>

export const presetNameSchema = z
  .string({ message: 'Preset name is required' })
  .trim()
  .min(1, 'Preset name is required')
  .max(PRESET_NAME_MAX, `Preset name must be at most ${PRESET_NAME_MAX} characters`)

export const presetTagSchema = z
  .string()
  .trim()
  .toLowerCase()
  .min(1, 'Tags cannot be empty')
  .max(PRESET_TAG_MAX, `Each tag must be at most ${PRESET_TAG_MAX} characters`)

/** What a user edits about a preset besides its request. */
export const presetInfoSchema = z.object({
  name: presetNameSchema,
  description: z
    .string()
    .max(PRESET_DESCRIPTION_MAX, `Description must be at most ${PRESET_DESCRIPTION_MAX} characters`)
    .default(''),
  tags: z
    .array(presetTagSchema)
    .max(PRESET_TAGS_MAX, `At most ${PRESET_TAGS_MAX} tags`)
    .default([])
    .transform((tags) => [...new Set(tags)]),
})

const presetContentObject = presetInfoSchema.extend({
  request: presetRequestSchema,
  /** Invitees for a batch: one invite per XUID (exports, and the composer opens the first). */
  xuids: z
    .array(
      z
        .string()
        .trim()
        .regex(/^\d{1,20}$/, 'Each XUID must be a decimal number'),
    )
    .max(PRESET_XUIDS_MAX, `At most ${PRESET_XUIDS_MAX} XUIDs`)
    .optional(),
})
type PresetContentShape = z.input<typeof presetContentObject>

/** Version 1 kept the XUID list inside the request; it is beside it since version 2. */
function liftXuids(input: PresetContentShape): unknown {
  const record = input as unknown
  if (!isRecord(record) || record.xuids !== undefined || !isRecord(record.request)) return record
  const { xuids } = record.request
  return xuids === undefined ? record : { ...record, xuids }
}

/** What a preset is about, without identity: what a share link carries. */
export const presetContentSchema = z.preprocess(liftXuids, presetContentObject)
/** What a writer may hand in: the request of any version a reader upgrades. */
export type PresetContent = z.input<typeof presetContentSchema>
/** A preset's content as read: the current request entity, defaults filled. */
export type SharedPreset = z.output<typeof presetContentSchema>

export const presetSchema = z.preprocess(
  liftXuids,
  presetContentObject.extend({
    id: z.string().min(1).max(200),
    createdAt: z.number().int().nonnegative(),
    updatedAt: z.number().int().nonnegative(),
  }),
)
export type Preset = z.output<typeof presetSchema>

export type PresetsFile = {
  type: typeof PRESETS_FILE_TYPE
  version: typeof PRESETS_VERSION
  presets: Preset[]
}
export type PresetDocument = {
  type: typeof PRESET_DOCUMENT_TYPE
  version: typeof PRESETS_VERSION
  preset: SharedPreset
}

/** The allowlist serializer: only schema fields survive, whatever else `input` carries. */
export function toPresetContent(input: unknown): SharedPreset {
  return presetContentSchema.parse(input)
}

// ---------------------------------------------------------------------------------------------
// Reading: any JSON a user might hand us -> presets, with a precise message for every problem.

export type PresetProblem = {
  /** The file (or "share link") the problem is in. */
  source: string
  /** 1-based position of the preset in the file, when the problem is in one preset. */
  item?: number
  /** The preset's name, when it has a readable one. */
  presetName?: string
  /** Dotted field path inside the preset (`request.sessionRef.scid`), when known. */
  path?: string
  message: string
}

export type ParsedPresets = {
  /** Presets that passed, upgraded to the current version. */
  presets: Preset[]
  /** Problems with single presets (the others are still usable). */
  problems: PresetProblem[]
  /** A problem with the whole file: nothing in it can be used. */
  fatal?: PresetProblem
}

export function describeProblem(problem: PresetProblem): string {
  const where = [
    problem.source,
    problem.item !== undefined
      ? `preset ${problem.item}${problem.presetName ? ` “${problem.presetName}”` : ''}`
      : undefined,
    problem.path ? `field ${problem.path}` : undefined,
  ].filter(Boolean)
  return `${where.join(', ')}: ${problem.message}`
}

function isRecord(input: unknown): input is Record<string, unknown> {
  return typeof input === 'object' && input !== null && !Array.isArray(input)
}

/**
 * Upgrades one preset of any known version to the current shape. Version 0 (the draft-shaped
 * presets of early builds, and hand-written team files) kept the composer's flat fields at the top
 * level: they become the request (migrateRequest reads that shape). Version 1's request and XUID
 * list are upgraded by the schema itself, so a store record or a server write of either version
 * reads the same. Unknown keys are left for the schema to strip.
 */
export function restorePreset(
  input: unknown,
  fromVersion: number,
  now: number = Date.now(),
): unknown {
  if (!isRecord(input)) return input
  const record: Record<string, unknown> = { ...input }
  if (fromVersion < 1 && !isRecord(record.request)) {
    const { name: _name, description: _description, tags: _tags, xuids: _xuids, ...flat } = input
    record.request = flat
    if (typeof record.tags === 'string')
      record.tags = record.tags.split(',').filter((t) => t.trim())
  }
  if (typeof record.tags === 'undefined' || record.tags === null) record.tags = []
  if (typeof record.description !== 'string') record.description = ''
  // Identity is ours to give: a file without ids or times still imports.
  if (typeof record.id !== 'string' || record.id === '') record.id = newPresetId()
  if (typeof record.createdAt !== 'number') record.createdAt = now
  if (typeof record.updatedAt !== 'number') record.updatedAt = record.createdAt
  return record
}

let idCounter = 0
export function newPresetId(): string {
  const random =
    typeof globalThis.crypto?.randomUUID === 'function'
      ? globalThis.crypto.randomUUID()
      : `${Date.now().toString(36)}-${(idCounter++).toString(36)}-${Math.random().toString(36).slice(2)}`
  return `preset-${random}`
}

function issuesToProblems(
  error: z.ZodError,
  base: Omit<PresetProblem, 'message' | 'path'>,
  prefix: ReadonlyArray<string | number> = [],
): PresetProblem[] {
  return error.issues.slice(0, 5).map((issue) => {
    const path = [...prefix, ...issue.path].map(String).join('.')
    return { ...base, ...(path ? { path } : {}), message: issue.message }
  })
}

function versionOf(record: Record<string, unknown>, source: string): number | PresetProblem {
  const version = record.version
  if (version === undefined) return 0
  if (typeof version !== 'number' || !Number.isInteger(version) || version < 0) {
    return {
      source,
      path: 'version',
      message: `The version must be a whole number, not ${JSON.stringify(version)?.slice(0, 40)}`,
    }
  }
  if (version > PRESETS_VERSION) {
    return {
      source,
      message: `Made by a newer Handles Workbench (format version ${version}); this one reads up to version ${PRESETS_VERSION}. Update the Workbench to open it.`,
    }
  }
  return version
}

function parseOne(
  raw: unknown,
  version: number,
  source: string,
  item: number | undefined,
  now: number,
): Preset | PresetProblem[] {
  const presetName =
    isRecord(raw) && typeof raw.name === 'string' ? raw.name.slice(0, PRESET_NAME_MAX) : undefined
  const base = {
    source,
    ...(item !== undefined ? { item } : {}),
    ...(presetName ? { presetName } : {}),
  }
  if (!isRecord(raw)) return [{ ...base, message: 'A preset must be a JSON object' }]
  const result = presetSchema.safeParse(restorePreset(raw, version, now))
  return result.success ? result.data : issuesToProblems(result.error, base)
}

/**
 * Reads any value a user may hand in: a presets file (`handles-workbench/presets`), a single
 * preset document (`handles-workbench/preset`), a bare preset object, or an array of presets.
 */
export function parsePresetsValue(
  input: unknown,
  source: string,
  now: number = Date.now(),
): ParsedPresets {
  const fatal = (problem: Omit<PresetProblem, 'source'>): ParsedPresets => ({
    presets: [],
    problems: [],
    fatal: { source, ...problem },
  })
  let list: unknown[]
  let version: number
  if (Array.isArray(input)) {
    list = input
    version = 0
  } else if (isRecord(input)) {
    const v = versionOf(input, source)
    if (typeof v !== 'number') return { presets: [], problems: [], fatal: v }
    version = v
    if (input.type === PRESETS_FILE_TYPE) {
      if (!Array.isArray(input.presets))
        return fatal({ path: 'presets', message: 'A presets file must have a "presets" list' })
      list = input.presets
    } else if (input.type === PRESET_DOCUMENT_TYPE) {
      if (!isRecord(input.preset))
        return fatal({ path: 'preset', message: 'A preset document must have a "preset" object' })
      list = [input.preset]
    } else if (input.type === undefined && ('request' in input || 'name' in input)) {
      list = [input]
    } else {
      return fatal({
        path: 'type',
        message: `Not a Handles Workbench presets file (type is ${JSON.stringify(input.type)?.slice(0, 60) ?? 'missing'}; expected "${PRESETS_FILE_TYPE}")`,
      })
    }
  } else {
    return fatal({ message: 'Not a presets file: expected a JSON object' })
  }
  if (list.length === 0) return fatal({ message: 'The file holds no presets' })
  if (list.length > PRESETS_FILE_MAX_PRESETS) {
    return fatal({
      message: `Holds ${list.length} presets; at most ${PRESETS_FILE_MAX_PRESETS} can be read from one file`,
    })
  }
  const presets: Preset[] = []
  const problems: PresetProblem[] = []
  const single =
    list.length === 1 &&
    !Array.isArray(input) &&
    isRecord(input) &&
    input.type !== PRESETS_FILE_TYPE
  list.forEach((raw, index) => {
    const parsed = parseOne(raw, version, source, single ? undefined : index + 1, now)
    if (Array.isArray(parsed)) problems.push(...parsed)
    else presets.push(parsed)
  })
  return { presets, problems }
}

/** Reads file text: size check, JSON parse (with the position of a syntax error), then values. */
export function parsePresetsText(
  text: string,
  source: string,
  now: number = Date.now(),
): ParsedPresets {
  const fatal = (message: string): ParsedPresets => ({
    presets: [],
    problems: [],
    fatal: { source, message },
  })
  // String length is a lower bound of the UTF-8 size; the caller checks the file's byte size too.
  if (text.length > PRESETS_FILE_MAX_BYTES) {
    return fatal(
      `The file is over ${PRESETS_FILE_MAX_BYTES / 1024 / 1024} MB; presets files are small, so this is not one`,
    )
  }
  if (text.trim() === '') return fatal('The file is empty')
  let value: unknown
  try {
    value = JSON.parse(text)
  } catch (error) {
    const detail = error instanceof Error ? error.message : String(error)
    return fatal(`Not valid JSON (the file may be truncated or damaged): ${detail.slice(0, 200)}`)
  }
  return parsePresetsValue(value, source, now)
}

// ---------------------------------------------------------------------------------------------
// Writing.

export function toPresetsFile(presets: readonly Preset[]): PresetsFile {
  return {
    type: PRESETS_FILE_TYPE,
    version: PRESETS_VERSION,
    presets: presets.map((p) => presetSchema.parse(p)),
  }
}

export function toPresetDocument(preset: PresetContent | Preset): PresetDocument {
  return {
    type: PRESET_DOCUMENT_TYPE,
    version: PRESETS_VERSION,
    preset: presetContentSchema.parse(preset),
  }
}

function sortKeys(input: unknown): unknown {
  if (Array.isArray(input)) return input.map(sortKeys)
  if (isRecord(input)) {
    return Object.fromEntries(
      Object.keys(input)
        .sort()
        .map((key) => [key, sortKeys(input[key])]),
    )
  }
  return input
}

/** Pretty-printed with sorted keys and a final newline, so team files diff line by line in git. */
export function stableStringify(input: unknown): string {
  return `${JSON.stringify(sortKeys(input), null, 2)}\n`
}

/** A file-name-safe slug for a preset name: lower-case a-z, 0-9 and dashes only. */
export function presetSlug(name: string): string {
  const slug = name
    .normalize('NFKD')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 60)
    .replace(/-+$/g, '')
  return slug || 'preset'
}

export const TEAM_SLUG_PATTERN = /^[a-z0-9](?:[a-z0-9-]{0,78}[a-z0-9])?$/
