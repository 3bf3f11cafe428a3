// Team presets over real HTTP on loopback: the server started as `npm start` starts it, a fresh
// temporary folder per test.
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises'
import { request as httpRequest } from 'node:http'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { PRESETS_FILE_TYPE, type PresetContent } from '../../mpsd/preset'
import { startWorkbenchServer, type RunningServer } from '../start-server'

const preset: PresetContent = {
  name: 'Weekly invite',
  description: '',
  tags: ['weekly'],
  request: {
    type: 'invite',
    sessionRef: {
      scid: 'bd6c41c3-01c3-468a-a3b5-3e0fe8133862',
      templateName: 'deathmatch',
      name: 'session-49',
    },
    invite: {
      invitedXuid: '2533274790000001',
      titleId: '1234',
      context: '',
      contextString: '',
      senderString: '',
    },
    contractVersion: 107,
  },
}

let dir: string
let server: RunningServer

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'team-presets-'))
  server = await startWorkbenchServer({
    env: { WORKBENCH_PRESETS_DIR: dir },
    port: 0,
    serveDashboard: false,
    logSink: () => {},
  })
})

afterEach(async () => {
  await server.close()
  await rm(dir, { recursive: true, force: true })
})

/** Raw request, so the test controls Host and Origin exactly (fetch would set them itself). */
function send(
  method: string,
  path: string,
  options: { body?: string; headers?: Record<string, string> } = {},
) {
  return new Promise<{ status: number; json: Record<string, unknown> }>((resolve, reject) => {
    const req = httpRequest(`${server.url}${path}`, { method, headers: options.headers }, (res) => {
      const chunks: Buffer[] = []
      res.on('data', (c: Buffer) => chunks.push(c))
      res.on('end', () => {
        const text = Buffer.concat(chunks).toString('utf8')
        let parsed: Record<string, unknown> = {}
        try {
          parsed = text ? (JSON.parse(text) as Record<string, unknown>) : {}
        } catch {
          // Hono's own 404 is text; the status is what the test checks.
        }
        resolve({ status: res.statusCode ?? 0, json: parsed })
      })
    })
    // The server may refuse (413) and close before the whole body is written.
    req.on('error', (error: NodeJS.ErrnoException) =>
      error.code === 'EPIPE' || error.code === 'ECONNRESET' ? undefined : reject(error),
    )
    req.end(options.body)
  })
}

const json = { 'Content-Type': 'application/json' }

describe('team presets', () => {
  it('lists nothing, without an error, when the folder does not exist yet', async () => {
    await rm(dir, { recursive: true })
    const { status, json: body } = await send('GET', '/api/team-presets')
    expect(status).toBe(200)
    expect(body).toMatchObject({ presets: [], errors: [] })
  })

  it('writes a pretty, sorted, stable file and lists it back', async () => {
    const put = await send('PUT', '/api/team-presets/weekly-invite', {
      headers: { ...json, Origin: server.url },
      body: JSON.stringify({ ...preset, authorization: 'XBL3.0 x=1;leak-me-please' }),
    })
    expect(put.status).toBe(200)
    const text = await readFile(join(dir, 'weekly-invite.json'), 'utf8')
    expect(text).not.toContain('leak-me-please')
    expect(text.endsWith('}\n')).toBe(true)
    expect(text.indexOf('"preset"')).toBeLessThan(text.indexOf('"type"'))
    expect(text.indexOf('"description"')).toBeLessThan(text.indexOf('"name"'))
    // A file already there is not replaced unless the caller says so (two names can share a slug).
    const again = JSON.stringify({
      tags: ['weekly'],
      request: preset.request,
      description: '',
      name: 'Weekly invite',
    })
    const refused = await send('PUT', '/api/team-presets/weekly-invite', {
      headers: json,
      body: again,
    })
    expect(refused.status).toBe(409)
    // Writing the same preset again, replacing, changes nothing: no diff in git.
    expect(
      (
        await send('PUT', '/api/team-presets/weekly-invite?overwrite=1', {
          headers: json,
          body: again,
        })
      ).status,
    ).toBe(200)
    expect(await readFile(join(dir, 'weekly-invite.json'), 'utf8')).toBe(text)
    expect((await readdir(dir)).filter((f) => f.endsWith('.tmp'))).toEqual([])

    const list = await send('GET', '/api/team-presets')
    expect(list.json.presets).toEqual([
      {
        file: 'weekly-invite.json',
        preset: expect.objectContaining({ id: 'team:weekly-invite', name: 'Weekly invite' }),
      },
    ])
  })

  it('reports each unreadable file by name and still lists the good ones', async () => {
    await writeFile(
      join(dir, 'good.json'),
      JSON.stringify({
        type: PRESETS_FILE_TYPE,
        version: 1,
        presets: [preset, { ...preset, name: 'Second' }],
      }),
    )
    await writeFile(join(dir, 'broken.json'), '{"type": "handles-')
    await writeFile(
      join(dir, 'newer.json'),
      JSON.stringify({ type: PRESETS_FILE_TYPE, version: 7, presets: [] }),
    )
    await writeFile(join(dir, 'notes.txt'), 'ignored')
    const { json: body } = await send('GET', '/api/team-presets')
    expect((body.presets as Array<{ preset: { id: string } }>).map((p) => p.preset.id)).toEqual([
      'team:good:1',
      'team:good:2',
    ])
    const errors = body.errors as Array<{ file: string; message: string }>
    expect(errors.map((e) => e.file)).toEqual(['broken.json', 'newer.json'])
    expect(errors[0]!.message).toContain('Not valid JSON')
    expect(errors[1]!.message).toContain('newer Handles Workbench')
  })

  it.each(['..%2F..%2Fetc%2Fpasswd', 'UPPER', '-dash', 'a.json', '%2e%2e', 'a%00b'])(
    'refuses the slug %s',
    async (slug) => {
      const { status } = await send('PUT', `/api/team-presets/${slug}`, {
        headers: json,
        body: JSON.stringify(preset),
      })
      expect([400, 403, 404]).toContain(status)
      expect(await readdir(dir)).toEqual([])
    },
  )

  it('refuses another origin, a foreign Host, a non-JSON body and an invalid preset', async () => {
    const body = JSON.stringify(preset)
    expect(
      (
        await send('PUT', '/api/team-presets/x', {
          headers: { ...json, Origin: 'http://evil.example' },
          body,
        })
      ).status,
    ).toBe(403)
    expect(
      (await send('GET', '/api/team-presets', { headers: { Host: 'evil.example' } })).status,
    ).toBe(403)
    expect(
      (
        await send('PUT', '/api/team-presets/x', {
          headers: { 'Content-Type': 'text/plain' },
          body,
        })
      ).status,
    ).toBe(415)
    const invalid = await send('PUT', '/api/team-presets/x', {
      headers: json,
      body: JSON.stringify({ ...preset, name: '' }),
    })
    expect(invalid.status).toBe(400)
    expect(invalid.json.message).toBe('name: Preset name is required')
    expect(
      (await send('PUT', '/api/team-presets/x', { headers: json, body: 'x'.repeat(300 * 1024) }))
        .status,
    ).toBe(413)
    // Sent chunked, with no length to check up front: refused while reading, not after.
    expect(
      (
        await send('PUT', '/api/team-presets/x', {
          headers: { ...json, 'Transfer-Encoding': 'chunked' },
          body: 'x'.repeat(3 * 1024 * 1024),
        })
      ).status,
    ).toBe(413)
    expect(await readdir(dir)).toEqual([])
  })
})
