// Secrets out of anything the Workbench writes: presets, links, exports, drafts, History (the
// browser), and the server's log lines and the simulator's request log. One module, so a token is
// recognised the same way everywhere.

/** What a secret is replaced with, everywhere. */
export const REDACTED = '<redacted>'

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

const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')

/** `%2f` or `%2F`, each optionally double-encoded (`%252F`), as a browser or a snippet may write it. */
function percentEncoded(char: string): string {
  return [...new TextEncoder().encode(char)]
    .map((byte) => {
      const hex = byte.toString(16).toUpperCase().padStart(2, '0')
      const digits = [...hex]
        .map((d) => (/[A-F]/.test(d) ? `[${d}${d.toLowerCase()}]` : d))
        .join('')
      return `%(?:25)?${digits}`
    })
    .join('')
}

/**
 * The forms of each ASCII character, worked out once, on the first secret to match (tokens are
 * ASCII in practice); not at load, where the 128 patterns cost the composer's first paint.
 */
let asciiForms: string[] | undefined
function asciiFormsTable(): string[] {
  return (asciiForms ??= Array.from({ length: 128 }, (_, code) =>
    charForms(String.fromCharCode(code)),
  ))
}

function charForms(char: string): string {
  const forms = [escapeRegExp(char), percentEncoded(char)]
  if (char === ' ') forms.push('\\+')
  if (char === '"' || char === '\\') forms.push(escapeRegExp(`\\${char}`))
  return `(?:${forms.join('|')})`
}

/**
 * One secret as it may appear in text: as typed, URL-encoded (path, query or form, whole or in
 * part, in either hex case, once or twice), or escaped inside a JSON string.
 */
function secretPattern(secret: string): string {
  const ascii = asciiFormsTable()
  return [...secret]
    .map((char) => {
      const code = char.charCodeAt(0)
      return (char.length === 1 && code < 128 ? ascii[code] : undefined) ?? charForms(char)
    })
    .join('')
}

/**
 * The text as a server or a browser would read it after decoding: percent-escapes resolved (once
 * and twice), `+` read as a space or not, JSON escapes undone. Cheap next to matching the patterns,
 * and enough to tell whether an encoded secret can be there at all.
 */
function decodedViews(text: string): string[] {
  const views: string[] = []
  for (const start of [text, text.replace(/\+/g, ' ')]) {
    let current = start
    for (let depth = 0; depth < 3; depth++) {
      const next = current
        .replace(/(?:%[0-9a-fA-F]{2})+/g, (run) => {
          try {
            return decodeURIComponent(run)
          } catch {
            return run
          }
        })
        .replace(/\\(["\\])/g, '$1')
      if (next === current && depth > 0) break
      views.push(next)
      current = next
    }
  }
  return views
}

// Compiling the pattern of a few secrets takes milliseconds: it is built only when a decoded view
// shows an encoded secret is really there, and kept for the next line with the same secrets.
const matcherCache = new Map<string, RegExp>()
function matcherFor(usable: readonly string[]): RegExp {
  const key = usable.join('\u0000')
  let matcher = matcherCache.get(key)
  if (!matcher) {
    matcher = new RegExp(usable.map(secretPattern).join('|'), 'g')
    if (matcherCache.size >= 64) matcherCache.clear()
    matcherCache.set(key, matcher)
  }
  return matcher
}

/** Every known secret (and its encoded forms) replaced by REDACTED; longest first, so a whole
 * Authorization value goes in one piece rather than leaving its scheme and userhash behind. */
function knownSecretsReplacer(secrets: readonly string[]): (text: string) => string {
  const usable = [...new Set(secrets.filter((s) => s.length >= MIN_SECRET_LENGTH))].sort(
    (a, b) => b.length - a.length,
  )
  if (usable.length === 0) return (text) => text
  const replaceOnce = (text: string) => {
    // Without `%`, `+` or `\` only the plain form can occur; with them, only a text whose decoded
    // view holds a secret needs the (slow) pattern, which takes plain and encoded forms in one pass.
    if (!/[%+\\]/.test(text))
      return usable.reduce((out, secret) => out.split(secret).join(REDACTED), text)
    // A long text (an answer body) is scanned once by the pattern rather than decoded six times.
    if (text.length <= 64 * 1024) {
      const views = [text, ...decodedViews(text)]
      if (!views.some((view) => usable.some((secret) => view.includes(secret)))) return text
    }
    return text.replace(matcherFor(usable), REDACTED)
  }
  return (text) => {
    let out = text
    // Repeat until stable: removing one occurrence can join two halves into a new one.
    for (let guard = 0; guard < 100; guard++) {
      const next = replaceOnce(out)
      if (next === out) break
      out = next
    }
    return out
  }
}

/**
 * Replaces every occurrence of a secret (the Authorization value, its token part) inside the
 * preset's strings. The allowlist keeps secret *fields* out; this keeps a token a user pasted
 * into, say, Sender string, out of a file or a link too. Returns the fields that were changed.
 */
export function redactSecrets<T>(
  input: T,
  secrets: readonly string[],
): { value: T; redactedPaths: string[] } {
  const replace = knownSecretsReplacer(secrets)
  const redactedPaths: string[] = []
  const walk = (node: unknown, path: string[]): unknown => {
    if (typeof node === 'string') {
      const out = replace(node)
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

// Separators as they appear as typed, URL-encoded or form-encoded (a token pasted into a path).
const SPACE = '(?:\\s|%20|\\+)'
const EQUALS = '(?:=|%3[dD])'
const SEMICOLON = '(?:;|%3[bB])'

/**
 * What looks like a credential even when nobody told us the value. The token part of an XBL3.0
 * value runs to the next space or quote, commas included: a value with a comma after the token is
 * still one secret. An `authorization: …` value runs to the end of the line or its closing quote.
 */
const TOKEN_PATTERNS: RegExp[] = [
  new RegExp(`XBL3\\.0${SPACE}+x${EQUALS}[^\\s"'<>]*?${SEMICOLON}[^\\s"'<>]*`, 'gi'),
  /((?:proxy-)?authorization["']?\s*[:=]\s*["']?)[^"'\r\n]+/gi,
  new RegExp(`\\bBearer${SPACE}+[A-Za-z0-9._~+/=%-]+`, 'gi'),
]

/**
 * A line of free text (a server log line, a simulator log entry, an error message) with every
 * known secret, in any encoding, and anything shaped like a token replaced by REDACTED.
 */
export function redactText(text: string, secrets: readonly string[] = []): string {
  let out = knownSecretsReplacer(secrets)(text)
  for (const pattern of TOKEN_PATTERNS) {
    out = out.replace(pattern, (match, prefix?: unknown) =>
      typeof prefix === 'string' && match.toLowerCase().startsWith(prefix.toLowerCase())
        ? `${prefix}${REDACTED}`
        : REDACTED,
    )
  }
  return out
}
