// Opens every request shape the Workbench has stored, so nothing kept before the request entity is
// lost: a versioned entity goes up its versions; the shapes from before it are read field for
// field. Shapes are told apart by their keys, not by where they were found, so a preset file, a
// draft or a batch run read by any reader opens the same way. A History record of before the
// entity kept only the bytes it sent: its request is read back with fromWire (from-wire.ts), which
// stays out of this module so the composer's first load does not carry the body reader.
//
//   entity            { v, kind, sessionRef, invite?, contractVersion? }
//   preset request v1 { type, sessionRef, invite, contractVersion, xuids? } (files, links, IndexedDB)
//   flat              { type, scid, templateName, sessionName, invitedXuid, titleId, context,
//                       contextString, senderString, contractVersion? }: the composer's draft in
//                       localStorage, presets version 0, the paste box's fields, and a batch run's
//                       template (no type: always an invite, no invitedXuid: the batch gives it)
import {
  REQUEST_ENTITY_VERSION,
  REQUEST_VERSIONS,
  requestEntitySchema,
  type RequestEntity,
  type RequestEntityInput,
} from './request-entity'
import { REQUEST_FIELD_NAMES, requestFromFields, type RequestFields } from './request-fields'

/** The request of presets files and share links of format version 1. */
export type PresetRequestV1 = {
  type: 'activity' | 'invite'
  sessionRef: { scid?: string; templateName?: string; name?: string }
  invite?: {
    invitedXuid?: string
    titleId?: string
    context?: string
    contextString?: string
    senderString?: string
  }
  contractVersion?: number
  /** Moved beside the request in presets version 2 (restorePreset). */
  xuids?: string[]
}

/**
 * Any request shape a writer may hand in; readers take `unknown` and sort it out. Readers that
 * report zod paths (presets, batch runs) parse with `z.preprocess(upgradeRequest, schema)`.
 */
export type AnyRequestInput = RequestEntityInput | PresetRequestV1

function text(value: unknown): string {
  return typeof value === 'string' ? value : typeof value === 'number' ? String(value) : ''
}

function kindOf(value: unknown): 'activity' | 'invite' {
  // Every shape before the entity fell back to an invite (the composer's default).
  return value === 'activity' ? 'activity' : 'invite'
}

function upVersions(input: Record<string, unknown>): unknown {
  const from = input.v
  if (typeof from !== 'number' || !Number.isInteger(from) || from < 1) return input
  let value: unknown = input
  for (let version = from + 1; version <= REQUEST_ENTITY_VERSION; version++) {
    const up = REQUEST_VERSIONS[version]?.up
    if (up) value = up(value)
  }
  return value
}

function fromPresetV1(input: Record<string, unknown>): unknown {
  return {
    v: 1,
    // An unknown type is kept, so the reader says what is wrong with it rather than guessing.
    kind: input.type,
    sessionRef: input.sessionRef,
    ...(input.invite === undefined ? {} : { invite: input.invite }),
    ...(input.contractVersion === undefined ? {} : { contractVersion: input.contractVersion }),
  }
}

/** The flat shape is the form's fields with `type` for the kind: read through the same table. */
function fromFlat(input: Record<string, unknown>): unknown {
  const fields: Partial<RequestFields> = {}
  for (const name of REQUEST_FIELD_NAMES) fields[name] = text(input[name])
  const request = requestFromFields(fields, kindOf(input.kind ?? input.type))
  return input.contractVersion === undefined
    ? request
    : { ...request, contractVersion: Number(input.contractVersion) }
}

function isRecord(input: unknown): input is Record<string, unknown> {
  return typeof input === 'object' && input !== null && !Array.isArray(input)
}

/**
 * Any stored request shape, raised to the current entity's shape but not yet checked: readers
 * parse the result with `requestEntitySchema` (or use `migrateRequest`). Anything unrecognised is
 * returned as it was, for the schema to explain.
 */
export function upgradeRequest(input: unknown): unknown {
  if (!isRecord(input)) return input
  if ('v' in input) return upVersions(input)
  if (isRecord(input.sessionRef)) return fromPresetV1(input)
  if ('type' in input || REQUEST_FIELD_NAMES.some((key) => key in input)) return fromFlat(input)
  return input
}

export type MigratedRequest = { ok: true; request: RequestEntity } | { ok: false; error: string }

/** `migrate`: any stored shape to the current entity, or why it cannot be read. */
export function migrateRequest(input: unknown): MigratedRequest {
  const parsed = requestEntitySchema.safeParse(upgradeRequest(input))
  if (parsed.success) return { ok: true, request: parsed.data }
  const issue = parsed.error.issues[0]
  const where = issue?.path.length ? `${issue.path.join('.')}: ` : ''
  return { ok: false, error: `${where}${issue?.message ?? 'Not a request'}` }
}
