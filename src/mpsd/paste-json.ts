// Turns a pasted body (read as JSON by paste-read.ts, repaired if need be) into a request: a
// Multiplayer Activity body (paste-mpa.ts), a handle body or a bare session reference. Everything
// that could not be mapped is listed with a reason; nothing is dropped silently.
import { isJsonObject, mapHandleBody } from './handle-body-fields'
import { pastedMpaBody } from './paste-mpa'
import { isPlaceholderValue, readPastedJson } from './paste-read'
import type { PasteResult } from './paste-result'
import { REQUEST_FIELDS, requestFromFields, type RequestField } from './request-fields'

export function parsePastedJson(text: string): PasteResult {
  const read = readPastedJson(text)
  if (!read.ok) return read
  const { value, repaired } = read
  if (!isJsonObject(value)) {
    return {
      ok: false,
      error:
        'Paste a JSON object: a handle body, a session reference or a Multiplayer Activity body.',
    }
  }
  const mpa = pastedMpaBody(value, repaired)
  if (mpa) return mpa

  const { kind, fields, placeholders, unmapped, paths } = mapHandleBody(value)
  const placeholderFields: RequestField[] = []
  for (const field of Object.keys(fields) as RequestField[]) {
    const path = paths[field] ?? field
    if (isPlaceholderValue(fields[field] ?? '')) {
      fields[field] = ''
      placeholders.push(path)
    }
    if (placeholders.includes(path)) placeholderFields.push(field)
  }
  const filled = [...(kind ? (['kind'] as const) : []), ...(Object.keys(fields) as RequestField[])]
  if (filled.length === 0) {
    return {
      ok: false,
      error:
        'Nothing in this JSON maps to the form: expected sessionRef, invitedXuid or inviteAttributes (MPSD), or connectionString, invitedUsers, users or recentPlayers (Multiplayer Activity).',
    }
  }
  return {
    ok: true,
    request: requestFromFields({ ...fields, kind: kind ?? 'invite' }),
    filled,
    placeholders,
    placeholderFields,
    unsaid: [],
    scope:
      !kind && filled.every((key) => key !== 'kind' && REQUEST_FIELDS[key].block === 'sessionRef')
        ? 'sessionRef'
        : 'request',
    unmapped,
    repaired,
  }
}
