// What a paste does to the draft (decision 132): it replaces it, as the pasted request says, so no
// value of the old request lingers unseen (an old Context string beside a pasted invite). Three
// exceptions: a field whose pasted value was a placeholder (`{scid}`, `<scid>`) keeps what the form
// holds, a bare session reference replaces the session reference only, and a Multiplayer Activity
// body pasted without its URL keeps the title and user the form holds (they are in the path).
// Every change, and every value kept, is listed.
import type { PastedRequest } from './paste-result'
import { KIND_LABELS, KIND_SERVICE, SERVICE_LABELS } from './request-kinds'
import {
  fieldsOf,
  fieldsOfKind,
  REQUEST_FIELD_NAMES,
  REQUEST_FIELDS,
  type RequestField,
  type RequestFields,
} from './request-fields'

export type PasteChange = {
  /** `service`: the paste moved the draft between MPSD and Multiplayer Activity. */
  field: 'service' | 'kind' | RequestField
  label: string
  from: string
  to: string
}

export type PasteApplied = {
  /** The form's values after the paste: every field, so undoing is putting `before` back. */
  fields: RequestFields
  changes: PasteChange[]
  /**
   * Fields that kept the form's value: the pasted one was a placeholder, or the text had no place
   * for it (`url`: an MPA body's title and user are in the path it was pasted without).
   */
  kept: Array<{ field: RequestField; label: string; value: string; why: 'placeholder' | 'url' }>
}

export function applyPaste(before: RequestFields, pasted: PastedRequest): PasteApplied {
  const given = fieldsOf(pasted.request)
  const fields: RequestFields = { ...before }
  if (pasted.scope === 'request') fields.kind = pasted.request.kind
  const kept: PasteApplied['kept'] = []
  const own = fieldsOfKind(fields.kind)
  for (const name of REQUEST_FIELD_NAMES) {
    if (pasted.scope === 'sessionRef' && REQUEST_FIELDS[name].block !== 'sessionRef') continue
    const why = pasted.placeholderFields.includes(name)
      ? 'placeholder'
      : pasted.unsaid.includes(name)
        ? 'url'
        : undefined
    if (why) {
      // Listed where the pasted call has the field; kept quietly where it has not (the user of an
      // activity beside pasted invites), so switching back finds it.
      if (why === 'placeholder' || own.includes(name))
        kept.push({ field: name, label: REQUEST_FIELDS[name].label, value: before[name], why })
      continue
    }
    // Not in the paste: emptied, as the pasted request does not have it.
    fields[name] = pasted.filled.includes(name) ? given[name] : ''
  }
  const changes: PasteChange[] = []
  const [service, previous] = [KIND_SERVICE[fields.kind], KIND_SERVICE[before.kind]]
  if (service !== previous)
    changes.push({
      field: 'service',
      label: 'Service',
      from: SERVICE_LABELS[previous],
      to: SERVICE_LABELS[service],
    })
  // As the composer's choice names them ("Send invites"), not as the entity spells them.
  if (fields.kind !== before.kind)
    changes.push({
      field: 'kind',
      label: 'Request type',
      from: KIND_LABELS[before.kind],
      to: KIND_LABELS[fields.kind],
    })
  for (const name of REQUEST_FIELD_NAMES) {
    if (fields[name] !== before[name])
      changes.push({
        field: name,
        label: REQUEST_FIELDS[name].label,
        from: before[name],
        to: fields[name],
      })
  }
  return { fields, changes, kept }
}
