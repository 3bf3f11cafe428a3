import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { buildActivityBody, buildInviteBody, postHandleRequest } from './request-builder'
import { emptyRequest, type InviteRequest, type RequestEntity } from './request-entity'
import { fieldsOf, requestFromFields, REQUEST_FIELD_NAMES } from './request-fields'
import { fromWire } from './from-wire'
import { toWire, wireSummary } from './to-wire'

const SCID = 'bd6c41c3-01c3-468a-a3b5-3e0fe8133862'
const SETTINGS = { contractVersion: 107 }
const legacy = (name: string): unknown =>
  JSON.parse(readFileSync(join(__dirname, '../testing/fixtures/legacy', name), 'utf8'))

function invite(fields: Partial<InviteRequest['invite']> = {}, name = 'session-49'): RequestEntity {
  return {
    v: 1,
    kind: 'invite',
    sessionRef: { scid: SCID, templateName: 'deathmatch', name },
    invite: {
      invitedXuid: '',
      titleId: '',
      context: '',
      contextString: '',
      senderString: '',
      ...fields,
    },
  }
}

describe('toWire', () => {
  it('sends exactly what the request builder sent for the same form values, whatever they hold', () => {
    // The builder is what every test, snippet and journey pinned; toWire must not move a byte.
    const text = fc.oneof(
      fc.string(),
      fc.constantFrom('', ' ', ' a ', '\n', '18446744073709551615'),
    )
    fc.assert(
      fc.property(
        fc.constantFrom('activity' as const, 'invite' as const),
        fc.record(Object.fromEntries(REQUEST_FIELD_NAMES.map((name) => [name, text]))),
        fc.integer({ min: 104, max: 9999 }),
        (kind, values, contractVersion) => {
          const fields = { ...fieldsOf(emptyRequest()), ...values, kind }
          const sessionRef = {
            scid: fields.scid,
            templateName: fields.templateName,
            name: fields.sessionName,
          }
          const before = postHandleRequest(
            kind === 'activity'
              ? buildActivityBody({ sessionRef })
              : buildInviteBody({
                  sessionRef,
                  invitedXuid: fields.invitedXuid,
                  titleId: fields.titleId,
                  context: fields.context,
                  contextString: fields.contextString,
                  senderString: fields.senderString,
                }),
            contractVersion,
          )
          expect(toWire(requestFromFields(fields), { contractVersion })).toEqual(before)
        },
      ),
      { numRuns: 300 },
    )
  })

  it('sends a History record of today byte for byte as it was sent', () => {
    const [record] = legacy('history-records.json') as Array<{
      request: { method: string; path: string; headers: Array<[string, string]>; body: string }
    }>
    const read = fromWire(record!.request)
    expect(read.ok).toBe(true)
    if (!read.ok || !record) return
    const wire = toWire(read.request, { contractVersion: 104 })
    expect(wire.body).toBe(record.request.body)
    expect(wire.path).toBe(record.request.path)
    // The record's own contract version, read from its header, wins over the setting.
    expect(wire.headers).toEqual(
      record.request.headers.filter(([name]) => name.toLowerCase() !== 'authorization'),
    )
  })

  it("uses the request's contract version over the settings', and the settings' otherwise", () => {
    expect(toWire(invite(), SETTINGS).headers[0]).toEqual(['x-xbl-contract-version', '107'])
    expect(toWire({ ...invite(), contractVersion: 105 }, SETTINGS).headers[0]).toEqual([
      'x-xbl-contract-version',
      '105',
    ])
  })

  it('trims identifiers once, sends the context verbatim and leaves empty optionals out', () => {
    const wire = toWire(
      invite({
        invitedXuid: ' 5678\n',
        titleId: '\t1234 ',
        context: '  spaced  ',
        contextString: '  ',
        senderString: '',
      }),
      SETTINGS,
    )
    expect(JSON.parse(wire.body ?? '')).toEqual({
      type: 'invite',
      sessionRef: { scid: SCID, templateName: 'deathmatch', name: 'session-49' },
      version: 1,
      invitedXuid: '5678',
      inviteAttributes: { titleId: '1234', context: '  spaced  ' },
    })
  })

  it('leaves out a blank activity session name (MPSD fills one) but keeps an invite’s', () => {
    const activity = requestFromFields({ ...fieldsOf(invite({}, ' ')), kind: 'activity' })
    expect(JSON.parse(toWire(activity, SETTINGS).body ?? '').sessionRef).toEqual({
      scid: SCID,
      templateName: 'deathmatch',
    })
    expect(JSON.parse(toWire(invite({}, ' '), SETTINGS).body ?? '').sessionRef.name).toBe('')
  })
})

describe('wireSummary', () => {
  it('files the call under the values as sent', () => {
    expect(wireSummary(invite({ invitedXuid: ' 42 ' }, ' lobby '))).toEqual({
      scid: SCID,
      sessionName: 'lobby',
      xuid: '42',
    })
    expect(
      wireSummary(requestFromFields({ ...fieldsOf(invite()), kind: 'activity', sessionName: '' })),
    ).toEqual({
      scid: SCID,
    })
  })
})
