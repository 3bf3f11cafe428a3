import 'fake-indexeddb/auto'
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { openWorkbenchDB, resetWorkbenchDBConnection } from '../../lib/db'
import type { PresetContent } from '../../mpsd/preset'
import {
  createPreset,
  deletePreset,
  duplicatePreset,
  listPresets,
  restoreDeletedPreset,
  uniqueName,
  updatePreset,
} from './preset-store'
import { draftRequestOf, presetRequestOf } from './preset-draft'
import type { InviteRequest } from '../../mpsd/request-entity'

afterEach(async () => {
  await resetWorkbenchDBConnection()
  indexedDB.deleteDatabase('handles-workbench')
})

const draft: InviteRequest = {
  v: 1,
  kind: 'invite',
  sessionRef: {
    scid: 'bd6c41c3-01c3-468a-a3b5-3e0fe8133862',
    templateName: 'deathmatch',
    name: 's',
  },
  invite: {
    invitedXuid: '2533274790000001',
    titleId: '1234',
    context: '',
    contextString: '',
    senderString: '',
  },
}
const content = (name: string, tags: string[] = []): PresetContent => ({
  name,
  description: '',
  tags,
  request: presetRequestOf(draft, 107),
})

describe('the presets store', () => {
  it('saves, lists by name, searches text and filters by tag', async () => {
    await createPreset(content('Weekly', ['eu']))
    await createPreset(content('Daily', ['us']))
    expect((await listPresets()).presets.map((p) => p.name)).toEqual(['Daily', 'Weekly'])
    expect((await listPresets({ text: 'week' })).presets.map((p) => p.name)).toEqual(['Weekly'])
    expect((await listPresets({ text: '2533274790000001' })).presets).toHaveLength(2)
    expect((await listPresets({ tag: 'us' })).presets.map((p) => p.name)).toEqual(['Daily'])
    expect((await listPresets()).tags).toEqual(['eu', 'us'])
  })

  it('renames and retags without touching the request', async () => {
    const saved = await createPreset(content('Weekly'))
    const updated = await updatePreset(
      saved.id,
      { name: 'Weekly EU', tags: ['EU'] },
      saved.updatedAt + 1,
    )
    expect(updated).toMatchObject({
      name: 'Weekly EU',
      tags: ['eu'],
      request: saved.request,
      createdAt: saved.createdAt,
    })
  })

  it('duplicates under a free name and deletes with undo', async () => {
    const saved = await createPreset(content('Weekly'))
    const copy = await duplicatePreset(saved.id)
    expect(copy.name).toBe('Weekly (copy)')
    expect((await duplicatePreset(saved.id)).name).toBe('Weekly (copy) (2)')
    const gone = await deletePreset(saved.id)
    expect((await listPresets()).presets.some((p) => p.id === saved.id)).toBe(false)
    await restoreDeletedPreset(gone!)
    expect((await listPresets()).presets.find((p) => p.id === saved.id)).toEqual(saved)
  })

  it('sets a corrupt record aside instead of failing the list', async () => {
    await createPreset(content('Good'))
    const db = await openWorkbenchDB()
    await db.put('presets', { id: 'bad', name: 'Bad', updatedAt: 1, request: 'nope' })
    const list = await listPresets()
    expect(list.presets.map((p) => p.name)).toEqual(['Good'])
    expect(list.setAside).toBe(1)
    expect(await db.count('quarantine')).toBe(1)
  })

  it('maps a draft to a preset and back unchanged', () => {
    expect(draftRequestOf({ request: presetRequestOf(draft, 107) })).toEqual({
      ...draft,
      contractVersion: 107,
    })
    // A list of XUIDs with no single XUID opens with the first one.
    const listed = draftRequestOf({
      request: { ...draft, invite: { ...draft.invite, invitedXuid: '' } },
      xuids: ['7', '8'],
    })
    expect(listed.kind === 'invite' && listed.invite.invitedXuid).toBe('7')
  })

  it('opens a version 1 record stored before the request entity, XUID list and all', async () => {
    const db = await openWorkbenchDB()
    const file = JSON.parse(
      readFileSync(join(__dirname, '../../testing/fixtures/legacy/presets-file-v1.json'), 'utf8'),
    ) as { presets: Array<{ id: string }> }
    for (const record of file.presets) await db.put('presets', record as never)
    const { presets, setAside } = await listPresets()
    expect(setAside).toBe(0)
    expect(presets.map((p) => [p.name, p.request.kind, p.xuids?.length])).toEqual([
      ['Batch to testers', 'invite', 3],
      ['Lobby activity', 'activity', undefined],
      ['Weekly invite', 'invite', undefined],
    ])
    // Duplicating rewrites it in today's shape, request and all.
    const copy = await duplicatePreset('preset-2c9d')
    expect(await db.get('presets', copy.id)).toMatchObject({
      request: { v: 1, kind: 'invite' },
      xuids: ['2533274790000011', '2533274790000012', '2533274790000013'],
    })
  })

  it('numbers names that are taken', () => {
    expect(uniqueName('A', new Set(['A', 'A (2)']))).toBe('A (3)')
    expect(uniqueName('B', new Set(['A']))).toBe('B')
  })
})
