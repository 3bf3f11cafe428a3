// What the paste box takes: a body (paste-json.ts) or a curl command that sends one (split by
// paste-curl.ts). A curl command's URL says whether it is a Multiplayer Activity call (paste-mpa.ts)
// or MPSD's; its method, path and headers, which the form does not keep, are listed with why.
import { isCurlCommand, parseCurl } from './paste-curl'
import { parsePastedJson } from './paste-json'
import { pastedMpaCall } from './paste-mpa'
import { PASTE_MAX_LENGTH } from './paste-read'
import type { PasteNote, PasteResult } from './paste-result'

export function parsePastedText(text: string): PasteResult {
  if (text.length > PASTE_MAX_LENGTH || !isCurlCommand(text)) return parsePastedJson(text)
  const read = parseCurl(text)
  if (!read.ok) return read
  const { method, url, headers, body, ignored } = read.command
  const path = pathOf(url)
  const mpa = pastedMpaCall(method, path, body)
  if (mpa) {
    if (!mpa.ok) return mpa
    return {
      ...mpa,
      unmapped: [...headerNotes(headers, 'mpa'), ...ignored, ...mpa.unmapped],
    }
  }
  if (body === undefined)
    return {
      ok: false,
      error: `This curl command (${method} ${url}) sends no body to fill the form with.`,
    }
  const result = parsePastedJson(body)
  if (!result.ok) return { ok: false, error: `The curl command's body: ${result.error}` }
  const notes: PasteNote[] = []
  if (method !== 'POST' || path !== '/handles')
    notes.push({
      path: `${method} ${path}`,
      reason: 'the form composes POST /handles; this method and path are not kept',
    })
  return {
    ...result,
    unmapped: [...notes, ...headerNotes(headers, 'mpsd'), ...ignored, ...result.unmapped],
  }
}

function headerNotes(
  headers: ReadonlyArray<[string, string]>,
  service: 'mpsd' | 'mpa',
): PasteNote[] {
  const notes: PasteNote[] = []
  for (const [name, value] of headers) {
    const lower = name.toLowerCase()
    if (lower === 'content-type' && /^application\/json/i.test(value)) continue
    notes.push({
      path: `header ${name}`,
      reason:
        lower === 'authorization'
          ? 'not kept: who sends is chosen in Act as, and a token is never stored'
          : lower === 'x-xbl-contract-version'
            ? service === 'mpa'
              ? 'Multiplayer Activity calls always go with contract version 1'
              : 'the contract version sent is the one in Settings'
            : 'the Workbench sends its own headers',
    })
  }
  return notes
}

function pathOf(url: string): string {
  try {
    return new URL(url, 'http://relative.invalid').pathname
  } catch {
    return url
  }
}
