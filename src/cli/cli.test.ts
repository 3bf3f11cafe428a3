// The CLI as users run it: the bundle `npm run build:cli` makes, built into a temp dir with no
// node_modules anywhere above it, run by Node 20 on small HAR files.
import { execFile } from 'node:child_process'
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { promisify } from 'node:util'
import { build } from 'vite'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import packageJson from '../../package.json'
import { buildHar, distinctCalls, THROTTLE_BODY } from '../testing/trace-har'
import type { JsonReport } from './json-report'

let dir: string
let bin: string

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'handles-workbench-cli-'))
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

async function run(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await promisify(execFile)(process.execPath, [bin, ...args], {
      cwd: dir,
    })
    return { code: 0, stdout, stderr }
  } catch (error) {
    const failed = error as { code: number; stdout: string; stderr: string }
    return { code: failed.code, stdout: failed.stdout, stderr: failed.stderr }
  }
}

async function harFile(name: string, content: unknown): Promise<string> {
  const path = join(dir, name)
  await writeFile(path, typeof content === 'string' ? content : JSON.stringify(content))
  return path
}

describe('handles-workbench', () => {
  it('is one self-contained module: only Node built-ins are imported', async () => {
    const source = await readFile(bin, 'utf8')
    expect(source.startsWith('#!/usr/bin/env node\n')).toBe(true)
    const imports = [...source.matchAll(/^import .* from "([^"]+)";?$/gm)].map((m) => m[1])
    expect(imports.length).toBeGreaterThan(0)
    expect(imports.every((specifier) => specifier?.startsWith('node:'))).toBe(true)
  })

  it('prints its version and its help', async () => {
    expect(await run('--version')).toEqual({
      code: 0,
      stdout: `${packageJson.version}\n`,
      stderr: '',
    })
    const help = await run('--help')
    expect(help.code).toBe(0)
    expect(help.stdout).toContain('analyze <file.har>')
  })

  it('exits 2 with a clear message for an unknown command, no command or a bad option', async () => {
    const unknown = await run('analyse', 'x.har')
    expect(unknown).toMatchObject({ code: 2, stdout: '' })
    expect(unknown.stderr).toContain('Unknown command "analyse". Commands: analyze, run.')
    expect((await run()).stderr).toContain('Usage: handles-workbench')
    expect((await run()).code).toBe(2)
    const group = await run('analyze', 'x.har', '--group', 'title')
    expect(group).toMatchObject({ code: 2 })
    expect(group.stderr).toContain('--group takes console or user, not "title"')
    expect((await run('analyze', 'x.har', '--frobnicate')).code).toBe(2)
  })

  it('exits 2 naming the file and what is wrong: missing, not JSON, not a HAR', async () => {
    const missing = await run('analyze', 'missing.har')
    expect(missing).toEqual({
      code: 2,
      stdout: '',
      stderr: 'handles-workbench: missing.har: no such file\n',
    })
    const broken = await run('analyze', await harFile('broken.har', '{"log": {"entries": ['))
    expect(broken.code).toBe(2)
    expect(broken.stderr).toMatch(/broken\.har: not JSON \(/)
    const notHar = await run('analyze', await harFile('presets.json', { presets: [] }))
    expect(notHar.code).toBe(2)
    expect(notHar.stderr).toContain('presets.json: not a HAR file: it has no log.entries list')
  })

  it('exits 0 and says so when a trace breaks no rule', async () => {
    const calm = await harFile('calm.har', buildHar(distinctCalls(10, 60_000)))
    const result = await run('analyze', calm)
    expect(result.code).toBe(0)
    expect(result.stdout).toContain('calm.har: 10 entries, 10 calls analysed, grouped per console.')
    expect(result.stdout).toContain('No violations.')
  })

  it('exits 1 and writes a JSON report naming each rule and the calls’ indexes in the file', async () => {
    // Five identical calls 300 ms apart (the 4th throttled), then a calm one.
    const file = await harFile(
      'noisy.har',
      buildHar([
        { at: 0 },
        { at: 300 },
        { at: 600 },
        { at: 900, status: 429, responseBody: THROTTLE_BODY },
        { at: 1200 },
        { at: 60_000, url: 'https://sessiondirectory.xboxlive.com/handles/abc' },
      ]),
    )
    const out = join(dir, 'reports')
    const result = await run('analyze', file, '--reporter', 'cli,json', '--out', out)
    expect(result.code).toBe(1)
    expect(result.stdout).toContain('burst (warning), console "noisy.har"')
    expect(result.stdout).toContain(
      'calls: entries[0], entries[1], entries[2], entries[3], entries[4]',
    )
    expect(result.stderr).toBe(`JSON report: ${join(out, 'report.json')}\n`)
    const report = JSON.parse(await readFile(join(out, 'report.json'), 'utf8')) as JsonReport
    expect(report).toMatchObject({ file: 'noisy.har', entries: 6, callsAnalysed: 6, violations: 3 })
    expect(report.findings.map((f) => [f.rule, f.calls])).toEqual([
      ['burst', [0, 1, 2, 3, 4]],
      ['repeated-calls', [0, 1, 2, 3, 4]],
      ['throttled-calls', [3]],
    ])
    expect(report.findings[0]?.group).toEqual({
      by: 'console',
      name: 'noisy.har',
      endpoint: 'sessiondirectory.xboxlive.com',
    })

    // --reporter json alone prints the same report to stdout; --group user says so.
    const json = await run('analyze', file, '--reporter', 'json', '--group', 'user')
    expect(json.code).toBe(1)
    const printed = JSON.parse(json.stdout) as JsonReport
    expect(printed.grouping).toBe('user')
    expect(printed.findings.map((f) => f.group.name)).toEqual([
      'unknown user',
      'unknown user',
      'unknown user',
    ])
  })

  it('exits 2 when the report cannot be written, naming where', async () => {
    const file = await harFile('one.har', buildHar([{ at: 0 }]))
    const blocker = await harFile('not-a-dir', 'x')
    const result = await run('analyze', file, '--out', join(blocker, 'reports'))
    expect(result.code).toBe(2)
    expect(result.stderr).toContain(`cannot write ${join(blocker, 'reports', 'report.json')}`)
  })
})
