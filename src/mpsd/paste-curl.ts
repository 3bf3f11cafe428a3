// Reads a curl command a developer pastes (the Workbench's own "Copy as curl" output, or one from a
// browser's "Copy as cURL", a README, a terminal): its method, URL, headers and body, as a POSIX
// shell would split it. Nothing runs; `$(...)` and `$VAR` stay as text. paste-text.ts then reads the
// body as any pasted body; what the form cannot hold is listed, never dropped silently.
import type { BodyNote } from './handle-body-fields'

export type CurlCommand = {
  method: string
  url: string
  headers: Array<[string, string]>
  body: string | undefined
  /** Options that were read but have no place in the form. */
  ignored: BodyNote[]
}

export function isCurlCommand(text: string): boolean {
  return /^\s*(?:\$\s*)?curl(?:\.exe)?\s/.test(text)
}

/** Splits a command line as a POSIX shell does: quotes, escapes, line continuations, $'…'. */
export function shellWords(
  text: string,
): { ok: true; words: string[] } | { ok: false; error: string } {
  const words: string[] = []
  let word: string | undefined
  let i = 0
  const push = (s: string) => {
    word = (word ?? '') + s
  }
  while (i < text.length) {
    const c = text.charAt(i)
    if (c === '\\') {
      const next = text.charAt(i + 1)
      // A backslash-newline joins lines; any other escaped character is itself.
      if (next === '\n') i += 2
      else if (next === '\r' && text.charAt(i + 2) === '\n') i += 3
      else {
        push(next)
        i += 2
      }
    } else if (c === "'") {
      const end = text.indexOf("'", i + 1)
      if (end < 0) return { ok: false, error: 'A single quote is not closed.' }
      push(text.slice(i + 1, end))
      i = end + 1
    } else if (c === '$' && text.charAt(i + 1) === "'") {
      const read = ansiC(text, i + 2)
      if (!read) return { ok: false, error: "A $'…' string is not closed." }
      push(read.value)
      i = read.end
    } else if (c === '"') {
      i++
      let closed = false
      let value = ''
      while (i < text.length) {
        const d = text.charAt(i)
        if (d === '"') {
          closed = true
          i++
          break
        }
        // Inside double quotes a backslash escapes only these; elsewhere it is a backslash.
        if (d === '\\' && '"\\$`\n'.includes(text.charAt(i + 1))) {
          if (text.charAt(i + 1) !== '\n') value += text.charAt(i + 1)
          i += 2
        } else {
          value += d
          i++
        }
      }
      if (!closed) return { ok: false, error: 'A double quote is not closed.' }
      push(value)
    } else if (/\s/.test(c)) {
      if (word !== undefined) words.push(word)
      word = undefined
      i++
    } else {
      push(c)
      i++
    }
  }
  if (word !== undefined) words.push(word)
  return { ok: true, words }
}

const ANSI_ESCAPES: Record<string, string> = {
  n: '\n',
  t: '\t',
  r: '\r',
  a: '\x07',
  b: '\b',
  e: '\x1b',
  E: '\x1b',
  f: '\f',
  v: '\v',
  '\\': '\\',
  "'": "'",
  '"': '"',
  '?': '?',
}

/** Bash's $'…' strings (browsers' "Copy as cURL" uses them for bodies with quotes or newlines). */
function ansiC(text: string, start: number): { value: string; end: number } | undefined {
  let value = ''
  let i = start
  while (i < text.length) {
    const c = text.charAt(i)
    if (c === "'") return { value, end: i + 1 }
    if (c !== '\\') {
      value += c
      i++
      continue
    }
    const e = text.charAt(i + 1)
    const hex = (length: number) => /^[0-9a-fA-F]+/.exec(text.slice(i + 2, i + 2 + length))?.[0]
    if (e in ANSI_ESCAPES) {
      value += ANSI_ESCAPES[e]
      i += 2
    } else if (e === 'x' && hex(2)) {
      const digits = hex(2) ?? ''
      value += String.fromCharCode(parseInt(digits, 16))
      i += 2 + digits.length
    } else if ((e === 'u' || e === 'U') && hex(e === 'u' ? 4 : 8)) {
      const digits = hex(e === 'u' ? 4 : 8) ?? ''
      value += String.fromCodePoint(Math.min(parseInt(digits, 16), 0x10ffff))
      i += 2 + digits.length
    } else {
      value += `\\${e}`
      i += 2
    }
  }
  return undefined
}

const DATA_OPTIONS = new Set([
  '-d',
  '--data',
  '--data-raw',
  '--data-binary',
  '--data-ascii',
  '--json',
])
const FLAGS = new Set([
  '-s',
  '-S',
  '-sS',
  '-Ss',
  '-i',
  '-v',
  '-L',
  '-k',
  '-f',
  '--silent',
  '--show-error',
  '--include',
  '--verbose',
  '--location',
  '--insecure',
  '--fail',
  '--fail-with-body',
  '--compressed',
])
/** Options that take a value the form has no place for: read past, and listed. */
const VALUED = new Set([
  '-o',
  '--output',
  '-m',
  '--max-time',
  '--connect-timeout',
  '-A',
  '--user-agent',
  '-b',
  '--cookie',
  '-e',
  '--referer',
  '-u',
  '--user',
  '-w',
  '--write-out',
  '--retry',
])

export function parseCurl(
  text: string,
): { ok: true; command: CurlCommand } | { ok: false; error: string } {
  const split = shellWords(text.trim().replace(/^\$\s*/, ''))
  if (!split.ok) return { ok: false, error: `This curl command cannot be read: ${split.error}` }
  const [program, ...args] = split.words
  if (!program || !/^curl(?:\.exe)?$/.test(program))
    return { ok: false, error: 'A curl command starts with curl.' }
  let method: string | undefined
  let url: string | undefined
  const headers: Array<[string, string]> = []
  const data: string[] = []
  const ignored: BodyNote[] = []
  for (let i = 0; i < args.length; i++) {
    const arg = args[i] ?? ''
    const valueOf = (name: string): string | undefined => {
      const value = args[i + 1]
      i++
      if (value === undefined) ignored.push({ path: name, reason: 'has no value' })
      return value
    }
    if (arg === '-X' || arg === '--request') method = valueOf(arg)
    else if (/^-X[A-Z]+$/.test(arg)) method = arg.slice(2)
    else if (arg === '-H' || arg === '--header') {
      const header = valueOf(arg)
      const colon = header?.indexOf(':') ?? -1
      if (header !== undefined && colon > 0)
        headers.push([header.slice(0, colon).trim(), header.slice(colon + 1).trim()])
      else if (header !== undefined)
        ignored.push({ path: `-H ${header}`, reason: 'not a "Name: value" header' })
    } else if (DATA_OPTIONS.has(arg)) {
      const value = valueOf(arg)
      if (value === undefined) continue
      if (value.startsWith('@') && arg !== '--data-raw')
        return {
          ok: false,
          error: `${arg} ${value} reads the body from a file: paste the body itself instead.`,
        }
      data.push(value)
    } else if (arg === '--url') url = valueOf(arg)
    else if (FLAGS.has(arg)) continue
    else if (VALUED.has(arg)) {
      const value = valueOf(arg)
      ignored.push({
        path: `${arg} ${value ?? ''}`.trim(),
        reason: 'a curl option the request does not need',
      })
    } else if (arg.startsWith('-'))
      ignored.push({ path: arg, reason: 'a curl option the Workbench does not read' })
    else if (url === undefined) url = arg
    else ignored.push({ path: arg, reason: 'a second URL: only the first is read' })
  }
  if (url === undefined) return { ok: false, error: 'This curl command has no URL.' }
  // As curl does: several -d values are joined with "&"; any data makes the default method POST.
  const body = data.length > 0 ? data.join('&') : undefined
  return {
    ok: true,
    command: {
      method: (method ?? (body === undefined ? 'GET' : 'POST')).toUpperCase(),
      url,
      headers,
      body,
      ignored,
    },
  }
}
