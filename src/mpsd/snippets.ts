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
  // JSON.stringify yields a valid JavaScript literal for any string.
  return `const response = await fetch(${JSON.stringify(urlOf(request, options))}, ${JSON.stringify(init, null, 2)})\nconsole.log(response.status, await response.text())`
}

/**
 * PowerShell single-quoted strings are verbatim; the quote characters PowerShell accepts
 * (' and the typographic ‘ ’ ‚ ‛) are doubled to escape them.
 */
export function powerShellQuote(value: string): string {
  return `'${value.replace(/['\u2018\u2019\u201a\u201b]/g, (q) => q + q)}'`
}

export function toPowerShell(request: WireRequest, options: SnippetOptions): string {
  const headers = snippetHeaders(request, options).filter(
    ([name]) => name.toLowerCase() !== 'content-type',
  )
  const contentType = request.headers.find(([name]) => name.toLowerCase() === 'content-type')?.[1]
  const lines = [
    '$headers = @{',
    ...headers.map(([name, value]) => `  ${powerShellQuote(name)} = ${powerShellQuote(value)}`),
    '}',
  ]
  const args = [
    `-Method ${request.method}`,
    `-Uri ${powerShellQuote(urlOf(request, options))}`,
    '-Headers $headers',
    ...(contentType ? [`-ContentType ${powerShellQuote(contentType)}`] : []),
  ]
  if (request.body !== undefined) {
    // Bytes, not a string: PowerShell would otherwise re-encode the body.
    lines.push(`$body = [System.Text.Encoding]::UTF8.GetBytes(${powerShellQuote(request.body)})`)
    args.push('-Body $body')
  }
  lines.push(`Invoke-WebRequest ${args.join(' ')}`)
  return lines.join('\n')
}
