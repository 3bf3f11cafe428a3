// Opens every request shape the Workbench has stored, so nothing kept before the request entity is
// lost: a versioned entity goes up its versions; the shapes from before it are read field for
// field. Shapes are told apart by their keys, not by where they were found, so a preset file, a
// draft or a batch run read by any reader opens the same way.
//
//   entity            { v, kind, sessionRef, invite?, contractVersion? }
//   preset request v1 { type, sessionRef, invite, contractVersion, xuids? } (files, links, IndexedDB)
//   flat              { type, scid, templateName, sessionName, invitedXuid, titleId, context,
//                       contextString, senderString, contractVersion? }: the composer's draft in
//                       localStorage, presets version 0, the paste box's fields, and a batch run's
//                       template (no type: always an invite, no invitedXuid: the batch gives it)
//   History record    { kind, request: { method, path, headers, body }, ... } from before records
//                       kept their request: read back from the wire with fromWire
import { z } from 'zod'
import { fromWire, type HttpRequestLike } from './from-wire'
import { isJsonObject } from './handle-body-fields'
import {
  REQUEST_ENTITY_VERSION,
  REQUEST_VERSIONS,
  requestEntitySchema,
  type RequestEntity,
  type RequestEntityInput,
} from './request-entity'

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

/** Any request shape a writer may hand in; readers take `unknown` and sort it out. */
export type AnyRequestInput = RequestEntityInput | PresetRequestV1

const FLAT_KEYS = [
  'scid',
  'templateName',
  'sessionName',
  'invitedXuid',
  'titleId',
  'context',
  'contextString',
  'senderString',
] as const

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

function fromFlat(input: Record<string, unknown>): unknown {
  const kind = kindOf(input.kind ?? input.type)
  return {
    v: 1,
    kind,
    sessionRef: {
      scid: text(input.scid),
      templateName: text(input.templateName),
      name: text(input.sessionName),
    },
    ...(kind === 'invite'
      ? {
          invite: {
            invitedXuid: text(input.invitedXuid),
            titleId: text(input.titleId),
            context: text(input.context),
            contextString: text(input.contextString),
            senderString: text(input.senderString),
          },
        }
      : {}),
    ...(input.contractVersion === undefined
      ? {}
      : { contractVersion: Number(input.contractVersion) }),
  }
}

type Raised = { value: unknown } | { error: string }

function raise(input: unknown): Raised {
  if (!isJsonObject(input)) return { value: input }
  if ('v' in input) return { value: upVersions(input) }
  if (isJsonObject(input.request) && typeof input.request.method === 'string') {
    const read = fromWire(input.request as HttpRequestLike)
    return read.ok ? { value: read.request } : { error: read.error }
  }
  if (isJsonObject(input.sessionRef)) return { value: fromPresetV1(input) }
  if ('type' in input || FLAT_KEYS.some((key) => key in input)) return { value: fromFlat(input) }
  return { value: input }
}

/**
 * Any stored request shape, raised to the current entity's shape but not yet checked: readers
 * parse the result with `requestEntitySchema` (or use `migrateRequest`). Anything unrecognised is
 * returned as it was, for the schema to explain.
 */
export function upgradeRequest(input: unknown): unknown {
  const raised = raise(input)
  return 'value' in raised ? raised.value : input
}

/** The entity schema behind `upgradeRequest`: what presets, drafts and batch runs parse with. */
export const storedRequestSchema = z.preprocess(
  (input: AnyRequestInput) => upgradeRequest(input),
  requestEntitySchema,
)

export type MigratedRequest = { ok: true; request: RequestEntity } | { ok: false; error: string }

/** `migrate`: any stored shape to the current entity, or why it cannot be read. */
export function migrateRequest(input: unknown): MigratedRequest {
  const raised = raise(input)
  if ('error' in raised) return { ok: false, error: raised.error }
  const parsed = requestEntitySchema.safeParse(raised.value)
  if (parsed.success) return { ok: true, request: parsed.data }
  const issue = parsed.error.issues[0]
  const where = issue?.path.length ? `${issue.path.join('.')}: ` : ''
  return { ok: false, error: `${where}${issue?.message ?? 'Not a request'}` }
}
