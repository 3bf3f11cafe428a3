import { execFile, execFileSync } from 'node:child_process'
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { createServer, type IncomingMessage, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { promisify } from 'node:util'
import fc from 'fast-check'
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import {
  deleteHandleRequest,
  getHandleRequest,
  queryHandlesRequest,
  type WireRequest,
} from './request-builder'
import type { InviteRequest } from './request-entity'
import { requestFromFields } from './request-fields'
import { toWire } from './to-wire'
import {
  powerShellQuote,
  powerShellString,
  shellQuote,
  TOKEN_PLACEHOLDER,
  toCurl,
  toFetch,
  toPowerShell,
} from './snippets'

const execFileAsync = promisify(execFile)

const CURL = ['/usr/bin/curl', '/usr/local/bin/curl', '/bin/curl'].find((p) => existsSync(p))
const SH = '/bin/sh'

/** No proxy may intercept the loopback calls, whatever the environment says. */
const childEnv = (() => {
  const env: NodeJS.ProcessEnv = { ...process.env, NO_PROXY: '*', no_proxy: '*' }
  for (const key of [
    'http_proxy',
    'HTTP_PROXY',
    'https_proxy',
    'HTTPS_PROXY',
    'all_proxy',
    'ALL_PROXY',
  ])
    delete env[key]
  return env
})()

// ---------------------------------------------------------------------------------------------
// A loopback server that records exactly what arrives.

type Captured = {
  method: string | undefined
  url: string | undefined
  headers: IncomingMessage['headers']
  rawHeaders: string[]
  body: Buffer
}

let server: Server
let baseUrl = ''
const captured: Captured[] = []

beforeAll(async () => {
  server = createServer((req, res) => {
    const chunks: Buffer[] = []
    req.on('data', (chunk: Buffer) => chunks.push(chunk))
    req.on('end', () => {
      captured.push({
        method: req.method,
        url: req.url,
        headers: req.headers,
        rawHeaders: req.rawHeaders,
        body: Buffer.concat(chunks),
      })
      // A handle id naming a status gets that answer with an MPSD-like error body.
      const status = Number(/\/handles\/answer-(\d{3})$/.exec(req.url ?? '')?.[1] ?? 201)
      if (status === 201) {
        res.writeHead(201, { 'Content-Type': 'text/plain' })
        res.end('recorded')
        return
      }
      res.writeHead(status, { 'Content-Type': 'application/json' })
      res.end(JSON.stringify({ code: status, message: `no é ${status}` }))
    })
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
})

afterAll(async () => {
  await new Promise<void>((resolve) => server.close(() => resolve()))
})

beforeEach(() => {
  captured.length = 0
})

function onlyCapture(): Captured {
  expect(captured).toHaveLength(1)
  const first = captured[0]
  if (!first) throw new Error('nothing arrived')
  return first
}

/** Asserts the server saw exactly what the WireRequest describes, plus the given Authorization. */
function expectDelivered(got: Captured, request: WireRequest, authorization: string) {
  expect(got.method).toBe(request.method)
  expect(got.url).toBe(request.path)
  for (const [name, value] of request.headers) {
    // One occurrence of each, with the exact value (no default Content-Type from the client).
    const occurrences = got.rawHeaders.filter(
      (_, i) => i % 2 === 0 && got.rawHeaders[i]?.toLowerCase() === name.toLowerCase(),
    )
    expect(occurrences, name).toHaveLength(1)
    expect(got.headers[name.toLowerCase()], name).toBe(value)
  }
  expect(got.headers['x-xbl-contract-version']).toBe('107')
  expect(got.headers['content-type']).toBe('application/json; charset=utf-8')
  expect(got.headers.authorization).toBe(authorization)
  const expectedBody = Buffer.from(request.body ?? '', 'utf8')
  expect(got.body.toString('hex')).toBe(expectedBody.toString('hex'))
}

// ---------------------------------------------------------------------------------------------
// Tricky inputs. The canary files prove no command substitution ran.

const canaryDir = mkdtempSync(join(tmpdir(), 'mpsd-snippets-'))
const canary = (n: number) => join(canaryDir, `pwned-${n}`)
afterAll(() => rmSync(canaryDir, { recursive: true, force: true }))

type SessionRefFields = { scid: string; templateName: string; name: string }

/** What Send sends for an activity with this session reference (contract 107). */
function activityWire({ sessionRef }: { sessionRef: SessionRefFields }): WireRequest {
  return toWire({ v: 1, kind: 'activity', sessionRef }, { contractVersion: 107 })
}

/** What Send sends for an invite with these values (contract 107); optional ones left empty. */
function inviteWire({
  sessionRef,
  ...invite
}: { sessionRef: SessionRefFields } & Partial<InviteRequest['invite']>): WireRequest {
  return toWire(
    {
      v: 1,
      kind: 'invite',
      sessionRef,
      invite: {
        invitedXuid: '',
        titleId: '',
        context: '',
        contextString: '',
        senderString: '',
        ...invite,
      },
    },
    { contractVersion: 107 },
  )
}

const SCID = 'bd6c41c3-01c3-468a-a3b5-3e0fe8133862'
const TRICKY_CONTEXT = [
  `it's "quoted" 'twice' '\\'' `,
  `$(touch ${canary(1)}) \`touch ${canary(2)}\` $HOME \${PATH} $'\\x41' !! !$ ~ * ? [a] {a,b}`,
  'line one\nline two\r\nend\\',
  'tab\there; semicolon && pipe | redirect > /dev/null < x',
  'é ü ñ 中文 עברית 😀👩‍👩‍👧 \u200b \u2028 \u2029',
  '% %s %n %% \\ \\\\ \\n',
].join('\n')

const trickyInvite = inviteWire({
  sessionRef: { scid: SCID, templateName: `tmpl'"$(x)`, name: 'session `49` 😀' },
  invitedXuid: '18446744073709551615',
  titleId: '4294967295',
  contextString: "///It's $(me)",
  context: TRICKY_CONTEXT,
  senderString: 'Sender "\'`$',
})

/** Not from a builder: a body with raw newlines, CRs, a trailing newline and a lone backslash line. */
const rawBody: WireRequest = {
  method: 'POST',
  path: '/handles',
  headers: [
    ['x-xbl-contract-version', '107'],
    ['Content-Type', 'application/json; charset=utf-8'],
  ],
  body: `{\n  "a": "'\\''"\n}\\\n\\\r\n$(touch ${canary(3)})\n'\n\n`,
}

const cases: Array<[string, WireRequest]> = [
  [
    'set activity',
    activityWire({ sessionRef: { scid: SCID, templateName: 'party', name: 'lobby' } }),
  ],
  ['invite with tricky attributes', trickyInvite],
  [
    'query',
    queryHandlesRequest({ type: 'activity', scid: SCID, owners: { xuids: ['1234', '5678'] } }),
  ],
  ['GET a handle', getHandleRequest('47ca0049-a5ba-4bc1-aa22-fcf834ce4c13')],
  ['DELETE a handle with a tricky id', deleteHandleRequest(`it's $(x) \`y\` "z" é😀`)],
  ['raw body with newlines', rawBody],
  // Decision 101: a PUT with a precondition header and JSON the user typed (kept to its digits).
  [
    'session write',
    toWire(
      requestFromFields({
        kind: 'session',
        scid: SCID,
        templateName: 'Game Lobby',
        sessionName: `it's é`,
        memberXuid: '2814679796296491',
        writeMode: 'create',
        sessionProperties: `{"custom": {"n": 18446744073709551615, "s": "it's $(touch ${canary(1)})"}}`,
      }),
      { contractVersion: 107 },
    ),
  ],
  [
    'search query',
    toWire(
      requestFromFields({
        kind: 'searchQuery',
        scid: SCID,
        templateName: 'lfg',
        filter: "tolower(strings/class) eq 'a'",
      }),
      { contractVersion: 107 },
    ),
  ],
]

const TOKEN = `XBL3.0 x=2553948354698;eyJhbGciOi'J"$(touch ${canary(4)})\`x\`\\n%s!`

function expectNoCanaries() {
  for (const n of [1, 2, 3, 4]) expect(existsSync(canary(n)), canary(n)).toBe(false)
}

// ---------------------------------------------------------------------------------------------

describe('shellQuote', () => {
  it('wraps in single quotes and closes-escapes-reopens around a quote', () => {
    expect(shellQuote('')).toBe("''")
    expect(shellQuote('abc')).toBe("'abc'")
    expect(shellQuote("it's")).toBe("'it'\\''s'")
    expect(shellQuote("''")).toBe("''\\'''\\'''")
    expect(shellQuote('$(x) `y` "z" \\ \n')).toBe('\'$(x) `y` "z" \\ \n\'')
  })

  it('round-trips any string through a real /bin/sh', () => {
    const decoder = new TextDecoder('utf-8', { fatal: false })
    fc.assert(
      fc.property(
        fc.string({ unit: 'binary', maxLength: 60 }).map((s) => s.replace(/\0/g, '')),
        (s) => {
          const stdout = execFileSync(SH, ['-c', `printf %s ${shellQuote(s)}`], { env: childEnv })
          // Arguments reach the shell as UTF-8; a lone surrogate becomes U+FFFD there as in Buffer.from.
          expect(stdout.toString('hex')).toBe(Buffer.from(s, 'utf8').toString('hex'))
          expect(decoder.decode(stdout)).toBe(Buffer.from(s, 'utf8').toString('utf8'))
        },
      ),
      { numRuns: 100 },
    )
  })

  it('round-trips shell metacharacter soup through /bin/sh', () => {
    const meta = fc.constantFrom(
      ...`'"\`$\\!*?[]{}()<>|&;~#% \t\n\r`.split(''),
      "'\\''",
      '$(id)',
      '${x}',
      'é',
      '😀',
    )
    fc.assert(
      fc.property(
        fc.array(meta, { maxLength: 30 }).map((parts) => parts.join('')),
        (s) => {
          const stdout = execFileSync(SH, ['-c', `printf %s ${shellQuote(s)}`], { env: childEnv })
          expect(stdout.toString('utf8')).toBe(s)
        },
      ),
      { numRuns: 100 },
    )
  })

  it('keeps a quoted argument as one word, even when it is empty or only spaces', () => {
    for (const s of ['', ' ', 'a b', '\n']) {
      const stdout = execFileSync(SH, ['-c', `printf '%s|' ${shellQuote(s)} end`], {
        env: childEnv,
      })
      expect(stdout.toString('utf8')).toBe(`${s}|end|`)
    }
  })
})

describe.skipIf(!CURL)('toCurl, run with real curl against a loopback server', () => {
  async function runCurl(snippet: string): Promise<string> {
    const { stdout } = await execFileAsync(SH, ['-c', snippet], { env: childEnv, encoding: 'utf8' })
    return stdout
  }

  it('starts with curl and quotes the URL', () => {
    const snippet = toCurl(getHandleRequest('abc'), {
      baseUrl: 'https://sessiondirectory.xboxlive.com',
    })
    expect(snippet.split(' \\\n')[0]).toBe(
      "curl -sS -X GET 'https://sessiondirectory.xboxlive.com/handles/abc'",
    )
  })

  it.each(cases)(
    '%s: delivers the same method, path, headers and body bytes (placeholder token)',
    async (_label, request) => {
      const snippet = toCurl(request, { baseUrl })
      expect(snippet).not.toContain(TOKEN)
      const stdout = await runCurl(snippet)
      expect(stdout).toBe('recorded')
      expectDelivered(onlyCapture(), request, TOKEN_PLACEHOLDER)
      expectNoCanaries()
    },
  )

  it.each(cases)('%s: with the token included, delivers it exactly', async (_label, request) => {
    const snippet = toCurl(request, { baseUrl, authorization: TOKEN })
    expect(snippet).toContain(shellQuote(`Authorization: ${TOKEN}`))
    await runCurl(snippet)
    expectDelivered(onlyCapture(), request, TOKEN)
    expectNoCanaries()
  })

  it('tolerates a base URL with trailing slashes', async () => {
    const request = getHandleRequest('x')
    await runCurl(toCurl(request, { baseUrl: `${baseUrl}//` }))
    expectDelivered(onlyCapture(), request, TOKEN_PLACEHOLDER)
  })

  it('delivers any printable context through invite bodies (property)', async () => {
    await fc.assert(
      fc.asyncProperty(fc.string({ unit: 'grapheme', maxLength: 80 }), async (context) => {
        captured.length = 0
        const request = inviteWire({
          sessionRef: { scid: SCID, templateName: 't', name: 'n' },
          invitedXuid: '1',
          titleId: '1',
          context,
        })
        await runCurl(toCurl(request, { baseUrl }))
        expectDelivered(onlyCapture(), request, TOKEN_PLACEHOLDER)
      }),
      { numRuns: 25 },
    )
  })
})

describe('toFetch, run by node as a script', () => {
  /** Writes the snippet to a file of the given name (and package.json, if given) and runs it. */
  async function runFetch(
    snippet: string,
    file = 'snippet.mjs',
    packageJson?: object,
  ): Promise<{ code: number; stdout: string; stderr: string }> {
    const dir = mkdtempSync(join(tmpdir(), 'mpsd-fetch-'))
    try {
      writeFileSync(join(dir, file), snippet)
      if (packageJson) writeFileSync(join(dir, 'package.json'), JSON.stringify(packageJson))
      const { stdout, stderr } = await execFileAsync(process.execPath, [join(dir, file)], {
        env: childEnv,
        encoding: 'utf8',
      })
      return { code: 0, stdout, stderr }
    } catch (error) {
      const failed = error as { code?: number; stdout?: string; stderr?: string }
      return { code: failed.code ?? -1, stdout: failed.stdout ?? '', stderr: failed.stderr ?? '' }
    } finally {
      rmSync(dir, { recursive: true, force: true })
    }
  }

  /**
   * Evaluates the snippet here, as a browser console would (its value is the call's promise), with
   * the real fetch and a console and process that record: quicker than a node process per case.
   */
  async function evaluateFetch(snippet: string) {
    const logged: unknown[][] = []
    const failed = { exitCode: 0 }
    const console = {
      log: (...args: unknown[]) => logged.push(args),
      error: (...args: unknown[]) => logged.push(['error', ...args]),
    }
    const run = new Function('fetch', 'console', 'process', `return ${snippet}`) as (
      ...args: unknown[]
    ) => Promise<void>
    await run(fetch, console, failed)
    return { logged, exitCode: failed.exitCode }
  }

  it.each(cases)('%s: sends the same bytes (placeholder token)', async (_label, request) => {
    const snippet = toFetch(request, { baseUrl })
    expect(snippet).not.toContain(TOKEN)
    expect(await evaluateFetch(snippet)).toEqual({ logged: [[201, 'recorded']], exitCode: 0 })
    expectDelivered(onlyCapture(), request, TOKEN_PLACEHOLDER)
    expectNoCanaries()
  })

  it.each(cases)('%s: with the token included, sends it exactly', async (_label, request) => {
    await evaluateFetch(toFetch(request, { baseUrl, authorization: TOKEN }))
    expectDelivered(onlyCapture(), request, TOKEN)
  })

  // `npm init -y` writes "type": "commonjs"; top-level await is a SyntaxError there.
  it.each([
    ['a CommonJS .cjs file', 'snippet.cjs', undefined],
    ['a .js file in a package `npm init -y` made', 'snippet.js', { type: 'commonjs' }],
    ['a .js file with no package type', 'snippet.js', {}],
    ['an ES module .mjs file', 'snippet.mjs', undefined],
    ['a .js file in a "type": "module" package', 'snippet.js', { type: 'module' }],
  ])('runs as %s', async (_label, file, packageJson) => {
    const run = await runFetch(
      toFetch(trickyInvite, { baseUrl, authorization: TOKEN }),
      file,
      packageJson,
    )
    expect(run).toEqual({ code: 0, stdout: '201 recorded\n', stderr: '' })
    expectDelivered(onlyCapture(), trickyInvite, TOKEN)
  })

  it.each(['snippet.cjs', 'snippet.mjs'])(
    'in %s, prints the error answer and exits non-zero on a 4xx',
    async (file) => {
      const run = await runFetch(toFetch(getHandleRequest('answer-401'), { baseUrl }), file)
      expect(run.code).toBe(1)
      expect(run.stdout).toBe('401 {"code":401,"message":"no é 401"}\n')
      expect(run.stderr).toContain('MPSD answered HTTP 401')
    },
  )

  it('exits non-zero when nothing answers', async () => {
    const closed = createServer()
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve))
    const port = (closed.address() as AddressInfo).port
    await new Promise<void>((resolve) => closed.close(() => resolve()))
    const run = await runFetch(
      toFetch(getHandleRequest('x'), { baseUrl: `http://127.0.0.1:${port}` }),
      'snippet.cjs',
    )
    expect(run.code).toBe(1)
    expect(run.stdout).toBe('')
    expect(run.stderr).toContain('fetch failed')
  })

  it('omits the body for GET and DELETE (fetch would refuse one)', () => {
    expect(toFetch(getHandleRequest('x'), { baseUrl })).not.toContain('"body"')
    expect(toFetch(deleteHandleRequest('x'), { baseUrl })).not.toContain('"body"')
  })
})

/** Reads one PowerShell single-quoted string literal the way PowerShell's tokenizer does. */
function readPowerShellLiteral(literal: string): string {
  const quote = /['\u2018\u2019\u201a\u201b]/
  expect(literal[0]).toBe("'")
  let out = ''
  let i = 1
  for (;;) {
    const c = literal[i]
    if (c === undefined) throw new Error('unterminated literal')
    if (quote.test(c)) {
      const next = literal[i + 1]
      if (next === undefined || !quote.test(next)) {
        expect(i).toBe(literal.length - 1) // the closing quote ends the literal
        return out
      }
      out += next
      i += 2
      continue
    }
    out += c
    i += 1
  }
}

/**
 * Evaluates what powerShellString writes, as PowerShell does: single-quoted literals and
 * [char]0xHHHH (one UTF-16 unit), joined with +, in parentheses when there is more than one.
 */
function readPowerShellString(expression: string): string {
  const inner =
    expression.startsWith('(') && expression.endsWith(')') ? expression.slice(1, -1) : expression
  let out = ''
  let rest = inner
  for (;;) {
    const char = /^\[char\]0x([0-9A-F]{4})/.exec(rest)
    if (char?.[1]) {
      out += String.fromCharCode(parseInt(char[1], 16))
      rest = rest.slice(char[0].length)
    } else {
      const literal = /^'(?:[^']|'')*'/.exec(rest)
      if (!literal) throw new Error(`not a literal or [char] at: ${rest}`)
      out += readPowerShellLiteral(literal[0])
      rest = rest.slice(literal[0].length)
    }
    if (rest === '') return out
    if (!rest.startsWith(' + ')) throw new Error(`expected + at: ${rest}`)
    rest = rest.slice(3)
  }
}

/** The body text a PowerShell snippet builds: `$bodyText = @( one expression a line ) -join [char]10`. */
function bodyTextOf(snippet: string): string {
  const lines = snippet.split(/\r?\n/)
  const start = lines.indexOf('$bodyText = @(')
  const end = lines.indexOf(') -join [char]10')
  expect(start).toBeGreaterThanOrEqual(0)
  expect(end).toBeGreaterThan(start)
  return lines
    .slice(start + 1, end)
    .map((line) => {
      expect(line.startsWith('  ')).toBe(true)
      return readPowerShellString(line.slice(2))
    })
    .join('\n')
}

describe('powerShellQuote and toPowerShell (string form; pwsh is not installed)', () => {
  it('doubles single quotes, including the typographic ones PowerShell also accepts', () => {
    expect(powerShellQuote('')).toBe("''")
    expect(powerShellQuote("it's")).toBe("'it''s'")
    expect(powerShellQuote('\u2018a\u2019 \u201ab\u201b')).toBe(
      "'\u2018\u2018a\u2019\u2019 \u201a\u201ab\u201b\u201b'",
    )
    expect(powerShellQuote("''")).toBe("''''''")
  })

  it('leaves $, backticks, double quotes and newlines alone: nothing expands in single quotes', () => {
    expect(powerShellQuote('$env:PATH `n "x" $(Get-Date)\n')).toBe(
      '\'$env:PATH `n "x" $(Get-Date)\n\'',
    )
  })

  it('round-trips any string through a PowerShell single-quote reader', () => {
    fc.assert(
      fc.property(
        fc.string({
          unit: fc.constantFrom(
            "'",
            '\u2018',
            '\u2019',
            '\u201a',
            '\u201b',
            '"',
            '`',
            '$',
            'a',
            ' ',
            '\n',
          ),
        }),
        (s) => {
          expect(readPowerShellLiteral(powerShellQuote(s))).toBe(s)
        },
      ),
      { numRuns: 300 },
    )
    fc.assert(
      fc.property(fc.string({ unit: 'binary' }), (s) => {
        expect(readPowerShellLiteral(powerShellQuote(s))).toBe(s)
      }),
    )
  })

  it('builds headers, content type and a UTF-8 byte body from the request', () => {
    const snippet = toPowerShell(trickyInvite, {
      baseUrl: 'https://sessiondirectory.xboxlive.com/',
    })
    const lines = snippet.split('\n')
    expect(lines.slice(1, 5)).toEqual([
      '$headers = @{',
      "  'x-xbl-contract-version' = '107'",
      `  'Authorization' = '${TOKEN_PLACEHOLDER}'`,
      '}',
    ])
    expect(snippet).toContain(
      "  $response = Invoke-WebRequest -UseBasicParsing -Method POST -Uri 'https://sessiondirectory.xboxlive.com/handles' -Headers $headers " +
        "-ContentType 'application/json; charset=utf-8' -Body $body",
    )
    expect(lines).toContain('$body = [System.Text.Encoding]::UTF8.GetBytes($bodyText)')
    expect(bodyTextOf(snippet)).toBe(trickyInvite.body)
  })

  it('is ASCII only, so the file encoding PowerShell 5.1 guesses cannot change the bytes sent', () => {
    for (const [, request] of cases) {
      for (const snippet of [
        toPowerShell(request, { baseUrl }),
        toPowerShell(request, { baseUrl, authorization: TOKEN }),
      ]) {
        // Printable ASCII and LF only: no byte over 0x7F, no CR or tab an editor could rewrite.
        expect(snippet).toMatch(/^[\x20-\x7e\n]*$/)
        // Line ends rewritten to CRLF (git autocrlf, Notepad) change no string in it.
        if (request.body !== undefined) {
          expect(bodyTextOf(snippet.replaceAll('\n', '\r\n'))).toBe(request.body)
          expect(Buffer.from(bodyTextOf(snippet), 'utf8')).toEqual(
            Buffer.from(request.body, 'utf8'),
          )
        }
      }
    }
  })

  it('round-trips any string through powerShellString as an ASCII-only expression (property)', () => {
    fc.assert(
      fc.property(
        fc.oneof(
          fc.string({ unit: 'binary' }),
          fc.string({ unit: 'grapheme' }),
          fc.string({ unit: fc.constantFrom("'", '\u2019', '\r', '\n', '\t', 'é', '😀', 'a') }),
        ),
        (value) => {
          const expression = powerShellString(value)
          expect(expression).toMatch(/^[\x20-\x7e]*$/)
          expect(readPowerShellString(expression)).toBe(value)
        },
      ),
      { numRuns: 300 },
    )
  })

  it('sends UTF-8 bytes of non-ASCII input exactly, as [char] units in the script', () => {
    const request = inviteWire({
      sessionRef: { scid: SCID, templateName: 't', name: 'n' },
      invitedXuid: '1',
      titleId: '1',
      context: 'ü 中文 😀 \u2019quoted\u2019',
    })
    const snippet = toPowerShell(request, { baseUrl })
    expect(snippet).toContain("[char]0x00FC + ' ' + [char]0x4E2D + [char]0x6587")
    expect(snippet).toContain('[char]0xD83D + [char]0xDE00')
    expect(Buffer.from(bodyTextOf(snippet), 'utf8').toString('hex')).toBe(
      Buffer.from(request.body ?? '', 'utf8').toString('hex'),
    )
  })

  it('prints the status and the answer, and on a non-2xx the MPSD error body before failing', () => {
    const snippet = toPowerShell(getHandleRequest('x'), { baseUrl })
    const lines = snippet.split('\n')
    // Success: "<status> <body>", the body's bytes read as UTF-8.
    expect(lines).toContain(
      '  "$([int]$response.StatusCode) $([System.Text.Encoding]::UTF8.GetString($response.RawContentStream.ToArray()))"',
    )
    // A non-2xx: PowerShell 7 keeps the body in ErrorDetails; 5.1 in the response stream.
    const handler = snippet.slice(snippet.indexOf('} catch {'))
    expect(handler).toContain('$text = $failure.ErrorDetails.Message')
    expect(handler).toContain('$answer -is [System.Net.HttpWebResponse]')
    expect(handler).toContain('$answer.GetResponseStream(), [System.Text.Encoding]::UTF8')
    expect(handler.indexOf('"$([int]$answer.StatusCode) $text"')).toBeLessThan(
      handler.indexOf('throw "MPSD answered HTTP'),
    )
    // No answer at all (DNS, refused): the error as PowerShell gave it.
    expect(handler).toContain('if ($null -eq $answer) { throw }')
    // Every brace opened is closed.
    expect(snippet.split('{').length).toBe(snippet.split('}').length)
    // Windows PowerShell 5.1: basic parsing and TLS 1.2.
    expect(snippet).toContain('Invoke-WebRequest -UseBasicParsing ')
    expect(lines[0]).toContain('[Net.SecurityProtocolType]::Tls12')
  })

  it('has no body for GET', () => {
    const snippet = toPowerShell(getHandleRequest('x'), { baseUrl })
    expect(snippet).not.toContain('$body')
    expect(snippet).toContain(`-Method GET -Uri '${baseUrl}/handles/x'`)
  })

  it('quotes an included token with doubled quotes', () => {
    const snippet = toPowerShell(getHandleRequest('x'), { baseUrl, authorization: TOKEN })
    expect(snippet).toContain(`  'Authorization' = ${powerShellString(TOKEN)}`)
    expect(powerShellString(TOKEN)).toContain("eyJhbGciOi''J")
    expect(readPowerShellString(powerShellString(TOKEN))).toBe(TOKEN)
  })
})

describe('the token', () => {
  const snippetsFor = (request: WireRequest, authorization?: string) => [
    toCurl(request, { baseUrl, authorization }),
    toFetch(request, { baseUrl, authorization }),
    toPowerShell(request, { baseUrl, authorization }),
  ]

  it('never appears unless passed; the placeholder stands in', () => {
    for (const [, request] of cases) {
      for (const snippet of [
        ...snippetsFor(request),
        ...snippetsFor(request, undefined),
        ...snippetsFor(request, ''),
      ]) {
        expect(snippet).not.toContain('eyJhbGciOi')
        expect(snippet).toContain(TOKEN_PLACEHOLDER)
      }
    }
  })

  it('appears exactly once, correctly quoted, when passed', () => {
    const request = getHandleRequest('x')
    const [curl, fetchSnippet, ps] = snippetsFor(request, TOKEN)
    expect(curl).toContain(`-H ${shellQuote(`Authorization: ${TOKEN}`)}`)
    expect(fetchSnippet).toContain(`"Authorization": ${JSON.stringify(TOKEN)}`)
    expect(ps).toContain(`'Authorization' = ${powerShellQuote(TOKEN)}`)
    for (const snippet of [curl, fetchSnippet, ps]) {
      expect(snippet).not.toContain(TOKEN_PLACEHOLDER)
      expect(snippet?.split('Authorization')).toHaveLength(2)
    }
  })
})
