// Secrets out of anything the Workbench writes: presets, links, exports, drafts, History. The
// allowlists keep secret *fields* out; this keeps a token a user pasted into a value out too.

/**
 * Replaces every occurrence of a secret (the Authorization value, its token part) inside the
 * preset's strings. The allowlist keeps secret *fields* out; this keeps a token a user pasted
 * into, say, Sender string, out of a file or a link too. Returns the fields that were changed.
 */
export const REDACTED = '<redacted>'
export function redactSecrets<T>(
  input: T,
  secrets: readonly string[],
): { value: T; redactedPaths: string[] } {
  const usable = secrets.filter((s) => s.length >= MIN_SECRET_LENGTH)
  const redactedPaths: string[] = []
  const walk = (node: unknown, path: string[]): unknown => {
    if (typeof node === 'string') {
      let out = node
      // Repeat until stable: removing one occurrence can join two halves into a new one.
      for (let guard = 0; guard < 100; guard++) {
        const next = usable.reduce((text, secret) => text.split(secret).join(REDACTED), out)
        if (next === out) break
        out = next
      }
      if (out !== node) redactedPaths.push(path.join('.'))
      return out
    }
    if (Array.isArray(node)) return node.map((item, i) => walk(item, [...path, String(i)]))
    if (node && typeof node === 'object') {
      return Object.fromEntries(
        Object.entries(node).map(([key, child]) => [key, walk(child, [...path, key])]),
      )
    }
    return node
  }
  return { value: walk(input, []) as T, redactedPaths }
}
/**
 * Shorter strings are not treated as secrets: "1" would otherwise erase every digit. It equals
 * REDACTED's length, so redacting never makes a value longer (a valid preset stays valid).
 */
export const MIN_SECRET_LENGTH = 10

/** The secrets hidden inside one Authorization value: the whole header and the token after ';'. */
export function secretsOfAuthorization(authorization: string): string[] {
  const whole = authorization.trim()
  if (!whole) return []
  const token = whole.includes(';') ? whole.slice(whole.indexOf(';') + 1).trim() : ''
  return [whole, token].filter((s) => s.length >= MIN_SECRET_LENGTH)
}
