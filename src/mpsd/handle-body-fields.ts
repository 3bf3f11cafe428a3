// Reads a handle body someone else wrote (pasted from the docs, captured in a HAR file) into the
// request's fields, listing everything that could not be mapped and why: nothing is dropped
// silently. Shared by the paste box (paste-json.ts) and fromWire, which parse the text their own
// way and hand over plain JSON values with every number already a string (64-bit XUIDs and title
// IDs must keep every digit).
import type { RequestKind } from './request-kinds'
import { fieldsOfKind, type RequestField } from './request-fields'

export type BodyNote = { path: string; reason: string }

export type MappedBody = {
  /** The body's `type`, when it names a kind composed here. */
  kind?: RequestKind
  fields: Partial<Record<RequestField, string>>
  /** Fields that were `{placeholder}`s in the text: left empty for the user to fill. */
  placeholders: string[]
  unmapped: BodyNote[]
  /** Where in the body each field was read from (`inviteAttributes.titleId`, `scid`…). */
  paths: Partial<Record<RequestField, string>>
}

/** How the paste box marks a `{placeholder}` value it quoted so the text parses. */
export const PLACEHOLDER_MARK = '\u2063placeholder:'

/** The handle types a body may name: the kinds that POST /handles. */
const HANDLE_TYPES: readonly RequestKind[] = ['activity', 'invite', 'transfer', 'search']

function isHandleType(value: unknown): value is RequestKind {
  return (HANDLE_TYPES as readonly unknown[]).includes(value)
}

export function isJsonObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

function asText(value: unknown): string | undefined {
  if (typeof value === 'string') return value
  if (typeof value === 'number' || typeof value === 'boolean') return String(value)
  if (value === null) return ''
  return undefined
}

const SESSION_REF_FIELDS: Record<string, RequestField> = {
  scid: 'scid',
  templateName: 'templateName',
  name: 'sessionName',
}

const ORIGIN_REF_FIELDS: Record<string, RequestField> = {
  scid: 'originScid',
  templateName: 'originTemplateName',
  name: 'originName',
}

// Every number reaches here as its digits (see the top of this file): a `numbers` attribute is
// written back as a bare number, a `strings` one as a JSON string.
function attributesText(value: Record<string, unknown>, as: 'number' | 'string'): string {
  const entries = Object.entries(value).map(([key, v]) => {
    const text = typeof v === 'string' ? v : JSON.stringify(v)
    const isNumber = as === 'number' && typeof v === 'string' && /^-?\d/.test(v)
    return `${JSON.stringify(key)}:${isNumber ? text : JSON.stringify(text)}`
  })
  return `{${entries.join(',')}}`
}

const INVITE_ATTRIBUTE_FIELDS: Record<string, RequestField> = {
  titleId: 'titleId',
  context: 'context',
  contextString: 'contextString',
  senderString: 'senderString',
}

/**
 * The members a handle body fills the form from, each read by its own reader in mapHandleBody (the
 * compiler holds the two together). `version` and `id` are read too, but only to be listed.
 */
const HANDLE_BODY_MEMBERS = [
  'type',
  'sessionRef',
  'originSessionRef',
  'searchAttributes',
  'invitedXuid',
  'inviteAttributes',
] as const

type HandleBodyMember = (typeof HANDLE_BODY_MEMBERS)[number]

function isHandleBodyMember(key: string): key is HandleBodyMember {
  return (HANDLE_BODY_MEMBERS as readonly string[]).includes(key)
}

/**
 * Members only an MPSD body has: those a handle body or a bare session reference fills the form
 * from. The paste box never reads a body with one as Multiplayer Activity's.
 */
export const MPSD_BODY_MEMBERS: readonly string[] = [
  ...HANDLE_BODY_MEMBERS,
  ...Object.keys(SESSION_REF_FIELDS),
]

/** A handle body, or a bare session reference, as fields. */
export function mapHandleBody(value: Record<string, unknown>): MappedBody {
  const mapped: MappedBody = { fields: {}, placeholders: [], unmapped: [], paths: {} }
  const pathOf = mapped.paths

  const take = (raw: unknown, path: string, field: RequestField) => {
    pathOf[field] = path
    const text = asText(raw)
    if (text === undefined) {
      mapped.unmapped.push({ path, reason: 'expected a text value, found an object or a list' })
    } else if (text.startsWith(PLACEHOLDER_MARK)) {
      mapped.placeholders.push(path)
      mapped.fields[field] = ''
    } else {
      mapped.fields[field] = text
    }
  }

  const mapSessionRef = (ref: Record<string, unknown>, prefix: string) => {
    for (const [key, raw] of Object.entries(ref)) {
      const path = prefix ? `${prefix}.${key}` : key
      const field = Object.hasOwn(SESSION_REF_FIELDS, key) ? SESSION_REF_FIELDS[key] : undefined
      if (field) take(raw, path, field)
      else mapped.unmapped.push({ path, reason: 'not part of a session reference' })
    }
  }

  if (!('type' in value) && ('scid' in value || 'templateName' in value)) {
    mapSessionRef(value, '')
    return mapped
  }
  // Each member's reader: false when the value is not the shape MPSD gives it, which is then
  // listed as not a field of a handle body.
  const readers: Record<HandleBodyMember, (raw: unknown) => boolean> = {
    type: (raw) => {
      const type = asText(raw)
      if (isHandleType(type)) mapped.kind = type
      else
        mapped.unmapped.push({
          path: 'type',
          reason: `"${type ?? '?'}" handles are not composed here (only activity, invite, transfer and search)`,
        })
      return true
    },
    sessionRef: (raw) => {
      if (!isJsonObject(raw)) return false
      mapSessionRef(raw, 'sessionRef')
      return true
    },
    originSessionRef: (raw) => {
      if (!isJsonObject(raw)) return false
      for (const [refKey, refRaw] of Object.entries(raw)) {
        const path = `originSessionRef.${refKey}`
        const field = Object.hasOwn(ORIGIN_REF_FIELDS, refKey)
          ? ORIGIN_REF_FIELDS[refKey]
          : undefined
        if (field) take(refRaw, path, field)
        else mapped.unmapped.push({ path, reason: 'not part of a session reference' })
      }
      return true
    },
    searchAttributes: (raw) => {
      if (!isJsonObject(raw)) return false
      for (const [attr, attrRaw] of Object.entries(raw)) {
        const path = `searchAttributes.${attr}`
        if (
          attr === 'tags' &&
          Array.isArray(attrRaw) &&
          attrRaw.every((t) => typeof t === 'string')
        ) {
          pathOf.searchTags = path
          mapped.fields.searchTags = attrRaw.join(', ')
        } else if ((attr === 'numbers' || attr === 'strings') && isJsonObject(attrRaw)) {
          const field = attr === 'numbers' ? 'searchNumbers' : 'searchStrings'
          pathOf[field] = path
          mapped.fields[field] = attributesText(attrRaw, attr === 'numbers' ? 'number' : 'string')
        } else mapped.unmapped.push({ path, reason: 'not a search attribute MPSD knows' })
      }
      return true
    },
    invitedXuid: (raw) => {
      take(raw, 'invitedXuid', 'invitedXuid')
      return true
    },
    inviteAttributes: (raw) => {
      if (!isJsonObject(raw)) return false
      for (const [attr, attrRaw] of Object.entries(raw)) {
        const path = `inviteAttributes.${attr}`
        const field = Object.hasOwn(INVITE_ATTRIBUTE_FIELDS, attr)
          ? INVITE_ATTRIBUTE_FIELDS[attr]
          : undefined
        if (field) take(attrRaw, path, field)
        else mapped.unmapped.push({ path, reason: 'not an invite attribute MPSD knows' })
      }
      return true
    },
  }
  for (const [key, raw] of Object.entries(value)) {
    if (isHandleBodyMember(key) && readers[key](raw)) continue
    if (key === 'version') {
      const version = asText(raw)
      if (version !== '1')
        mapped.unmapped.push({
          path: 'version',
          reason: `handle version ${version ?? '?'} is not 1; the Workbench always sends 1`,
        })
    } else if (key === 'id') {
      mapped.unmapped.push({
        path: 'id',
        reason: 'MPSD assigns handle ids; a request never sends one',
      })
    } else {
      mapped.unmapped.push({ path: key, reason: 'not a field of a handle body' })
    }
  }
  // An activity with invite attributes: they would never be sent, so they are listed, not kept.
  const { kind } = mapped
  if (kind) {
    const own = fieldsOfKind(kind)
    for (const field of Object.keys(mapped.fields) as RequestField[]) {
      if (own.includes(field)) continue
      const path = pathOf[field] ?? field
      delete mapped.fields[field]
      delete pathOf[field]
      mapped.placeholders = mapped.placeholders.filter((p) => p !== path)
      mapped.unmapped.push({ path, reason: `not part of a body of type "${kind}"` })
    }
  }
  return mapped
}
