// Opens every request shape the Workbench has stored, so nothing kept before the request entity is
// lost: a versioned entity goes up its versions; the shapes from before it are read field for
// field. Shapes are told apart by their keys, not by where they were found, so a preset file, a
// draft or a batch run read by any reader opens the same way. A History record of before the
// entity kept only the bytes it sent: its request is read back with fromWire (from-wire.ts).
//
//   entity            { v, kind, sessionRef, invite?, contractVersion? }
//   preset request v1 { type, sessionRef, invite, contractVersion, xuids? } (files, links, IndexedDB)
//   flat              { type, scid, templateName, sessionName, invitedXuid, titleId, context,
//                       contextString, senderString, contractVersion? }: the composer's draft in
//                       localStorage, presets version 0, the paste box's fields, and a batch run's
//                       template (no type: always an invite, no invitedXuid: the batch gives it)
//
// No zod here: the composer's first load opens its draft with this module alone. Readers that must
// name the field of a problem (preset files, batch runs, History) parse with
// `z.preprocess(upgradeRequest, requestEntitySchema)` instead of `migrateRequest`.
import { readExpectations } from './expectation-kinds'
import { isContractVersion } from './limits'
import type { RequestEntity, RequestEntityInput } from './request-entity'
import {
  REQUEST_FIELD_NAMES,
  fieldsOf,
  requestFromFields,
  type RequestFields,
} from './request-fields'
import { isRequestKind, REQUEST_ENTITY_VERSION } from './request-kinds'

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

/**
 * The `up` step to each entity version from the one before, as in hoppscotch's versioned entities.
 * Version 2 would add `2: (v1) => ({ ...v1, v: 2, ... })` beside a new schema in request-entity.ts;
 * requests stored as version 1 are then raised before they are read.
 */
export const UP_STEPS: Record<
  number,
  (previous: Record<string, unknown>) => Record<string, unknown>
> = {}

function isRecord(input: unknown): input is Record<string, unknown> {
  return typeof input === 'object' && input !== null && !Array.isArray(input)
}

function text(value: unknown): string {
  return typeof value === 'string' ? value : typeof value === 'number' ? String(value) : ''
}

function upVersions(input: Record<string, unknown>): unknown {
  const from = input.v
  if (typeof from !== 'number' || !Number.isInteger(from) || from < 1) return input
  let value = input
  for (let version = from + 1; version <= REQUEST_ENTITY_VERSION; version++) {
    const up = UP_STEPS[version]
    if (up) value = up(value)
  }
  return value
}

/** Version 1 of presets named the kind `type`; everything else it held kept its name. */
function fromPresetV1({ type, ...rest }: Record<string, unknown>): unknown {
  return { ...rest, v: 1, kind: type }
}

/** The flat shape is the form's fields with `type` for the kind: read through the same table. */
function fromFlat(input: Record<string, unknown>): unknown {
  const fields: Partial<RequestFields> = {}
  for (const name of REQUEST_FIELD_NAMES) fields[name] = text(input[name])
  // Every shape before the entity fell back to an invite (the composer's default).
  const kind = (input.kind ?? input.type) === 'activity' ? 'activity' : 'invite'
  const request = requestFromFields(fields, kind)
  return input.contractVersion === undefined
    ? request
    : { ...request, contractVersion: Number(input.contractVersion) }
}

/**
 * Any stored request shape, raised to the current entity's shape but not yet checked. Anything
 * unrecognised is returned as it was, for the reader to refuse.
 */
export function upgradeRequest(input: unknown): unknown {
  if (!isRecord(input)) return input
  if ('v' in input) return upVersions(input)
  if (isRecord(input.sessionRef)) return fromPresetV1(input)
  if ('type' in input || REQUEST_FIELD_NAMES.some((key) => key in input)) return fromFlat(input)
  return input
}

function contractVersionOf(value: unknown): number | undefined {
  return isContractVersion(value) ? value : undefined
}

/**
 * `migrate`: any stored shape to the current entity, or undefined when it is not one (not an
 * object, an unknown kind, a newer version). Lenient about values, as a draft must be: a field
 * that is not text opens empty, an impossible contract version is left out. Readers that must say
 * what is wrong parse with the schema (see the top of this file).
 */
export function migrateRequest(input: unknown): RequestEntity | undefined {
  const raised = upgradeRequest(input)
  if (!isRecord(raised) || raised.v !== REQUEST_ENTITY_VERSION || !isRequestKind(raised.kind))
    return undefined
  const request = requestFromFields(fieldsOf(raised as RequestEntity), raised.kind)
  const contractVersion = contractVersionOf(raised.contractVersion)
  const expect = readExpectations(raised.expect)
  return {
    ...request,
    ...(contractVersion === undefined ? {} : { contractVersion }),
    ...(expect === undefined ? {} : { expect }),
  }
}
