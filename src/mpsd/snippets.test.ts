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
  buildActivityBody,
  buildInviteBody,
  deleteHandleRequest,
  getHandleRequest,
  postHandleRequest,
  queryHandlesRequest,
  type WireRequest,
} from './request-builder'
import {
  powerShellQuote,
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
      res.writeHead(201, { 'Content-Type': 'text/plain' })
      res.end('recorded')
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

const SCID = 'bd6c41c3-01c3-468a-a3b5-3e0fe8133862'
const TRICKY_CONTEXT = [
  `it's "quoted" 'twice' '\\'' `,
  `$(touch ${canary(1)}) \`touch ${canary(2)}\` $HOME \${PATH} $'\\x41' !! !$ ~ * ? [a] {a,b}`,
  'line one\nline two\r\nend\\',
  'tab\there; semicolon && pipe | redirect > /dev/null < x',
  'é ü ñ 中文 עברית 😀👩‍👩‍👧 \u200b \u2028 \u2029',
  '% %s %n %% \\ \\\\ \\n',
].join('\n')

const trickyInvite = postHandleRequest(
  buildInviteBody({
    sessionRef: { scid: SCID, templateName: `tmpl'"$(x)`, name: 'session `49` 😀' },
    invitedXuid: '18446744073709551615',
    titleId: '4294967295',
    contextString: "///It's $(me)",
    context: TRICKY_CONTEXT,
    senderString: 'Sender "\'`$',
  }),
)

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
    postHandleRequest(
      buildActivityBody({ sessionRef: { scid: SCID, templateName: 'party', name: 'lobby' } }),
    ),
  ],
  ['invite with tricky attributes', trickyInvite],
  [
    'query',
    queryHandlesRequest({ type: 'activity', scid: SCID, owners: { xuids: ['1234', '5678'] } }),
  ],
  ['GET a handle', getHandleRequest('47ca0049-a5ba-4bc1-aa22-fcf834ce4c13')],
  ['DELETE a handle with a tricky id', deleteHandleRequest(`it's $(x) \`y\` "z" é😀`)],
  ['raw body with newlines', rawBody],
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
        const request = postHandleRequest(
          buildInviteBody({
            sessionRef: { scid: SCID, templateName: 't', name: 'n' },
            invitedXuid: '1',
            titleId: '1',
            context,
          }),
        )
        await runCurl(toCurl(request, { baseUrl }))
        expectDelivered(onlyCapture(), request, TOKEN_PLACEHOLDER)
      }),
      { numRuns: 25 },
    )
  })
})

describe('toFetch, evaluated in Node', () => {
  type AsyncFn = (...args: unknown[]) => Promise<unknown>
  const AsyncFunction = Object.getPrototypeOf(async () => {}).constructor as new (
    ...args: string[]
  ) => AsyncFn

  /** Runs the snippet with the real fetch and a console that records instead of printing. */
  async function runFetch(snippet: string): Promise<unknown[][]> {
    const logged: unknown[][] = []
    const console = { log: (...args: unknown[]) => logged.push(args) }
    await new AsyncFunction('fetch', 'console', snippet)(fetch, console)
    return logged
  }

  it.each(cases)('%s: sends the same bytes (placeholder token)', async (_label, request) => {
    const snippet = toFetch(request, { baseUrl })
    expect(snippet).not.toContain(TOKEN)
    const logged = await runFetch(snippet)
    expect(logged).toEqual([[201, 'recorded']])
    expectDelivered(onlyCapture(), request, TOKEN_PLACEHOLDER)
    expectNoCanaries()
  })

  it.each(cases)('%s: with the token included, sends it exactly', async (_label, request) => {
    await runFetch(toFetch(request, { baseUrl, authorization: TOKEN }))
    expectDelivered(onlyCapture(), request, TOKEN)
  })

  it('runs as a standalone ES module in a separate node process', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'mpsd-fetch-'))
    try {
      const file = join(dir, 'snippet.mjs')
      writeFileSync(file, toFetch(trickyInvite, { baseUrl, authorization: TOKEN }))
      const { stdout } = await execFileAsync(process.execPath, [file], {
        env: childEnv,
        encoding: 'utf8',
      })
      expect(stdout).toBe('201 recorded\n')
      expectDelivered(onlyCapture(), trickyInvite, TOKEN)
    } finally {
      rmSync(dir, { recursive: true, force: true })
    }
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
    expect(lines.slice(0, 4)).toEqual([
      '$headers = @{',
      "  'x-xbl-contract-version' = '107'",
      `  'Authorization' = '${TOKEN_PLACEHOLDER}'`,
      '}',
    ])
    expect(snippet).toContain(
      "Invoke-WebRequest -Method POST -Uri 'https://sessiondirectory.xboxlive.com/handles' -Headers $headers " +
        "-ContentType 'application/json; charset=utf-8' -Body $body",
    )
    const bodyLine = snippet.slice(
      snippet.indexOf('$body = '),
      snippet.lastIndexOf('\nInvoke-WebRequest'),
    )
    const prefix = '$body = [System.Text.Encoding]::UTF8.GetBytes('
    expect(bodyLine.startsWith(prefix)).toBe(true)
    expect(bodyLine.endsWith(')')).toBe(true)
    expect(readPowerShellLiteral(bodyLine.slice(prefix.length, -1))).toBe(trickyInvite.body)
  })

  it('has no body for GET', () => {
    const snippet = toPowerShell(getHandleRequest('x'), { baseUrl })
    expect(snippet).not.toContain('$body')
    expect(snippet).toContain(`-Method GET -Uri '${baseUrl}/handles/x'`)
  })

  it('quotes an included token with doubled quotes', () => {
    const snippet = toPowerShell(getHandleRequest('x'), { baseUrl, authorization: TOKEN })
    expect(snippet).toContain(`  'Authorization' = ${powerShellQuote(TOKEN)}`)
    expect(powerShellQuote(TOKEN)).toContain("eyJhbGciOi''J")
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
