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
    [{ method: 'POST', path: '/handles/query', body: '{}' }, 'Only search-handle queries'],
    [{ method: 'DELETE', path: '/handles/abc' }, 'not a request the composer makes'],
    [{ method: 'POST', path: '/handles', body: 'not json' }, 'not JSON'],
    [{ method: 'POST', path: '/handles', body: '[1]' }, 'not a JSON object'],
    [
      { method: 'POST', path: '/handles', body: '{"type":"party"}' },
      'not a handle the composer makes',
    ],
  ])('explains why %j is not a composable request', (http, message) => {
    const read = fromWire(http)
    expect(read.ok).toBe(false)
    if (!read.ok) expect(read.error).toContain(message)
  })
})

describe('fromWire of the kinds of decision 101', () => {
  const base = { scid: SCID, templateName: 'GameLobby', sessionName: 'lobby-1' }
  const cases = [
    requestFromFields({
      ...base,
      kind: 'session',
      memberXuid: '2814679796296491',
      writeMode: 'create',
      sessionConstants: '{"system":{"maxMembersCount":8,"big":18446744073709551615}}',
      sessionProperties: '{"custom":{"mode":"coop"}}',
    }),
    requestFromFields({ ...base, kind: 'session', memberStatus: 'inactive', writeMode: 'update' }),
    requestFromFields({ ...base, kind: 'session', memberStatus: 'leave' }),
    requestFromFields({ ...base, kind: 'session', memberStatus: 'none' }),
    requestFromFields({
      ...base,
      kind: 'transfer',
      originScid: SCID,
      originTemplateName: 'lobby',
      originName: 'l-2',
    }),
    requestFromFields({
      ...base,
      kind: 'search',
      searchTags: 'a, b',
      searchNumbers: '{"skill":10.5,"n":-3}',
      searchStrings: '{"Class":"A","n":"5"}',
    }),
    requestFromFields({
      ...base,
      sessionName: '',
      kind: 'searchQuery',
      filter: "tolower(strings/class) eq 'a'",
      orderBy: 'Timestamp desc',
      socialGroup: 'people',
      socialGroupXuid: '42',
    }),
  ]

  it.each(cases.map((request) => [request.kind, request] as const))(
    'reads a %s request back from its bytes as the request that sends them again',
    (_kind, request) => {
      const wire = toWire(request, { contractVersion: 107 })
      const read = fromWire(wire)
      expect(read).toEqual({
        ok: true,
        request: { ...request, contractVersion: 107 },
        unmapped: [],
      })
    },
  )

  it('reads a session PUT by its path whatever the case of sessiontemplates', () => {
    const read = fromWire({
      method: 'PUT',
      path: `https://sessiondirectory.xboxlive.com/serviceconfigs/${SCID}/sessiontemplates/T/sessions/a%20b`,
      body: '{"members":{"me":{"properties":{"system":{"active":true}}},"reserve_0":{}},"servers":{}}',
    })
    expect(read.ok && fieldsOf(read.request)).toMatchObject({
      kind: 'session',
      templateName: 'T',
      sessionName: 'a b',
      memberStatus: '',
    })
    expect(read.ok && read.unmapped.map((n) => n.path)).toEqual(['members.reserve_0', 'servers'])
  })
})
