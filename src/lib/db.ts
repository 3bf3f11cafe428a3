// The Workbench's one IndexedDB database. Every object store and every migration lives here, in
// order, so a database written by any older version upgrades step by step (idb's upgrade callback).
import { openDB, type DBSchema, type IDBPDatabase } from 'idb'

export const DB_NAME = 'handles-workbench'
export const DB_VERSION = 3

// Records are typed as unknown on purpose: every reader validates with zod, so a corrupt or
// foreign record is set aside and reported instead of crashing a view.
export interface WorkbenchDB extends DBSchema {
  history: {
    key: string
    value: Record<string, unknown> & { id: string; startedAt: number }
    indexes: {
      startedAt: number
      kind: string
      statusClass: string
      scid: string
      xuid: string
      upstream: string
    }
  }
  handles: {
    key: string
    value: Record<string, unknown> & { id: string; createdAt: number }
    indexes: { createdAt: number; invitedXuid: string; historyId: string }
  }
  presets: {
    key: string
    value: Record<string, unknown> & { id: string; name: string; updatedAt: number }
    indexes: { name: string; updatedAt: number }
  }
  batchRuns: {
    key: string
    value: Record<string, unknown> & { id: string; createdAt: number }
    indexes: { createdAt: number }
  }
  /** Named sets of `{{variables}}` (decision 131); added in v2. */
  environments: {
    key: string
    value: Record<string, unknown> & { id: string; name: string; updatedAt: number }
    indexes: { name: string }
  }
  /** Runs of presets from the Runs view (decision 120): their results, kept across a reload; v3. */
  runs: {
    key: string
    value: Record<string, unknown> & { id: string; createdAt: number }
    indexes: { createdAt: number }
  }
  /** Records that failed validation on read, kept for the user to inspect, never deleted silently. */
  quarantine: {
    key: number
    value: { store: string; key: string; record: unknown; reason: string; at: number }
  }
}

export type WorkbenchDatabase = IDBPDatabase<WorkbenchDB>

const MIGRATIONS: Array<(db: WorkbenchDatabase) => void> = [
  // v1: the first schema.
  (db) => {
    const history = db.createObjectStore('history', { keyPath: 'id' })
    history.createIndex('startedAt', 'startedAt')
    history.createIndex('kind', 'kind')
    history.createIndex('statusClass', 'statusClass')
    history.createIndex('scid', 'scid')
    history.createIndex('xuid', 'xuid')
    history.createIndex('upstream', 'upstream')
    const handles = db.createObjectStore('handles', { keyPath: 'id' })
    handles.createIndex('createdAt', 'createdAt')
    handles.createIndex('invitedXuid', 'invitedXuid')
    handles.createIndex('historyId', 'historyId')
    const presets = db.createObjectStore('presets', { keyPath: 'id' })
    presets.createIndex('name', 'name')
    presets.createIndex('updatedAt', 'updatedAt')
    const runs = db.createObjectStore('batchRuns', { keyPath: 'id' })
    runs.createIndex('createdAt', 'createdAt')
    db.createObjectStore('quarantine', { autoIncrement: true })
  },
  // v2: environments (decision 131). Nothing else changes: v1 records stay as they are.
  (db) => {
    const environments = db.createObjectStore('environments', { keyPath: 'id' })
    environments.createIndex('name', 'name')
  },
  // v3: runs (decision 120). A new store only: every earlier store and record stays as it is.
  (db) => {
    const runs = db.createObjectStore('runs', { keyPath: 'id' })
    runs.createIndex('createdAt', 'createdAt')
  },
]

let opening: Promise<WorkbenchDatabase> | undefined

export function openWorkbenchDB(name: string = DB_NAME): Promise<WorkbenchDatabase> {
  const open = () =>
    openDB<WorkbenchDB>(name, DB_VERSION, {
      upgrade(db, oldVersion) {
        for (let v = oldVersion; v < MIGRATIONS.length; v++) MIGRATIONS[v]?.(db)
      },
      // Another tab opened a newer version: close so it can upgrade; the next call reopens.
      blocking() {
        void opening?.then((db) => db.close())
        opening = undefined
      },
    })
  if (name !== DB_NAME) return open()
  opening ??= open()
  return opening
}

/** For tests: forget the shared connection so each test can start from a fresh database. */
export async function resetWorkbenchDBConnection(): Promise<void> {
  const current = opening
  opening = undefined
  if (current) (await current).close()
}
