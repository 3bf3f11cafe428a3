import { execFile, execFileSync } from 'node:child_process'
import { chmodSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { promisify } from 'node:util'
import fc from 'fast-check'
import { afterAll, beforeAll, beforeEach, chai, describe, expect, it } from 'vitest'
import { parsePresetsText, type Preset } from '../../mpsd/preset'
import type { ActivityRequest, InviteRequest } from '../../mpsd/request-entity'
import {
  exportCurlScript,
  exportPostmanCollection,
  exportPresetsFile,
  POSTMAN_SCHEMA,
  presetWireRequests,
} from './preset-exporters'

const invite: InviteRequest & { contractVersion: number } = {
  v: 1,
  kind: 'invite',
  sessionRef: {
    scid: 'bd6c41c3-01c3-468a-a3b5-3e0fe8133862',
    templateName: 'deathmatch',
    name: 'session-49',
  },
  invite: {
    invitedXuid: '2533274790000001',
    titleId: '1234',
    context: "it's",
    contextString: '',
    senderString: '',
  },
  contractVersion: 105,
}
const base: Preset = {
  id: 'p1',
  name: 'Weekly',
  description: 'EU friends',
  tags: ['eu'],
  createdAt: 1,
  updatedAt: 2,
  request: invite,
}
const activity: Preset = {
  ...base,
  id: 'p2',
  name: 'Lobby\n rm -rf /',
  request: { v: 1, kind: 'activity', sessionRef: invite.sessionRef, contractVersion: 105 },
}
const batch: Preset = {
  ...base,
  id: 'p3',
  name: 'Batch',
  xuids: ['11', '12'],
}
const now = new Date('2026-01-02T03:04:05Z')

describe('exports', () => {
  it('writes a versioned presets file that reads back the same', () => {
    const out = exportPresetsFile([base], [], now)
    expect(out.fileName).toBe('handles-workbench-presets-2026-01-02T03-04-05.json')
    expect(JSON.parse(out.text)).toMatchObject({ type: 'handles-workbench/presets', version: 2 })
    expect(parsePresetsText(out.text, out.fileName).presets).toEqual([base])
  })

  it('writes a Postman v2.1 collection with the token as an empty variable and one request per XUID', () => {
    const collection = JSON.parse(exportPostmanCollection([base, batch], [], now).text)
    expect(collection.info.schema).toBe(POSTMAN_SCHEMA)
    expect(collection.variable).toEqual([
      { key: 'baseUrl', value: 'https://sessiondirectory.xboxlive.com' },
      { key: 'mpaBaseUrl', value: 'https://multiplayeractivity.xboxlive.com' },
      { key: 'authorization', value: '' },
    ])
    const [single, folder] = collection.item
    expect(single.request.method).toBe('POST')
    expect(single.request.url).toEqual({
      raw: '{{baseUrl}}/handles',
      host: ['{{baseUrl}}'],
      path: ['handles'],
    })
    expect(single.request.header).toContainEqual({ key: 'x-xbl-contract-version', value: '105' })
    expect(JSON.parse(single.request.body.raw)).toMatchObject({
      type: 'invite',
      invitedXuid: '2533274790000001',
    })
    expect(
      folder.item.map(
        (i: { request: { body: { raw: string } } }) => JSON.parse(i.request.body.raw).invitedXuid,
      ),
    ).toEqual(['11', '12'])
  })

  it('sends Multiplayer Activity presets to MPA’s host, with contract 1 and the SDK’s bytes', () => {
    const invites: Preset = {
      ...base,
      id: 'p4',
      name: 'MPA invites',
      request: {
        v: 1,
        kind: 'mpaSendInvites',
        mpaTitle: { titleId: '1234' },
        mpaJoin: { connectionString: 'cs', platform: '' },
        mpaInvite: { invitedUsers: '1\n2' },
        contractVersion: 105,
      },
    }
    const [item] = JSON.parse(exportPostmanCollection([invites], [], now).text).item
    expect(item.request.url.raw).toBe('{{mpaBaseUrl}}/titles/1234/invites')
    expect(item.request.header).toContainEqual({ key: 'x-xbl-contract-version', value: '1' })
    expect(item.request.body.raw).toBe('{"connectionString":"cs","invitedUsers":["1","2"]}')
    expect(item.event[0].script.exec[0]).toContain('MPA answers 2xx')
    const script = exportCurlScript([invites], [], now).text
    expect(script).toContain(`-X POST "$MPA_BASE_URL"'/titles/1234/invites'`)
  })

  it('writes a curl script that reads the token from the environment and cannot be broken by names', () => {
    const script = exportCurlScript([base, activity], [], now).text
    expect(script.startsWith('#!/usr/bin/env bash\n')).toBe(true)
    expect(script).toContain(': "${MPSD_AUTHORIZATION:?')
    expect(script).toContain(`-H "Authorization: $MPSD_AUTHORIZATION"`)
    expect(script).not.toContain('set -e')
    expect(script).toContain(`-H 'x-xbl-contract-version: 105'`)
    // The body's single quote is closed, escaped and reopened.
    expect(script).toContain(`it'\\''s`)
    // A newline in a name stays inside its comment.
    expect(script).toContain('# Lobby  rm -rf /')
    expect(script.split('\n').filter((l) => l.startsWith(' rm'))).toEqual([])
  })
})

describe('the curl script, run by bash', () => {
  it('sends exactly the preset bodies, whatever the names and values hold (property)', () => {
    const bin = mkdtempSync(join(tmpdir(), 'fake-curl-'))
    // A stand-in curl that records the body it was given, NUL-terminated, and answers 201.
    writeFileSync(
      join(bin, 'curl'),
      [
        '#!/usr/bin/env bash',
        'while [ $# -gt 0 ]; do',
        '  case "$1" in',
        '    --data-binary) printf "%s\\0" "$2" >> "$CURL_OUT"; shift ;;',
        '    -o) : > "$2"; shift ;;',
        '  esac',
        '  shift',
        'done',
        'printf 201',
        '',
      ].join('\n'),
    )
    chmodSync(join(bin, 'curl'), 0o755)
    const text = fc
      .string({ unit: 'binary', maxLength: 20 })
      .map((s) => s.split(String.fromCharCode(0)).join('')) // bash arguments cannot hold NUL
    try {
      fc.assert(
        fc.property(text, text, text, (name, templateName, context) => {
          const preset: Preset = {
            ...base,
            name: name.trim() || 'x',
            request: {
              ...invite,
              sessionRef: { ...invite.sessionRef, templateName },
              invite: { ...invite.invite, context },
            },
          }
          const script = exportCurlScript([preset], []).text
          const outFile = join(bin, 'bodies')
          rmSync(outFile, { force: true })
          execFileSync('bash', ['-c', script], {
            env: {
              PATH: `${bin}:/usr/bin:/bin`,
              MPSD_AUTHORIZATION: 'XBL3.0 x=1;t',
              CURL_OUT: outFile,
            },
            stdio: 'ignore',
          })
          const out = readFileSync(outFile, 'utf8')
          expect(out.split('\0').filter(Boolean)).toEqual(
            presetWireRequests(preset).map((r) => r.request.body),
          )
        }),
        { numRuns: 40 },
      )
    } finally {
      rmSync(bin, { recursive: true, force: true })
    }
  })
})

describe('the Postman collection, as Postman and newman read it', () => {
  type Item = {
    name: string
    item?: Item[]
    auth?: unknown
    event?: Array<{ listen: string; script: { type: string; exec: string[] } }>
    request?: { header: Array<{ key: string; value: string }> }
  }
  type Collection = {
    auth: { type: string; apikey: Array<{ key: string; value: string }> }
    event: NonNullable<Item['event']>
    variable: Array<{ key: string; value: string }>
    item: Item[]
  }
  const collection = JSON.parse(
    exportPostmanCollection([base, activity, batch], [], now).text,
  ) as Collection
  const requests = (items: Item[]): Item[] =>
    items.flatMap((i) => (i.item ? requests(i.item) : [i]))

  /**
   * The headers Postman sends for a request: its own, then its auth (inherited from the collection
   * when it has none), signed as postman-runtime's apikey authorizer does (lib/authorizer/apikey.js:
   * `key: value` in a header, replacing one of the same name), variables resolved.
   */
  function sentHeaders(item: Item, token: string): Array<[string, string]> {
    const vars = new Map(collection.variable.map((v) => [v.key, v.value]))
    vars.set('authorization', token)
    const resolve = (text: string) =>
      text.replace(/\{\{(\w+)\}\}/g, (_, k: string) => vars.get(k) ?? '')
    expect(item.auth).toBeUndefined()
    const auth = collection.auth
    expect(auth.type).toBe('apikey')
    const param = (k: string) => auth.apikey.find((p) => p.key === k)?.value ?? ''
    expect(param('in')).toBe('header')
    const headers = (item.request?.header ?? [])
      .filter((h) => h.key.toLowerCase() !== param('key').toLowerCase())
      .map((h): [string, string] => [h.key, resolve(h.value)])
    return [...headers, [param('key'), resolve(param('value'))]]
  }

  it('sends `Authorization: <the variable>` exactly, through Postman auth, not a raw header', () => {
    const token = 'XBL3.0 x=123;abc'
    for (const item of requests(collection.item)) {
      expect(item.request?.header.map((h) => h.key.toLowerCase())).not.toContain('authorization')
      const auth = sentHeaders(item, token).filter(([k]) => k.toLowerCase() === 'authorization')
      expect(auth).toEqual([['Authorization', token]])
    }
  })

  it('calls /handles, not //handles, when baseUrl is set with trailing slashes', () => {
    for (const baseUrl of ['http://127.0.0.1:9000', 'http://127.0.0.1:9000/', 'https://a.test//']) {
      // The collection's pre-request script runs before Postman resolves the URL's variables.
      const vars = new Map([['baseUrl', baseUrl]])
      const pm = {
        variables: {
          get: (k: string) => vars.get(k),
          set: (k: string, v: string) => vars.set(k, v),
        },
      }
      for (const event of collection.event.filter((e) => e.listen === 'prerequest'))
        new Function('pm', event.script.exec.join('\n'))(pm)
      for (const item of requests(collection.item)) {
        const raw = (item.request as unknown as { url: { raw: string } }).url.raw
        const url = raw.replace('{{baseUrl}}', vars.get('baseUrl') ?? '')
        expect(new URL(url).pathname).toBe('/handles')
      }
    }
  })

  /** Runs an item's test scripts as Postman's sandbox does (pm.test, pm.expect is chai). */
  function runTests(item: Item, response: { code: number; body: string }) {
    const results: Array<{ name: string; passed: boolean }> = []
    const pm = {
      test(name: string, fn: () => void) {
        try {
          fn()
          results.push({ name, passed: true })
        } catch {
          results.push({ name, passed: false })
        }
      },
      expect: chai.expect,
      response: { code: response.code, json: () => JSON.parse(response.body) as unknown },
    }
    for (const event of item.event ?? []) {
      expect(event).toMatchObject({ listen: 'test', script: { type: 'text/javascript' } })
      new Function('pm', event.script.exec.join('\n'))(pm)
    }
    return results
  }

  it('has a test on every request, so a run of 401s fails instead of passing', () => {
    const all = requests(collection.item)
    expect(all).toHaveLength(4)
    for (const item of all) {
      const denied = runTests(item, { code: 401, body: '{"code":401}' })
      expect(denied.length).toBeGreaterThan(0)
      expect(denied.some((r) => !r.passed)).toBe(true)
      expect(runTests(item, { code: 400, body: '' }).every((r) => r.passed)).toBe(false)
    }
  })

  it('passes an invite only with a 2xx answer that carries the handle id; an activity on any 2xx', () => {
    const [invite, lobby] = requests(collection.item)
    if (!invite || !lobby) throw new Error('missing items')
    expect(runTests(invite, { code: 201, body: '{"id":"47ca0049"}' })).toEqual([
      { name: 'MPSD answers 2xx', passed: true },
      { name: 'the invite handle has an id', passed: true },
    ])
    expect(runTests(invite, { code: 201, body: '{"invitedXuid":"1"}' })[1]?.passed).toBe(false)
    expect(runTests(invite, { code: 200, body: '' })[1]?.passed).toBe(false)
    expect(runTests(lobby, { code: 204, body: '' })).toEqual([
      { name: 'MPSD answers 2xx', passed: true },
    ])
  })
})

const execFileAsync = promisify(execFile)
const curlPath = (() => {
  try {
    return execFileSync('which', ['curl'], { encoding: 'utf8' }).trim()
  } catch {
    return ''
  }
})()

describe.skipIf(!curlPath)(
  `the curl script, run by bash with real curl against a loopback server${curlPath ? '' : ' (skipped: `which curl` finds no curl on this machine)'}`,
  () => {
    const TOKEN = 'XBL3.0 x=1;good'
    let server: Server
    let origin = ''
    const received: Array<{ url: string | undefined; authorization: string | undefined }> = []

    // 401 without the right token; 400 for the template "bad"; 201 with a handle otherwise.
    beforeAll(async () => {
      server = createServer((req, res) => {
        const chunks: Buffer[] = []
        req.on('data', (c: Buffer) => chunks.push(c))
        req.on('end', () => {
          received.push({ url: req.url, authorization: req.headers.authorization })
          const body = JSON.parse(Buffer.concat(chunks).toString('utf8') || '{}') as {
            sessionRef?: { templateName?: string }
          }
          res.setHeader('Content-Type', 'application/json')
          if (req.url !== '/handles') {
            res.writeHead(404).end('{"code":404}')
          } else if (req.headers.authorization !== TOKEN) {
            res.writeHead(401).end('{"code":401,"message":"bad token"}')
          } else if (body.sessionRef?.templateName === 'bad') {
            res.writeHead(400).end('{"code":400,"message":"no template bad"}')
          } else {
            res.writeHead(201).end('{"id":"handle-1"}')
          }
        })
      })
      await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
      origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
    })
    afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())))
    beforeEach(() => {
      received.length = 0
    })

    const good: Preset = { ...base, name: 'Good invite' }
    const bad: Preset = {
      ...activity,
      name: 'Bad activity',
      request: {
        ...(activity.request as ActivityRequest & { contractVersion: number }),
        sessionRef: { ...(activity.request as ActivityRequest).sessionRef, templateName: 'bad' },
      },
    }

    async function runScript(presets: Preset[], env: Record<string, string>) {
      const dir = mkdtempSync(join(tmpdir(), 'curl-script-'))
      const file = join(dir, 'presets.sh')
      writeFileSync(file, exportCurlScript(presets, [], now).text)
      try {
        const { stdout, stderr } = await execFileAsync('bash', [file], {
          env: { PATH: process.env.PATH ?? '/usr/bin:/bin', NO_PROXY: '*', ...env },
          encoding: 'utf8',
        })
        return { code: 0, stdout, stderr }
      } catch (error) {
        const failed = error as { code?: number; stdout?: string; stderr?: string }
        return { code: failed.code, stdout: failed.stdout ?? '', stderr: failed.stderr ?? '' }
      } finally {
        rmSync(dir, { recursive: true, force: true })
      }
    }

    it('exits 0 when every call succeeds, whatever trailing slashes MPSD_BASE_URL has', async () => {
      for (const baseUrl of [origin, `${origin}/`, `${origin}//`]) {
        received.length = 0
        const run = await runScript([good, batch], {
          MPSD_AUTHORIZATION: TOKEN,
          MPSD_BASE_URL: baseUrl,
        })
        expect(run).toMatchObject({ code: 0, stderr: '' })
        expect(run.stdout).toContain('Good invite: HTTP 201\n{"id":"handle-1"}\n')
        expect(run.stdout).toContain('All 3 calls succeeded\n')
        expect(received.map((r) => r.url)).toEqual(['/handles', '/handles', '/handles'])
      }
    })

    it('makes every call, prints each failure with its answer, and exits non-zero', async () => {
      const run = await runScript([bad, good], {
        MPSD_AUTHORIZATION: TOKEN,
        MPSD_BASE_URL: `${origin}/`,
      })
      expect(run.code).toBe(1)
      expect(run.stderr).toBe(
        'FAILED Bad activity: HTTP 400\n{"code":400,"message":"no template bad"}\n' +
          '1 of 2 calls failed\n',
      )
      expect(run.stdout).toBe('Good invite: HTTP 201\n{"id":"handle-1"}\n')
      expect(received).toHaveLength(2)
    })

    it('exits non-zero when every call is refused (a wrong token)', async () => {
      const run = await runScript([good, bad], {
        MPSD_AUTHORIZATION: 'XBL3.0 x=1;expired',
        MPSD_BASE_URL: origin,
      })
      expect(run.code).toBe(1)
      expect(run.stdout).toBe('')
      expect(run.stderr).toContain(
        'FAILED Good invite: HTTP 401\n{"code":401,"message":"bad token"}',
      )
      expect(run.stderr).toContain('FAILED Bad activity: HTTP 401')
      expect(run.stderr).toContain('2 of 2 calls failed')
      expect(received.map((r) => r.authorization)).toEqual([
        'XBL3.0 x=1;expired',
        'XBL3.0 x=1;expired',
      ])
    })

    it('counts a call that gets no answer as failed', async () => {
      const closed = createServer()
      await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve))
      const port = (closed.address() as AddressInfo).port
      await new Promise<void>((resolve) => closed.close(() => resolve()))
      const run = await runScript([good], {
        MPSD_AUTHORIZATION: TOKEN,
        MPSD_BASE_URL: `http://127.0.0.1:${port}`,
      })
      expect(run.code).toBe(1)
      expect(run.stderr).toContain('FAILED Good invite: no answer')
      expect(run.stderr).toContain('1 of 1 calls failed')
    })

    it('refuses to run without a token, calling nothing', async () => {
      const run = await runScript([good], { MPSD_BASE_URL: origin })
      expect(run.code).not.toBe(0)
      expect(run.stderr).toContain('Set MPSD_AUTHORIZATION to your XBL3.0 token')
      expect(received).toEqual([])
    })
  },
)
