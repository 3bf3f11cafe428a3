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

  it('creates every store of the current version in a new database', async () => {
    const db = await openWorkbenchDB(NAME)
    expect([...db.objectStoreNames].sort()).toEqual([
      'batchRuns',
      'environments',
      'handles',
      'history',
      'presets',
      'quarantine',
    ])
    db.close()
  })
})
