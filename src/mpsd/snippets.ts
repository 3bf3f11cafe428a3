// Copy-as snippets that send the same bytes as the Workbench. Every value is quoted for its shell
// with the one quoting form that has no escapes inside it (POSIX and PowerShell single quotes), so no
// input (quotes, $, backticks, newlines, Unicode) can break out of its string.
import { AUTHORIZATION_HEADER, type WireRequest } from './request-builder'

/** What a snippet puts where the token goes when "Include token" is off. */
export const TOKEN_PLACEHOLDER = 'XBL3.0 x=<userhash>;<token>'

export type SnippetOptions = {
  /** The origin the snippet calls directly, e.g. https://sessiondirectory.xboxlive.com. */
  baseUrl: string
  /** The real Authorization value; only passed when the user ticked "Include token". */
  authorization?: string | undefined
}

function snippetHeaders(request: WireRequest, options: SnippetOptions): Array<[string, string]> {
  return [...request.headers, [AUTHORIZATION_HEADER, options.authorization || TOKEN_PLACEHOLDER]]
}

function urlOf(request: WireRequest, options: SnippetOptions): string {
  return `${options.baseUrl.replace(/\/+$/, '')}${request.path}`
}

/** POSIX shell single quotes: nothing is special inside; a ' becomes '\'' */
export function shellQuote(value: string): string {
  return `'${value.replace(/'/g, `'\\''`)}'`
}

export function toCurl(request: WireRequest, options: SnippetOptions): string {
  const lines = [`curl -sS -X ${request.method} ${shellQuote(urlOf(request, options))}`]
  for (const [name, value] of snippetHeaders(request, options)) {
    lines.push(`  -H ${shellQuote(`${name}: ${value}`)}`)
  }
  // --data-binary sends the bytes exactly: no @file reading, no newline stripping.
  if (request.body !== undefined) lines.push(`  --data-binary ${shellQuote(request.body)}`)
  return lines.join(' \\\n')
}

export function toFetch(request: WireRequest, options: SnippetOptions): string {
  const init: Record<string, unknown> = {
    method: request.method,
    headers: Object.fromEntries(snippetHeaders(request, options)),
  }
  if (request.body !== undefined) init.body = request.body
  // JSON.stringify yields a valid JavaScript literal for any string, and no raw newline inside one,
  // so indenting its lines is safe. An async function called at once runs in a CommonJS file (what
  // `npm init` makes), an ES module and a browser console alike; top-level await only in a module.
  // A failed call (no answer, or not 2xx) sets a failing exit code where there is one (Node).
  const literal = (value: unknown) => JSON.stringify(value, null, 2).replace(/\n/g, '\n  ')
  return [
    '(async () => {',
    `  const response = await fetch(${literal(urlOf(request, options))}, ${literal(init)})`,
    '  console.log(response.status, await response.text())',
    '  if (!response.ok) throw new Error(`MPSD answered HTTP ${response.status}`)',
    '})().catch((error) => {',
    '  console.error(error)',
    "  if (typeof process === 'object') process.exitCode = 1",
    '})',
  ].join('\n')
}

/**
 * PowerShell single-quoted strings are verbatim; the quote characters PowerShell accepts
 * (' and the typographic ‘ ’ ‚ ‛) are doubled to escape them.
 */
export function powerShellQuote(value: string): string {
  return `'${value.replace(/['\u2018\u2019\u201a\u201b]/g, (q) => q + q)}'`
}

/**
 * An ASCII-only PowerShell expression for any string: printable ASCII in single quotes, every other
 * UTF-16 unit as [char]0xHHHH. Windows PowerShell 5.1 reads a .ps1 file without a BOM as the ANSI
 * code page, and editors and git may rewrite line ends: neither can change what this evaluates to.
 */
export function powerShellString(value: string): string {
  const parts: string[] = []
  let literal = ''
  for (let i = 0; i < value.length; i++) {
    const code = value.charCodeAt(i)
    if (code >= 0x20 && code <= 0x7e) {
      literal += value[i]
      continue
    }
    if (literal !== '' || parts.length === 0) parts.push(powerShellQuote(literal))
    literal = ''
    parts.push(`[char]0x${code.toString(16).toUpperCase().padStart(4, '0')}`)
  }
  if (literal !== '' || parts.length === 0) parts.push(powerShellQuote(literal))
  return parts.length === 1 ? (parts[0] ?? "''") : `(${parts.join(' + ')})`
}

export function toPowerShell(request: WireRequest, options: SnippetOptions): string {
  const headers = snippetHeaders(request, options).filter(
    ([name]) => name.toLowerCase() !== 'content-type',
  )
  const contentType = request.headers.find(([name]) => name.toLowerCase() === 'content-type')?.[1]
  const lines = [
    // Windows PowerShell 5.1 may offer only TLS 1.0, which current services refuse.
    '[Net.ServicePointManager]::SecurityProtocol = [Net.ServicePointManager]::SecurityProtocol -bor [Net.SecurityProtocolType]::Tls12',
    '$headers = @{',
    ...headers.map(([name, value]) => `  ${powerShellString(name)} = ${powerShellString(value)}`),
    '}',
  ]
  // -UseBasicParsing: Windows PowerShell 5.1 otherwise parses the answer with Internet Explorer's
  // engine (which fails where IE never ran); PowerShell 7 accepts the switch and ignores it.
  const args = [
    '-UseBasicParsing',
    `-Method ${request.method}`,
    `-Uri ${powerShellString(urlOf(request, options))}`,
    '-Headers $headers',
    ...(contentType ? [`-ContentType ${powerShellString(contentType)}`] : []),
  ]
  if (request.body !== undefined) {
    // Bytes, not a string: PowerShell would otherwise re-encode the body. One line of the body a
    // line of the script, joined with LF whatever line ends the script file ends up with.
    lines.push(
      '$bodyText = @(',
      ...request.body.split('\n').map((line) => `  ${powerShellString(line)}`),
      ') -join [char]10',
      '$body = [System.Text.Encoding]::UTF8.GetBytes($bodyText)',
    )
    args.push('-Body $body')
  }
  lines.push(
    'try {',
    `  $response = Invoke-WebRequest ${args.join(' ')}`,
    // The answer's bytes read as UTF-8, whatever charset the server named (5.1 assumes ISO-8859-1).
    '  "$([int]$response.StatusCode) $([System.Text.Encoding]::UTF8.GetString($response.RawContentStream.ToArray()))"',
    '} catch {',
    '  $failure = $_',
    '  $answer = $failure.Exception.Response',
    '  if ($null -eq $answer) { throw }',
    '  $text = $failure.ErrorDetails.Message',
    '  if (-not $text -and $answer -is [System.Net.HttpWebResponse]) {',
    '    $reader = New-Object System.IO.StreamReader($answer.GetResponseStream(), [System.Text.Encoding]::UTF8)',
    '    $text = $reader.ReadToEnd()',
    '  }',
    '  "$([int]$answer.StatusCode) $text"',
    '  throw "MPSD answered HTTP $([int]$answer.StatusCode)"',
    '}',
  )
  return lines.join('\n')
}
