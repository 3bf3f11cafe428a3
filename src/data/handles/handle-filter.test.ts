import { describe, expect, it } from 'vitest'
import { filterHandles, handleState } from './handle-filter'
import type { HandleRecord } from './handle-record'

const NOW = Date.UTC(2026, 10, 29, 12)

function handle(id: string, overrides: Partial<HandleRecord> = {}): HandleRecord {
  return {
    id,
    createdAt: NOW - 1000,
    invitedXuid: '2533274790000001',
    senderXuid: '2814679796296491',
    scid: 'bd6c41c3-01c3-468a-a3b5-3e0fe8133862',
    templateName: 'deathmatch',
    sessionName: `session-${id}`,
    titleId: '1234',
    expiration: new Date(NOW + 3_600_000).toISOString(),
    historyId: 'h',
    upstream: 'simulator',
    ...overrides,
  }
}

const ACTIVE = handle('a')
const EXPIRED = handle('b', { expiration: new Date(NOW - 1).toISOString() })
const REVOKED = handle('c', { revokedAt: NOW - 10, invitedXuid: '2533274790000099' })
const GONE = handle('d', {
  lastCheck: { at: NOW, status: 404, outcome: 'not-found', historyId: 'h2' },
})
const ALL = [ACTIVE, EXPIRED, REVOKED, GONE]

describe('filterHandles', () => {
  it('tells the states apart: a revoked handle is revoked, whatever its expiration says', () => {
    expect(ALL.map((h) => handleState(h, NOW))).toEqual(['active', 'expired', 'revoked', 'gone'])
  })

  it('filters by state and by text over ids, XUIDs and the session', () => {
    expect(filterHandles(ALL, { text: '', state: 'revoked' }, NOW)).toEqual([REVOKED])
    expect(filterHandles(ALL, { text: '0099', state: '' }, NOW)).toEqual([REVOKED])
    expect(filterHandles(ALL, { text: 'SESSION-B', state: '' }, NOW)).toEqual([EXPIRED])
    expect(filterHandles(ALL, { text: 'session', state: 'active' }, NOW)).toEqual([ACTIVE])
    expect(filterHandles(ALL, { text: '', state: '' }, NOW)).toEqual(ALL)
  })
})
