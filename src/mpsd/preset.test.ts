import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import {
  describeProblem,
  parsePresetsText,
  parsePresetsValue,
  presetSlug,
  PRESETS_FILE_TYPE,
  stableStringify,
  TEAM_SLUG_PATTERN,
  toPresetContent,
  toPresetDocument,
  toPresetsFile,
  presetSchema,
  type Preset,
} from './preset'
import { redactSecrets, secretsOfAuthorization } from './redact'

const request = {
  v: 1 as const,
  kind: 'invite' as const,
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
}
const preset: Preset = {
  id: 'p1',
  name: 'Weekly',
  description: '',
  tags: ['smoke'],
  request,
  createdAt: 1,
  updatedAt: 2,
}

describe('the preset allowlist', () => {
  it('drops every field the schema does not list, at every level', () => {
    const content = toPresetContent({
      name: 'x',
      authorization: 'XBL3.0 x=1;secret',
      settings: { proxyUrl: '/proxy' },
      request: {
        ...request,
        headers: { Authorization: 'secret' },
        sessionRef: { ...request.sessionRef, token: 'secret' },
      },
    })
    expect(JSON.stringify(content)).not.toContain('secret')
    expect(Object.keys(content).sort()).toEqual(['description', 'name', 'request', 'tags'])
  })

  it('trims names, lower-cases and de-duplicates tags', () => {
    expect(toPresetContent({ name: '  A  ', tags: ['Smoke', 'smoke '], request })).toMatchObject({
      name: 'A',
      tags: ['smoke'],
    })
  })
})

describe('reading presets', () => {
  it('reads a versioned file, a single preset document, a bare preset and a list', () => {
    expect(parsePresetsText(JSON.stringify(toPresetsFile([preset])), 'a.json').presets).toEqual([
      preset,
    ])
    expect(parsePresetsValue(toPresetDocument(preset), 'b.json').presets[0]).toMatchObject({
      name: 'Weekly',
      request,
    })
    expect(parsePresetsValue(preset, 'c.json').presets).toEqual([preset])
    expect(parsePresetsValue([preset, preset], 'd.json').presets).toHaveLength(2)
  })

  it('upgrades a version 0 (flat draft) preset with the restore step', () => {
    const parsed = parsePresetsValue(
      {
        type: PRESETS_FILE_TYPE,
        version: 0,
        presets: [
          {
            name: 'Old',
            type: 'activity',
            scid: 's',
            templateName: 't',
            sessionName: 'n',
            tags: 'a,b',
          },
        ],
      },
      'old.json',
      5,
    )
    expect(parsed.problems).toEqual([])
    expect(parsed.presets[0]).toMatchObject({
      name: 'Old',
      tags: ['a', 'b'],
      createdAt: 5,
      request: {
        v: 1,
        kind: 'activity',
        sessionRef: { scid: 's', templateName: 't', name: 'n' },
        contractVersion: 107,
      },
    })
  })

  it("opens today's version 1 file: requests upgraded, XUID lists beside them, nothing lost", () => {
    const text = readFileSync(
      join(__dirname, '../testing/fixtures/legacy/presets-file-v1.json'),
      'utf8',
    )
    const parsed = parsePresetsText(text, 'presets-file-v1.json')
    expect(parsed.problems).toEqual([])
    const [weekly, lobby, batch] = parsed.presets
    expect(weekly).toEqual({
      id: 'preset-0b7c',
      name: 'Weekly invite',
      description: 'EU friends',
      tags: ['weekly', 'eu'],
      createdAt: 1764000000000,
      updatedAt: 1764000100000,
      request: {
        v: 1,
        kind: 'invite',
        sessionRef: {
          scid: ' BD6C41C3-01C3-468A-A3B5-3E0FE8133862 ',
          templateName: 'deathmatch',
          name: 'session-49',
        },
        invite: {
          invitedXuid: '2533274790000001',
          titleId: '1234',
          context: ' join me ',
          contextString: '///invite/eu',
          senderString: '',
        },
        contractVersion: 107,
      },
    })
    expect(lobby?.request).toMatchObject({ kind: 'activity', contractVersion: 105 })
    expect(batch?.xuids).toEqual(['2533274790000011', '2533274790000012', '2533274790000013'])
    // Written again, it is a version 2 file that reads back the same.
    const again = parsePresetsText(stableStringify(toPresetsFile(parsed.presets)), 'again.json')
    expect(again.presets).toEqual(parsed.presets)
    expect(JSON.parse(stableStringify(toPresetsFile(parsed.presets))).version).toBe(2)
  })

  it('reads a version 1 request and XUID list wherever it is handed in (store records, server writes)', () => {
    const v1 = {
      ...preset,
      request: {
        type: 'invite',
        sessionRef: request.sessionRef,
        invite: request.invite,
        contractVersion: 106,
        xuids: ['7', '8'],
      },
    }
    expect(presetSchema.parse(v1)).toEqual({
      ...preset,
      request: { ...request, contractVersion: 106 },
      xuids: ['7', '8'],
    })
  })

  it('refuses a newer version with a message that says to update', () => {
    const parsed = parsePresetsText(
      JSON.stringify({ type: PRESETS_FILE_TYPE, version: 3, presets: [] }),
      'new.json',
    )
    expect(parsed.fatal?.message).toMatch(/newer Handles Workbench \(format version 3\).*Update/)
  })

  it('names the file, the preset and the field path of a problem', () => {
    const bad = { ...preset, name: 'Broken', request: { ...request, contractVersion: 12 } }
    const parsed = parsePresetsValue(
      { type: PRESETS_FILE_TYPE, version: 1, presets: [preset, bad] },
      'team.json',
    )
    expect(parsed.presets).toHaveLength(1)
    expect(parsed.problems[0]).toMatchObject({
      source: 'team.json',
      item: 2,
      presetName: 'Broken',
      path: 'request.contractVersion',
    })
    expect(describeProblem(parsed.problems[0]!)).toBe(
      'team.json, preset 2 “Broken”, field request.contractVersion: Contract version must be 104 or later',
    )
  })

  it.each([
    ['', 'The file is empty'],
    ['{"type":"handles-workbench/presets","version":1,"pres', 'Not valid JSON'],
    ['42', 'expected a JSON object'],
    ['{"type":"something-else"}', 'Not a Handles Workbench presets file'],
    ['{"type":"handles-workbench/presets","version":1}', 'must have a "presets" list'],
    [
      '{"type":"handles-workbench/presets","version":"1","presets":[]}',
      'version must be a whole number',
    ],
  ])('gives a clear message for %j', (text, message) => {
    const parsed = parsePresetsText(text, 'x.json')
    expect(parsed.presets).toEqual([])
    expect(parsed.fatal?.source).toBe('x.json')
    expect(parsed.fatal?.message).toContain(message)
  })
})

describe('writing presets', () => {
  it('writes sorted keys, two-space indent and a final newline, whatever the input order', () => {
    const text = stableStringify({ b: 1, a: { d: [{ z: 1, y: 2 }], c: 2 } })
    expect(text).toBe(
      '{\n  "a": {\n    "c": 2,\n    "d": [\n      {\n        "y": 2,\n        "z": 1\n      }\n    ]\n  },\n  "b": 1\n}\n',
    )
  })

  it('makes slugs that always pass the team file pattern', () => {
    expect(presetSlug('Weekly Invite: EU/US!')).toBe('weekly-invite-eu-us')
    expect(presetSlug('../../etc/passwd')).toBe('etc-passwd')
    expect(presetSlug('ⓐ')).toMatch(TEAM_SLUG_PATTERN)
    fc.assert(fc.property(fc.string(), (name) => TEAM_SLUG_PATTERN.test(presetSlug(name))))
  })
})

describe('secrets', () => {
  it('finds the whole Authorization value and its token part', () => {
    expect(secretsOfAuthorization('XBL3.0 x=123;abcdefghij')).toEqual([
      'XBL3.0 x=123;abcdefghij',
      'abcdefghij',
    ])
    expect(secretsOfAuthorization('  ')).toEqual([])
  })

  it('removes a secret typed into any string of any depth, and says where', () => {
    const { value, redactedPaths } = redactSecrets(
      { a: ['xxsecret-12345yy'], b: 'secret-secret-1234512345' },
      ['secret-12345'],
    )
    expect(JSON.stringify(value)).not.toContain('secret-12345')
    expect(value.b).toBe('secret-<redacted>12345')
    expect(redactedPaths).toEqual(['a.0', 'b'])
  })
})
