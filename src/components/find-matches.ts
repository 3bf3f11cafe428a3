// Search in a response body: where a query occurs, case-insensitively, for highlighting and a count.

/** At most this many matches are highlighted; all are counted. A 10 MiB body of "a" is not 10 M marks. */
export const HIGHLIGHT_LIMIT = 1_000

export type Segment = { text: string; match: boolean }

export function findMatches(text: string, query: string): { count: number; segments: Segment[] } {
  if (query === '') return { count: 0, segments: [{ text, match: false }] }
  // toLowerCase keeps the length for all but a few characters (İ); compare on lowered text only
  // when it does, so the offsets stay right in the original.
  const lower = text.toLowerCase()
  const haystack = lower.length === text.length ? lower : text
  const needle = lower.length === text.length ? query.toLowerCase() : query
  const segments: Segment[] = []
  let count = 0
  let from = 0
  let at = haystack.indexOf(needle)
  while (at !== -1) {
    count++
    if (count <= HIGHLIGHT_LIMIT) {
      if (at > from) segments.push({ text: text.slice(from, at), match: false })
      segments.push({ text: text.slice(at, at + needle.length), match: true })
      from = at + needle.length
    }
    at = haystack.indexOf(needle, at + needle.length)
  }
  if (from < text.length) segments.push({ text: text.slice(from), match: false })
  return { count, segments }
}
