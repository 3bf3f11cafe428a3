// Import is fuzzed: malformed, truncated, oversized and wrong-version files never crash, always
// produce a message, and never change what is stored.
import 'fake-indexeddb/auto'
import fc from 'fast-check'
import { afterEach, describe, expect, it } from 'vitest'
import { resetWorkbenchDBConnection } from '../../lib/db'
import {
  PRESETS_FILE_MAX_BYTES,
  PRESETS_FILE_TYPE,
  stableStringify,
  toPresetsFile,
  type Preset,
} from '../../mpsd/preset'
import { planImport, resolvePlan, type ImportFile } from './import-plan'
import { createPreset, readAllPresets, writePresets } from './preset-store'

afterEach(async () => {
  await resetWorkbenchDBConnection()
  indexedDB.deleteDatabase('handles-workbench')
})

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
const make = (name: string, id = `id-${name}`): Preset => ({
  id,
  name,
  description: '',
  tags: [],
  request,
  createdAt: 1,
  updatedAt: 1,
})
const goodFile = stableStringify(toPresetsFile([make('Weekly'), make('Daily')]))

describe('planning an import', () => {
  it('lists what is added and what conflicts by name', () => {
    const plan = planImport([{ name: 'a.json', text: goodFile }], [make('Weekly', 'stored-1')])
    expect(plan.problems).toEqual([])
    expect(plan.items.map((i) => [i.preset.name, i.conflict?.id])).toEqual([
      ['Weekly', 'stored-1'],
      ['Daily', undefined],
    ])
  })

  it('keeps both by default, renaming the newcomer; replace keeps the stored id; skip writes nothing', () => {
    const stored = [make('Weekly', 'stored-1')]
    const plan = planImport([{ name: 'a.json', text: goodFile }], stored)
    const key = plan.items[0]!.key
    expect(resolvePlan(plan, {}, stored).map((p) => p.name)).toEqual(['Weekly (2)', 'Daily'])
    expect(resolvePlan(plan, { [key]: 'replace' }, stored)[0]).toMatchObject({
      id: 'stored-1',
      name: 'Weekly',
    })
    expect(resolvePlan(plan, { [key]: 'skip' }, stored).map((p) => p.name)).toEqual(['Daily'])
    // Imported ids never overwrite stored ones.
    expect(resolvePlan(plan, {}, stored).some((p) => p.id === 'id-Daily')).toBe(false)
  })

  it('reads several files, a single preset and an older version in one go', () => {
    const plan = planImport(
      [
        {
          name: 'one.json',
          text: JSON.stringify({
            type: 'handles-workbench/preset',
            version: 1,
            preset: make('Single'),
          }),
        },
        {
          name: 'old.json',
          text: JSON.stringify({
            type: PRESETS_FILE_TYPE,
            version: 0,
            presets: [{ name: 'Old', scid: 's' }],
          }),
        },
      ],
      [],
    )
    expect(plan.problems).toEqual([])
    expect(plan.items.map((i) => i.preset.name)).toEqual(['Single', 'Old'])
  })

  it('names the file, preset and field of each problem and still offers the good presets', () => {
    const text = JSON.stringify({
      type: PRESETS_FILE_TYPE,
      version: 1,
      presets: [make('Good'), { ...make('Bad'), request: { ...request, kind: 'party' } }],
    })
    const plan = planImport([{ name: 'mixed.json', text }], [])
    expect(plan.items.map((i) => i.preset.name)).toEqual(['Good'])
    expect(plan.problems).toEqual([
      expect.objectContaining({
        source: 'mixed.json',
        item: 2,
        presetName: 'Bad',
        path: 'request.kind',
      }),
    ])
  })

  it('refuses an oversized file by its size without parsing it', () => {
    const plan = planImport([{ name: 'huge.json', text: '', size: PRESETS_FILE_MAX_BYTES + 1 }], [])
    expect(plan.items).toEqual([])
    expect(plan.problems[0]).toMatchObject({
      source: 'huge.json',
      message: expect.stringContaining('over 5 MB'),
    })
  })
})

// Files that are wrong in every way a file can be.
const badFileArb: fc.Arbitrary<ImportFile> = fc.oneof(
  fc.string().map((text) => ({ name: 'random.json', text })),
  fc
    .integer({ min: 1, max: goodFile.length - 1 })
    .map((n) => ({ name: 'truncated.json', text: goodFile.slice(0, n) })),
  fc.json().map((text) => ({ name: 'json.json', text })),
  fc.integer({ min: 2, max: 1_000 }).map((version) => ({
    name: 'newer.json',
    text: JSON.stringify({ ...toPresetsFile([make('X')]), version }),
  })),
  fc.anything().map((presets) => ({
    name: 'anything.json',
    text: JSON.stringify({ type: PRESETS_FILE_TYPE, version: 1, presets }) ?? '',
  })),
  fc.array(fc.anything(), { maxLength: 5 }).map((presets) => ({
    name: 'items.json',
    text: JSON.stringify({ type: PRESETS_FILE_TYPE, version: 1, presets }),
  })),
  fc.constant({ name: 'oversized.json', text: ' '.repeat(PRESETS_FILE_MAX_BYTES + 1) }),
  fc.constant({ name: 'deep.json', text: '['.repeat(100_000) }),
)

describe('importing malformed files (fuzz)', () => {
  it('never throws, gives a message for every bad file, and leaves stored presets unchanged', async () => {
    const stored = await createPreset({
      name: 'Weekly',
      description: 'mine',
      tags: ['keep'],
      request,
    })
    const before = await readAllPresets()
    await fc.assert(
      fc.asyncProperty(badFileArb, async (file) => {
        const plan = planImport([file], before.presets)
        // Every file either yields presets or explains itself, naming the file.
        if (plan.items.length === 0) expect(plan.problems.length).toBeGreaterThan(0)
        for (const problem of plan.problems) {
          expect(problem.source).toBe(file.name)
          expect(problem.message.length).toBeGreaterThan(0)
        }
        // Writing what the default choices give never touches the stored preset.
        await writePresets(resolvePlan(plan, {}, before.presets))
        const after = await readAllPresets()
        expect(after.presets.find((p) => p.id === stored.id)).toEqual(stored)
      }),
      { numRuns: 200 },
    )
  })
})
