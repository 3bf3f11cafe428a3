// Shared by the History store tests: entries to write, an invite answer, and a fresh database per
// test (fake-indexeddb, imported by each test file first).
import { afterEach, beforeEach } from 'vitest'
import { DB_NAME, resetWorkbenchDBConnection } from '../lib/db'
import { historyIdFor, type HistoryEntry } from '../data/history/history-entry'

export const SCID = 'bd6c41c3-01c3-468a-a3b5-3e0fe8133862'
export let clock = Date.UTC(2026, 10, 1)

export function entry(overrides: Partial<HistoryEntry> = {}): HistoryEntry {
  const startedAt = overrides.startedAt ?? (clock += 1000)
  return {
    id: historyIdFor(startedAt),
    startedAt,
    kind: 'activity',
    upstream: 'simulator',
    request: {
      method: 'POST',
      path: '/handles',
      headers: [['x-xbl-contract-version', '107']],
      body: '{"type":"activity"}',
    },
    response: { status: 204, statusText: 'No Content', headers: [], body: '', sizeBytes: 0 },
    durationMs: 12,
    statusClass: '2xx',
    scid: SCID,
    ...overrides,
  }
}

export function inviteAnswer(id: string, xuid: string): string {
  return JSON.stringify({
    type: 'invite',
    sessionRef: { scid: SCID, templateName: 'deathmatch', name: 'session-1' },
    version: 1,
    inviteAttributes: { titleId: '1234' },
    expiration: '2026-11-02T00:00:00.0000000Z',
    id,
    invitedXuid: xuid,
    senderXuid: '2814679796296491',
  })
}

export function freshWorkbenchDBPerTest(): void {
  beforeEach(async () => {
    await resetWorkbenchDBConnection()
    await new Promise<void>((resolve) => {
      const request = indexedDB.deleteDatabase(DB_NAME)
      request.onsuccess = () => resolve()
      request.onerror = () => resolve()
    })
  })
  afterEach(() => resetWorkbenchDBConnection())
}
