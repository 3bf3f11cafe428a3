// Response bodies are shown as text, always. JSON is pretty-printed with lossless-json so a 64-bit
// integer (a XUID sent as a bare number by some service) keeps every digit.
import { parse, stringify } from 'lossless-json'

export type FormattedBody = { kind: 'json' | 'text' | 'empty'; text: string }

export function formatBody(body: string, contentType: string | undefined): FormattedBody {
  if (body === '') return { kind: 'empty', text: '' }
  const looksJson = /json/i.test(contentType ?? '') || /^\s*[[{]/.test(body)
  if (looksJson) {
    try {
      return { kind: 'json', text: stringify(parse(body), undefined, 2) ?? body }
    } catch {
      // Not JSON after all: fall through to text.
    }
  }
  return { kind: 'text', text: body }
}

export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KB`
  return `${(bytes / 1024 / 1024).toFixed(2)} MB`
}
