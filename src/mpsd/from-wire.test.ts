import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { fromWire } from './from-wire'
import { emptyRequest, fieldsOf, requestFromFields, REQUEST_FIELD_NAMES } from './request-fields'
import { toWire } from './to-wire'

const SCID = 'bd6c41c3-01c3-468a-a3b5-3e0fe8133862'

const legacy = (name: string): unknown =>
  JSON.parse(readFileSync(join(__dirname, '../testing/fixtures/legacy', name), 'utf8'))

function opened(record: unknown) {
  const read = fromWire((record as { request: Parameters<typeof fromWire>[0] }).request)
  if (!read.ok) throw new Error(read.error)
  return read.request
}

describe('fromWire', () => {
  it("reads today's History records (kept without their request) back from the bytes sent", () => {
    const [invite, activity] = legacy('history-records.json') as unknown[]
    expect(opened(invite)).toEqual({
      v: 1,
      kind: 'invite',
      sessionRef: {
        scid: 'BD6C41C3-01C3-468A-A3B5-3E0FE8133862',
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
    })
    expect(opened(activity)).toEqual({
      v: 1,
      kind: 'activity',
      sessionRef: {
        scid: 'bd6c41c3-01c3-468a-a3b5-3e0fe8133862',
        templateName: 'lobby',
        name: '',
      },
      contractVersion: 107,
    })
  })

  it('reads back every request toWire sends, so sending it again sends the same bytes', () => {
    fc.assert(
      fc.property(
        fc.constantFrom('activity' as const, 'invite' as const),
        fc.record(Object.fromEntries(REQUEST_FIELD_NAMES.map((name) => [name, fc.string()]))),
        fc.integer({ min: 104, max: 9999 }),
        (kind, values, contractVersion) => {
          const wire = toWire(requestFromFields({ ...fieldsOf(emptyRequest()), ...values, kind }), {
            contractVersion,
          })
          const read = fromWire(wire)
          expect(read.ok).toBe(true)
          if (!read.ok) return
          expect(read.request.kind).toBe(kind)
          expect(read.unmapped).toEqual([])
          expect(toWire(read.request, { contractVersion: 107 })).toEqual(wire)
        },
      ),
      { numRuns: 300 },
    )
  })

  it('keeps a 64-bit XUID written as a bare number (devtools captures) exact', () => {
    const read = fromWire({
      method: 'POST',
      path: 'https://sessiondirectory.xboxlive.com/handles',
      headers: [['X-Xbl-Contract-Version', '105']],
      body: `{"type":"invite","version":1,"sessionRef":{"scid":"${SCID}","templateName":"t","name":"n"},"invitedXuid":18446744073709551615,"inviteAttributes":{"titleId":4294967295,"context":"x 12.5e3"}}`,
    })
    expect(read).toEqual({
      ok: true,
      unmapped: [],
      request: {
        v: 1,
        kind: 'invite',
        sessionRef: { scid: SCID, templateName: 't', name: 'n' },
        invite: {
          invitedXuid: '18446744073709551615',
          titleId: '4294967295',
          context: 'x 12.5e3',
          contextString: '',
          senderString: '',
        },
        contractVersion: 105,
      },
    })
  })

  it('lists what a body holds that a request cannot, rather than dropping it silently', () => {
    const read = fromWire({
      method: 'POST',
      path: '/handles',
      body: `{"id":"47ca","type":"activity","sessionRef":{"scid":"${SCID}","templateName":"t","extra":1}}`,
    })
    expect(read.ok && read.unmapped.map((note) => note.path)).toEqual(['id', 'sessionRef.extra'])
  })

  it.each([
    [{ method: 'GET', path: '/handles/abc' }, 'not a request the composer makes'],
    [{ method: 'POST', path: '/handles/query', body: '{}' }, 'not a request the composer makes'],
    [{ method: 'POST', path: '/handles', body: 'not json' }, 'not JSON'],
    [{ method: 'POST', path: '/handles', body: '[1]' }, 'not a JSON object'],
    [{ method: 'POST', path: '/handles', body: '{"type":"search"}' }, 'neither an activity'],
  ])('explains why %j is not a composable request', (http, message) => {
    const read = fromWire(http)
    expect(read.ok).toBe(false)
    if (!read.ok) expect(read.error).toContain(message)
  })
})
