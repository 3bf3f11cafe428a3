import { execFileSync } from 'node:child_process'
import { chmodSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { parsePresetsText, type Preset } from '../../mpsd/preset'
import {
  exportCurlScript,
  exportPostmanCollection,
  exportPresetsFile,
  POSTMAN_SCHEMA,
  presetWireRequests,
} from './preset-exporters'

const base: Preset = {
  id: 'p1',
  name: 'Weekly',
  description: 'EU friends',
  tags: ['eu'],
  createdAt: 1,
  updatedAt: 2,
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
      context: "it's",
      contextString: '',
      senderString: '',
    },
    contractVersion: 105,
  },
}
const activity: Preset = {
  ...base,
  id: 'p2',
  name: 'Lobby\n rm -rf /',
  request: { ...base.request, type: 'activity' },
}
const batch: Preset = {
  ...base,
  id: 'p3',
  name: 'Batch',
  request: { ...base.request, xuids: ['11', '12'] },
}
const now = new Date('2026-01-02T03:04:05Z')

describe('exports', () => {
  it('writes a versioned presets file that reads back the same', () => {
    const out = exportPresetsFile([base], [], now)
    expect(out.fileName).toBe('handles-workbench-presets-2026-01-02T03-04-05.json')
    expect(JSON.parse(out.text)).toMatchObject({ type: 'handles-workbench/presets', version: 1 })
    expect(parsePresetsText(out.text, out.fileName).presets).toEqual([base])
  })

  it('writes a Postman v2.1 collection with the token as an empty variable and one request per XUID', () => {
    const collection = JSON.parse(exportPostmanCollection([base, batch], [], now).text)
    expect(collection.info.schema).toBe(POSTMAN_SCHEMA)
    expect(collection.variable).toEqual([
      { key: 'baseUrl', value: 'https://sessiondirectory.xboxlive.com' },
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
    expect(single.request.header).toContainEqual({
      key: 'Authorization',
      value: '{{authorization}}',
    })
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

  it('writes a curl script that reads the token from the environment and cannot be broken by names', () => {
    const script = exportCurlScript([base, activity], [], now).text
    expect(script.startsWith('#!/usr/bin/env bash\n')).toBe(true)
    expect(script).toContain(': "${MPSD_AUTHORIZATION:?')
    expect(script).toContain(`-H "Authorization: $MPSD_AUTHORIZATION"`)
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
    // A stand-in curl that prints the body it was given, NUL-terminated.
    writeFileSync(
      join(bin, 'curl'),
      '#!/usr/bin/env bash\nwhile [ $# -gt 0 ]; do if [ "$1" = --data-binary ]; then printf "%s\\0" "$2" >> "$CURL_OUT"; fi; shift; done\n',
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
              ...base.request,
              sessionRef: { ...base.request.sessionRef, templateName },
              invite: { ...base.request.invite, context },
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
