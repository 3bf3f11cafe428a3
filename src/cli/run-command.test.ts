// `handles-workbench run` as CI runs it: the bundle built into a temp dir (no node_modules above
// it), run by Node against the in-process simulator, a custom upstream on loopback, and bad input.
import { execFile } from 'node:child_process'
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { promisify } from 'node:util'
import { build } from 'vite'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { junitSchemaErrors } from '../testing/junit-schema'
import type { RunReport } from '../mpsd/run/run-report'

const SCID = 'bd6c41c3-01c3-468a-a3b5-3e0fe8133862'
const TOKEN = 'XBL3.0 x=4242;cli-test-secret-token-0123456789'

let dir: string
let bin: string

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'handles-workbench-run-'))
  await build({
    configFile: 'vite.cli.config.ts',
    logLevel: 'silent',
    build: { outDir: join(dir, 'bin'), emptyOutDir: true },
  })
  bin = join(dir, 'bin', 'handles-workbench.mjs')
}, 60_000)

afterAll(async () => {
  await rm(dir, { recursive: true, force: true })
})

type Ran = { code: number; stdout: string; stderr: string }

async function run(args: string[], env: NodeJS.ProcessEnv = {}): Promise<Ran> {
  try {
    const { stdout, stderr } = await promisify(execFile)(process.execPath, [bin, ...args], {
      cwd: dir,
      env: { PATH: process.env.PATH, ...env },
    })
    return { code: 0, stdout, stderr }
  } catch (error) {
    const failed = error as Ran
    return { code: failed.code, stdout: failed.stdout, stderr: failed.stderr }
  }
}

async function file(name: string, content: unknown): Promise<string> {
  const path = join(dir, name)
  await mkdir(join(path, '..'), { recursive: true })
  await writeFile(path, typeof content === 'string' ? content : JSON.stringify(content, null, 2))
  return path
}

const invite = (name: string, extra: Record<string, unknown> = {}) => ({
  id: name,
  name,
  tags: ['ci'],
  description: '',
  createdAt: 1,
  updatedAt: 1,
  request: {
    v: 1,
    kind: 'invite',
    sessionRef: { scid: '{{scid}}', templateName: 'deathmatch', name: 'lobby-{{xuid}}' },
    invite: {
      invitedXuid: '{{xuid}}',
      titleId: '1234567',
      context: '',
      contextString: '',
      senderString: '',
    },
    contractVersion: 107,
    ...extra,
  },
})

const presetsFile = (...presets: unknown[]) => ({
  type: 'handles-workbench/presets',
  version: 2,
  presets,
})

const environment = { name: 'CI', values: [{ key: 'scid', value: SCID, enabled: true }] }
const data = 'xuid\n2533274790000001\n2533274790000002\n'

describe('handles-workbench run', () => {
  it('exits 0 when every expectation holds, and writes JUnit XML the JUnit schema accepts', async () => {
    // A folder: a version-2 file with expectations, a version-0 list of the earliest builds, and
    // the version-1 file of the legacy fixtures.
    const folder = join(dir, 'pass')
    await file(
      'pass/a-invites.json',
      presetsFile(
        invite('Invite {{xuid}}', {
          expect: [
            { kind: 'statusIs', value: '201' },
            { kind: 'jsonEquals', target: '$.invitedXuid', value: '{{xuid}}' },
            { kind: 'expiresAfter', value: '60' },
            { kind: 'fasterThan', value: '5000' },
          ],
        }),
      ),
    )
    await file('pass/b-old.json', [
      {
        name: 'Old activity',
        type: 'activity',
        scid: SCID,
        templateName: 'deathmatch',
        sessionName: 'lobby',
      },
    ])
    await file(
      'pass/c-v1.json',
      await readFile('src/testing/fixtures/legacy/presets-file-v1.json', 'utf8'),
    )
    const env = await file('env.json', environment)
    const csv = await file('data.csv', data)
    const out = join(dir, 'reports-pass')
    const ran = await run([
      'run',
      folder,
      '--env',
      env,
      '--data',
      csv,
      '--sim-rules',
      'lenient',
      '--reporter',
      'cli,junit,json',
      '--out',
      out,
    ])
    expect(ran.stderr).toContain(`JUnit XML: ${join(out, 'junit.xml')}`)
    expect(ran.code).toBe(0)
    expect(ran.stdout).toContain('PASS [row 1] Invite 2533274790000001 201')
    expect(ran.stdout).toContain('PASS [row 2] Old activity 204')
    expect(ran.stdout).toContain('PASS [row 2] Weekly invite 201')
    // A preset with a list of XUIDs and none in its invite: one invite per XUID.
    expect(ran.stdout).toContain('PASS [row 1] Batch to testers → 2533274790000013 201')
    expect(ran.stdout).toContain('14 passed, 0 failed, 0 errors, of 14')
    const xml = await readFile(join(out, 'junit.xml'), 'utf8')
    expect(await junitSchemaErrors(xml)).toEqual([])
    expect(xml.match(/<testcase /g)).toHaveLength(14)
    const report = JSON.parse(await readFile(join(out, 'run-report.json'), 'utf8')) as RunReport
    expect(report).toMatchObject({ ok: true, summary: { steps: 14, passed: 14 } })
  }, 30_000)

  it('exits 1 when an expectation fails, and says which in the output and the JUnit XML', async () => {
    const presets = await file(
      'fail.json',
      presetsFile(invite('Expects 200', { expect: [{ kind: 'statusIs', value: '200' }] })),
    )
    const env = await file('env.json', environment)
    const csv = await file('data.csv', data)
    const ran = await run(['run', presets, '--env', env, '--data', csv, '--sim-rules', 'lenient'])
    expect(ran.code).toBe(1)
    expect(ran.stdout).toContain('FAIL [row 1] Expects 200 201')
    expect(ran.stdout).toContain('expected Status is 200: Got status 201')
    // Strict simulator rules by default: an invite to a session nobody created is refused, by name.
    const strict = await run(['run', presets, '--env', env, '--data', csv])
    expect(strict.code).toBe(1)
    expect(strict.stdout).toContain(
      'refused by the simulator\'s rule "invite-needs-session" (strict)',
    )
    const junit = await run([
      'run',
      presets,
      '--env',
      env,
      '--data',
      csv,
      '--sim-rules',
      'lenient',
      '--reporter',
      'junit',
    ])
    expect(junit.code).toBe(1)
    expect(await junitSchemaErrors(junit.stdout)).toEqual([])
    expect(junit.stdout).toContain(
      '<failure type="expectation" message="Status is 200: Got status 201">',
    )
  }, 30_000)

  it('exits 2 on bad input, naming the file, the preset and the field; nothing is sent', async () => {
    const badField = await file(
      'bad-field.json',
      presetsFile(invite('Fine'), invite('Broken', { contractVersion: 3 })),
    )
    const one = await run(['run', badField])
    expect(one).toMatchObject({ code: 2, stdout: '' })
    expect(one.stderr).toContain(
      `${badField}, preset 2 “Broken”, field request.contractVersion: Contract version must be 104 or later`,
    )

    const presets = await file('vars.json', presetsFile(invite('Needs vars')))
    const unknown = await run(['run', presets])
    expect(unknown.code).toBe(2)
    expect(unknown.stderr).toContain(
      `${presets}, preset 1 “Needs vars”, field request.sessionRef.scid: Variable {{scid}} is not defined in the environment`,
    )

    const env = await file('env.json', environment)
    const badRow = await file('bad-row.csv', 'xuid\n2533274790000001\nnot-a-xuid\n')
    const row = await run(['run', presets, '--env', env, '--data', badRow])
    expect(row.code).toBe(2)
    expect(row.stderr).toMatch(
      new RegExp(
        `${presets}, ${badRow} row 2, preset 1 “Needs vars”, field request\\.invite\\.invitedXuid: `,
      ),
    )

    const csv = await file('broken.csv', 'xuid,context\n1\n')
    expect((await run(['run', presets, '--env', env, '--data', csv])).stderr).toContain(
      `${csv}: Line 2: 1 fields, but the header names 2`,
    )
    expect((await run(['run', join(dir, 'nope.json')])).stderr).toContain('nope.json: no such file')
    const badExpect = await file(
      'bad-expect.json',
      presetsFile(
        invite('Pattern', { expect: [{ kind: 'jsonMatches', target: '$.id', value: '(' }] }),
      ),
    )
    const pattern = await run([
      'run',
      badExpect,
      '--env',
      env,
      '--data',
      csv.replace('broken', 'data'),
    ])
    expect(pattern.code).toBe(2)
    expect(pattern.stderr).toContain('field request.expect.0.value: Not a valid pattern')
    expect((await run(['run', presets, '--sim-rules', 'loose'])).stderr).toContain(
      '--sim-rules takes strict or lenient, not "loose"',
    )
    expect((await run(['run', presets, '--upstream', 'ftp://x'])).code).toBe(2)
  }, 30_000)

  it('sends MPSD_AUTHORIZATION to a custom upstream and never prints or writes it', async () => {
    const seen: IncomingHttpHeaders[] = []
    const upstream: Server = createServer((req, res) => {
      seen.push(req.headers)
      req.resume()
      req.on('end', () => {
        // An upstream echoing the token back must not get it into the reports either.
        res.writeHead(201, { 'Content-Type': 'application/json' })
        res.end(JSON.stringify({ id: 'h1', echoed: req.headers.authorization }))
      })
    })
    await new Promise<void>((resolve) => upstream.listen(0, '127.0.0.1', resolve))
    const origin = `http://127.0.0.1:${(upstream.address() as AddressInfo).port}`
    try {
      const presets = await file('token.json', presetsFile(invite('With token')))
      const env = await file('env.json', environment)
      const csv = await file('data.csv', data)
      const out = join(dir, 'reports-token')
      const ran = await run(
        [
          'run',
          presets,
          '--env',
          env,
          '--data',
          csv,
          '--upstream',
          origin,
          '--reporter',
          'cli,junit,json',
          '--out',
          out,
        ],
        { MPSD_AUTHORIZATION: TOKEN },
      )
      expect(ran.code).toBe(0)
      expect(seen.map((h) => h.authorization)).toEqual([TOKEN, TOKEN])
      const written = [
        ran.stdout,
        ran.stderr,
        await readFile(join(out, 'junit.xml'), 'utf8'),
        await readFile(join(out, 'run-report.json'), 'utf8'),
      ].join('\n')
      expect(written).not.toContain('cli-test-secret-token')
    } finally {
      upstream.close()
    }
  }, 30_000)

  it('packs the bin into the tarball (files field)', async () => {
    const packageJson = JSON.parse(await readFile('package.json', 'utf8')) as {
      bin: Record<string, string>
      files: string[]
    }
    expect(packageJson.files).toContain(packageJson.bin['handles-workbench'])
  })
})
