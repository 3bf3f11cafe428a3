import 'fake-indexeddb/auto'
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { openWorkbenchDB } from '../../lib/db'
import type { InviteRequest } from '../../mpsd/request-entity'
import { emptyRequest } from '../../mpsd/request-fields'
import { compactJsonText } from '../../mpsd/request-builder'
import { toWire } from '../../mpsd/to-wire'
import { entry, freshWorkbenchDBPerTest, SCID } from '../../testing/history-fixtures'
import { composedRequestOf } from './composed-request'
import { historyEntrySchema, type HistoryEntry } from './history-entry'
import { getHistoryEntry } from './history-read'
import { recordExchange } from './history-write'

freshWorkbenchDBPerTest()

const legacy = JSON.parse(
  readFileSync(join(__dirname, '../../testing/fixtures/legacy/history-records.json'), 'utf8'),
) as unknown[]

const typed: InviteRequest = {
  ...emptyRequest('invite'),
  sessionRef: { scid: ` ${SCID} `, templateName: 'deathmatch', name: 'session-1' },
  invite: { ...emptyRequest('invite').invite, invitedXuid: ' 42 ', titleId: '1234' },
}

function sent(request: InviteRequest, overrides: Partial<HistoryEntry> = {}): HistoryEntry {
  const wire = toWire(request, { contractVersion: 107 })
  return entry({
    kind: 'invite',
    request: { method: 'POST', path: wire.path, headers: wire.headers, body: wire.body },
    composed: request,
    ...overrides,
  })
}

describe('the request a History entry opens as', () => {
  it('is the request stored beside the bytes, as typed, through IndexedDB', async () => {
    const stored = await recordExchange(sent(typed))
    const read = await getHistoryEntry(stored.id)
    expect(read?.composed).toEqual(typed)
    // Read back as composed (untrimmed), not re-parsed from the trimmed body.
    expect(read && composedRequestOf(read)).toEqual({ ok: true, request: typed, unmapped: [] })
  })

  it("reads today's records, kept without their request, back from the bytes sent", () => {
    for (const raw of legacy) {
      const record = historyEntrySchema.parse(raw)
      expect(record.composed).toBeUndefined()
      const opened = composedRequestOf(record)
      expect(opened.ok).toBe(true)
      // The same bytes in the same order, compact since decision 101.
      if (opened.ok)
        expect(toWire(opened.request, { contractVersion: 104 }).body).toBe(
          compactJsonText(record.request.body ?? ''),
        )
    }
  })

  it('reads an imported HAR entry from its bytes', () => {
    const imported = { ...sent(typed), imported: true }
    delete imported.composed
    const opened = composedRequestOf(imported)
    expect(opened.ok && opened.request.kind === 'invite' && opened.request.invite.invitedXuid).toBe(
      '42',
    )
  })

  it('keeps a record whose stored request is damaged, and opens it from its bytes', async () => {
    const record = sent(typed)
    const db = await openWorkbenchDB()
    await db.put('history', { ...record, composed: { v: 1, kind: 'party' } })
    const read = await getHistoryEntry(record.id)
    expect(read?.id).toBe(record.id)
    expect(read?.composed).toBeUndefined()
    expect(read && composedRequestOf(read).ok).toBe(true)
  })

  it('says why a call that is not composed here cannot be opened', () => {
    const get = entry({
      kind: 'get',
      request: { method: 'GET', path: '/handles/abc', headers: [] },
    })
    expect(composedRequestOf(get)).toEqual({
      ok: false,
      error: 'A get call is not composed in the composer.',
    })
  })
})
