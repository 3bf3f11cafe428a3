import 'fake-indexeddb/auto'
import { openDB } from 'idb'
import { afterEach, describe, expect, it } from 'vitest'
import { DB_VERSION, openWorkbenchDB } from './db'

const NAME = 'db-upgrade-test'

afterEach(() => {
  indexedDB.deleteDatabase(NAME)
})

describe('openWorkbenchDB', () => {
  it('upgrades a version 1 database: its records stay, the environments store appears', async () => {
    // A database as version 1 of the Workbench left it, with a preset and a History entry.
    const v1 = await openDB(NAME, 1, {
      upgrade(db) {
        const history = db.createObjectStore('history', { keyPath: 'id' })
        history.createIndex('startedAt', 'startedAt')
        db.createObjectStore('handles', { keyPath: 'id' })
        const presets = db.createObjectStore('presets', { keyPath: 'id' })
        presets.createIndex('name', 'name')
        db.createObjectStore('batchRuns', { keyPath: 'id' })
        db.createObjectStore('quarantine', { autoIncrement: true })
      },
    })
    await v1.put('presets', { id: 'p1', name: 'kept', updatedAt: 1 })
    await v1.put('history', { id: 'h1', startedAt: 5 })
    v1.close()

    const db = await openWorkbenchDB(NAME)
    expect(db.version).toBe(DB_VERSION)
    expect([...db.objectStoreNames]).toContain('environments')
    expect(await db.get('presets', 'p1')).toEqual({ id: 'p1', name: 'kept', updatedAt: 1 })
    expect(await db.get('history', 'h1')).toEqual({ id: 'h1', startedAt: 5 })
    await db.put('environments', { id: 'e1', name: 'Dev', updatedAt: 2, variables: [] })
    expect(await db.getAllFromIndex('environments', 'name', 'Dev')).toHaveLength(1)
    db.close()
  })

  it('upgrades a version 2 database to 3: every store keeps its records and indexes, the runs store appears', async () => {
    // A database as version 2 (environments) left it, with a record in every store.
    const v2 = await openDB(NAME, 2, {
      upgrade(db) {
        const history = db.createObjectStore('history', { keyPath: 'id' })
        for (const index of ['startedAt', 'kind', 'statusClass', 'scid', 'xuid', 'upstream'])
          history.createIndex(index, index)
        const handles = db.createObjectStore('handles', { keyPath: 'id' })
        for (const index of ['createdAt', 'invitedXuid', 'historyId'])
          handles.createIndex(index, index)
        const presets = db.createObjectStore('presets', { keyPath: 'id' })
        presets.createIndex('name', 'name')
        presets.createIndex('updatedAt', 'updatedAt')
        db.createObjectStore('batchRuns', { keyPath: 'id' }).createIndex('createdAt', 'createdAt')
        db.createObjectStore('quarantine', { autoIncrement: true })
        db.createObjectStore('environments', { keyPath: 'id' }).createIndex('name', 'name')
      },
    })
    const records = {
      history: { id: 'h1', startedAt: 5, kind: 'invite', xuid: '2533274790000001' },
      handles: { id: 'hd1', createdAt: 6, invitedXuid: '2533274790000001', historyId: 'h1' },
      presets: { id: 'p1', name: 'kept', updatedAt: 1 },
      batchRuns: { id: 'b1', createdAt: 7, state: 'paused' },
      environments: { id: 'e1', name: 'Dev', updatedAt: 2, variables: [] },
    } as const
    for (const [store, record] of Object.entries(records)) await v2.put(store as never, record)
    const quarantined = await v2.add('quarantine', { store: 'history', key: 'x', reason: 'bad' })
    v2.close()

    const db = await openWorkbenchDB(NAME)
    expect(db.version).toBe(DB_VERSION)
    for (const [store, record] of Object.entries(records))
      expect(await db.get(store as 'history', record.id)).toEqual(record)
    expect(await db.get('quarantine', quarantined as number)).toMatchObject({ reason: 'bad' })
    // The indexes came through too: History's filters and the ledger still find their records.
    expect(await db.getAllKeysFromIndex('history', 'xuid', '2533274790000001')).toEqual(['h1'])
    expect(await db.getAllKeysFromIndex('handles', 'historyId', 'h1')).toEqual(['hd1'])
    expect(await db.getAllKeysFromIndex('environments', 'name', 'Dev')).toEqual(['e1'])
    // Runs are kept newest last by their createdAt index.
    await db.put('runs', { id: 'r2', createdAt: 20 })
    await db.put('runs', { id: 'r1', createdAt: 10 })
    expect(await db.getAllKeysFromIndex('runs', 'createdAt')).toEqual(['r1', 'r2'])
    db.close()
  })

  it('creates every store of the current version in a new database', async () => {
    const db = await openWorkbenchDB(NAME)
    expect([...db.objectStoreNames].sort()).toEqual([
      'batchRuns',
      'environments',
      'handles',
      'history',
      'presets',
      'quarantine',
      'runs',
    ])
    db.close()
  })
})
