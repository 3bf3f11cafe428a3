// What a paste does to the draft (decision 132): it replaces it, as the pasted request says, so no
// value of the old request lingers unseen (an old Context string beside a pasted invite). Two
// exceptions: a field whose pasted value was a placeholder (`{scid}`, `<scid>`) keeps what the form
// holds, and a bare session reference replaces the session reference only. Every change is listed.
import type { PastedRequest } from './paste-json'
import {
  fieldsOf,
  REQUEST_FIELD_NAMES,
  REQUEST_FIELDS,
  type RequestField,
  type RequestFields,
} from './request-fields'

export type PasteChange = {
  field: 'kind' | RequestField
  label: string
  from: string
  to: string
}

export type PasteApplied = {
  /** The form's values after the paste: every field, so undoing is putting `before` back. */
  fields: RequestFields
  changes: PasteChange[]
  /** Fields that kept the form's value because the pasted one was a placeholder. */
  kept: Array<{ field: RequestField; label: string; value: string }>
}

export function applyPaste(before: RequestFields, pasted: PastedRequest): PasteApplied {
  const given = fieldsOf(pasted.request)
  const fields: RequestFields = { ...before }
  if (pasted.scope === 'request') fields.kind = pasted.request.kind
  const kept: PasteApplied['kept'] = []
  for (const name of REQUEST_FIELD_NAMES) {
    if (pasted.scope === 'sessionRef' && REQUEST_FIELDS[name].block !== 'sessionRef') continue
    if (pasted.placeholderFields.includes(name)) {
      kept.push({ field: name, label: REQUEST_FIELDS[name].label, value: before[name] })
      continue
    }
    // Not in the paste: emptied, as the pasted request does not have it.
    fields[name] = pasted.filled.includes(name) ? given[name] : ''
  }
  const changes: PasteChange[] = []
  if (fields.kind !== before.kind)
    changes.push({ field: 'kind', label: 'Request type', from: before.kind, to: fields.kind })
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
