import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { fromWire } from './from-wire'
import { compactJsonText, serializeBody } from './request-builder'
import type { ActivityRequest, InviteRequest, RequestEntity } from './request-entity'
import { fieldsOf, requestFromFields } from './request-fields'
import { activityBody, inviteBody, toWire } from './to-wire'
import { wireSummary } from './wire-summary'
import { activityBodySchema, inviteBodySchema } from './schemas'

const SCID = 'bd6c41c3-01c3-468a-a3b5-3e0fe8133862'
const SETTINGS = { contractVersion: 107 }
const legacy = (name: string): unknown =>
  JSON.parse(readFileSync(join(__dirname, '../testing/fixtures/legacy', name), 'utf8'))

const fixtureText = (name: string) =>
  readFileSync(join(__dirname, '../testing/fixtures', name), 'utf8')
const fixture = (name: string): unknown => JSON.parse(fixtureText(name))

/** Every key path in document order, so key order differences fail even where toEqual would pass. */
function keyPaths(value: unknown, prefix = ''): string[] {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return []
  return Object.entries(value).flatMap(([key, child]) => [
    `${prefix}${key}`,
    ...keyPaths(child, `${prefix}${key}.`),
  ])
}

const XSAPI_SESSION_REF = {
  scid: 'MockScid',
  templateName: 'MockSessionTemplateName',
  name: 'XWIN_7ce12e85-594a-4b3b-9dc3-33b9a4ea57ce',
}

type SessionRefFields = { scid: string; templateName: string; name: string }
type InviteFields = {
  sessionRef: SessionRefFields
  invitedXuid: string
  titleId: string
  context?: string | undefined
  contextString?: string | undefined
  senderString?: string | undefined
}

/** The body of an activity request with this session reference. */
function activityBodyOf({ sessionRef }: { sessionRef: SessionRefFields }) {
  const request: ActivityRequest = { v: 1, kind: 'activity', sessionRef }
  return activityBody(request)
}

/** The body of an invite request with these values; an optional one left out is empty. */
function inviteBodyOf({ sessionRef, ...invite }: InviteFields) {
  const request: InviteRequest = {
    v: 1,
    kind: 'invite',
    sessionRef,
    invite: {
      invitedXuid: invite.invitedXuid,
      titleId: invite.titleId,
      context: invite.context ?? '',
      contextString: invite.contextString ?? '',
      senderString: invite.senderString ?? '',
    },
  }
  return inviteBody(request)
}

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

describe('the activity body', () => {
  it('reproduces the XSAPI set-activity fixture byte for byte, key order included', () => {
    const expected = fixture('xsapi-head_set-activity-request.json')
    const body = activityBodyOf({ sessionRef: XSAPI_SESSION_REF })
    expect(body).toEqual(expected)
    expect(keyPaths(body)).toEqual(keyPaths(expected))
    expect(JSON.stringify(body)).toBe(JSON.stringify(expected))
    expect(keyPaths(body)).toEqual([
      'type',
      'sessionRef',
      'sessionRef.scid',
      'sessionRef.templateName',
      'sessionRef.name',
      'version',
    ])
  })

  it('builds with the mock SCID even though validation would reject it', () => {
    const body = activityBodyOf({ sessionRef: XSAPI_SESSION_REF })
    expect(body.sessionRef.scid).toBe('MockScid')
    expect(activityBodySchema.safeParse(body).success).toBe(false)
  })

  it('omits an empty or blank session name (MPSD fills one in)', () => {
    for (const name of ['', '   ', '\n']) {
      const body = activityBodyOf({ sessionRef: { scid: SCID, templateName: 'party', name } })
      expect(body.sessionRef).toEqual({ scid: SCID, templateName: 'party' })
      expect(Object.keys(body.sessionRef)).not.toContain('name')
      expect(activityBodySchema.safeParse(body).success).toBe(true)
    }
  })

  it('trims the session reference fields', () => {
    const body = activityBodyOf({
      sessionRef: { scid: ` ${SCID}\n`, templateName: ' party ', name: '\tlobby ' },
    })
    expect(body.sessionRef).toEqual({ scid: SCID, templateName: 'party', name: 'lobby' })
  })

  it('never sends an id', () => {
    expect(keyPaths(activityBodyOf({ sessionRef: XSAPI_SESSION_REF }))).not.toContain('id')
  })
})

describe('the invite body', () => {
  const xsapiInput: InviteFields = {
    sessionRef: XSAPI_SESSION_REF,
    invitedXuid: '',
    titleId: '1234',
  }

  it('reproduces the XSAPI send-invite fixture byte for byte, key order included', () => {
    const expected = fixture('xsapi-head_send-invite-request.json')
    const body = inviteBodyOf(xsapiInput)
    expect(body).toEqual(expected)
    expect(keyPaths(body)).toEqual(keyPaths(expected))
    expect(JSON.stringify(body)).toBe(JSON.stringify(expected))
  })

  it('builds with the mock SCID and empty XUID even though validation rejects them', () => {
    const body = inviteBodyOf(xsapiInput)
    expect(body.sessionRef.scid).toBe('MockScid')
    expect(body.invitedXuid).toBe('')
    expect(inviteBodySchema.safeParse(body).success).toBe(false)
  })

  it('follows XSAPI key order with every attribute: type, sessionRef, version, invitedXuid, inviteAttributes', () => {
    // Inputs deliberately in a different order from the output.
    const body = inviteBodyOf({
      senderString: 'Contoso',
      context: 'custom activation ctx',
      contextString: '///MyInviteString',
      titleId: '1018096776',
      invitedXuid: '5678',
      sessionRef: { name: 'session-49', templateName: 'deathmatch', scid: SCID },
    })
    expect(keyPaths(body)).toEqual([
      'type',
      'sessionRef',
      'sessionRef.scid',
      'sessionRef.templateName',
      'sessionRef.name',
      'version',
      'invitedXuid',
      'inviteAttributes',
      'inviteAttributes.titleId',
      'inviteAttributes.contextString',
      'inviteAttributes.context',
      'inviteAttributes.senderString',
    ])
    expect(JSON.stringify(body)).toBe(
      `{"type":"invite","sessionRef":{"scid":"${SCID}","templateName":"deathmatch","name":"session-49"},"version":1,` +
        '"invitedXuid":"5678","inviteAttributes":{"titleId":"1018096776","contextString":"///MyInviteString",' +
        '"context":"custom activation ctx","senderString":"Contoso"}}',
    )
    expect(inviteBodySchema.safeParse(body).success).toBe(true)
  })

  it('keeps titleId and XUID as decimal strings, exact beyond 2^53', () => {
    const body = inviteBodyOf({
      sessionRef: { scid: SCID, templateName: 't', name: 'n' },
      invitedXuid: '18446744073709551615',
      titleId: '4294967295',
    })
    expect(body.invitedXuid).toBe('18446744073709551615')
    expect(body.inviteAttributes.titleId).toBe('4294967295')
    expect(serializeBody(body)).toContain('"invitedXuid":"18446744073709551615"')
    expect(serializeBody(body)).toContain('"titleId":"4294967295"')
  })

  it('omits empty optional attributes, and blank contextString and senderString', () => {
    for (const empty of [undefined, '']) {
      const body = inviteBodyOf({
        ...xsapiInput,
        context: empty,
        contextString: empty,
        senderString: empty,
      })
      expect(body.inviteAttributes).toEqual({ titleId: '1234' })
      expect(Object.keys(body.inviteAttributes)).toEqual(['titleId'])
    }
    const blank = inviteBodyOf({ ...xsapiInput, contextString: '  \n', senderString: '\t' })
    expect(Object.keys(blank.inviteAttributes)).toEqual(['titleId'])
  })

  it('includes each optional attribute on its own, in serializer order', () => {
    expect(Object.keys(inviteBodyOf({ ...xsapiInput, context: 'c' }).inviteAttributes)).toEqual([
      'titleId',
      'context',
    ])
    expect(
      Object.keys(inviteBodyOf({ ...xsapiInput, contextString: '///s' }).inviteAttributes),
    ).toEqual(['titleId', 'contextString'])
    expect(
      Object.keys(inviteBodyOf({ ...xsapiInput, senderString: 's' }).inviteAttributes),
    ).toEqual(['titleId', 'senderString'])
  })

  it('trims pasted identifiers but sends the context verbatim', () => {
    const body = inviteBodyOf({
      sessionRef: { scid: ` ${SCID} `, templateName: ' t ', name: ' n ' },
      invitedXuid: ' 5678\n',
      titleId: '\t1234 ',
      contextString: ' ///Invite ',
      senderString: ' Contoso ',
      context: '  a context with spaces  ',
    })
    expect(body).toEqual({
      type: 'invite',
      sessionRef: { scid: SCID, templateName: 't', name: 'n' },
      version: 1,
      invitedXuid: '5678',
      inviteAttributes: {
        titleId: '1234',
        contextString: '///Invite',
        context: '  a context with spaces  ',
        senderString: 'Contoso',
      },
    })
  })

  it('keeps an empty session name (required for invites) rather than dropping it', () => {
    const body = inviteBodyOf({ ...xsapiInput, sessionRef: { ...XSAPI_SESSION_REF, name: '' } })
    expect(body.sessionRef).toEqual({
      scid: 'MockScid',
      templateName: 'MockSessionTemplateName',
      name: '',
    })
  })

  it('never has an id key, whatever the input', () => {
    fc.assert(
      fc.property(
        fc.record({
          scid: fc.string(),
          templateName: fc.string(),
          name: fc.string(),
          invitedXuid: fc.string(),
          titleId: fc.string(),
          context: fc.option(fc.string(), { nil: undefined }),
          contextString: fc.option(fc.string(), { nil: undefined }),
          senderString: fc.option(fc.string(), { nil: undefined }),
        }),
        ({ scid, templateName, name, ...rest }) => {
          const body = inviteBodyOf({ sessionRef: { scid, templateName, name }, ...rest })
          expect(keyPaths(body).filter((p) => p === 'id' || p.endsWith('.id'))).toEqual([])
          expect(Object.keys(body)).toEqual([
            'type',
            'sessionRef',
            'version',
            'invitedXuid',
            'inviteAttributes',
          ])
          expect(Object.keys(body.inviteAttributes)[0]).toBe('titleId')
          // The built body survives the trip through JSON unchanged.
          expect(JSON.parse(serializeBody(body))).toEqual(body)
        },
      ),
      { numRuns: 200 },
    )
  })
})

describe('toWire', () => {
  it('sends a History record of today byte for byte as it was sent', () => {
    const [record] = legacy('history-records.json') as Array<{
      request: { method: string; path: string; headers: Array<[string, string]>; body: string }
    }>
    const read = fromWire(record!.request)
    expect(read.ok).toBe(true)
    if (!read.ok || !record) return
    const wire = toWire(read.request, { contractVersion: 104 })
    // Byte for byte but the whitespace: bodies are compact since decision 101.
    expect(wire.body).toBe(compactJsonText(record.request.body ?? ''))
    expect(wire.path).toBe(record.request.path)
    // The record's own contract version, read from its header, wins over the setting.
    expect(wire.headers).toEqual(
      record.request.headers.filter(([name]) => name.toLowerCase() !== 'authorization'),
    )
  })

  it('serializes the body as compact JSON and posts it to /handles', () => {
    const request = invite({ invitedXuid: '5678', titleId: '1234' })
    const wire = toWire(request, SETTINGS)
    expect(wire.method).toBe('POST')
    expect(wire.path).toBe('/handles')
    expect(wire.body).toBe(JSON.stringify(JSON.parse(wire.body ?? '')))
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

describe('the MPSD kinds of decision 101 (session write, transfer, search, search query)', () => {
  const ref = { scid: SCID, templateName: 'GameLobby', name: 'lobby-1' }
  const build = (fields: Partial<Parameters<typeof requestFromFields>[0]>) =>
    requestFromFields({
      scid: ref.scid,
      templateName: ref.templateName,
      sessionName: ref.name,
      ...fields,
    })

  it('writes a session as XSAPI does: PUT to its path, constants, properties, then "me"', () => {
    const wire = toWire(
      build({
        kind: 'session',
        memberXuid: ' 2814679796296491 ',
        writeMode: 'create',
        sessionConstants: '{\n  "system": { "maxMembersCount": 8, "visibility": "open" }\n}',
        sessionProperties: '{"system":{"joinRestriction":"followed"},"custom":{"mode":"coop"}}',
      }),
      SETTINGS,
    )
    expect(wire.method).toBe('PUT')
    expect(wire.path).toBe(`/serviceconfigs/${SCID}/sessionTemplates/GameLobby/sessions/lobby-1`)
    expect(wire.headers).toEqual([
      ['x-xbl-contract-version', '107'],
      ['Content-Type', 'application/json; charset=utf-8'],
      ['If-None-Match', '*'],
    ])
    expect(wire.body).toBe(
      '{"constants":{"system":{"maxMembersCount":8,"visibility":"open"}},' +
        '"properties":{"system":{"joinRestriction":"followed"},"custom":{"mode":"coop"}},' +
        '"members":{"me":{"constants":{"system":{"xuid":"2814679796296491"}},' +
        '"properties":{"system":{"active":true}}}}}',
    )
  })

  it('goes inactive with ready false, leaves with "me": null, and can leave members out', () => {
    const body = (memberStatus: string, writeMode = '') =>
      toWire(build({ kind: 'session', memberStatus, writeMode }), SETTINGS)
    expect(body('inactive').body).toBe(
      '{"members":{"me":{"properties":{"system":{"active":false,"ready":false}}}}}',
    )
    expect(body('leave', 'update').body).toBe('{"members":{"me":null}}')
    expect(body('leave', 'update').headers.at(-1)).toEqual(['If-Match', '*'])
    expect(body('none').body).toBe('{}')
    expect(body('none').headers).toHaveLength(2)
  })

  it('keeps the digits of a 64-bit number typed in the JSON', () => {
    const wire = toWire(
      build({
        kind: 'session',
        memberStatus: 'none',
        sessionProperties: '{"custom":{"n":18446744073709551615}}',
      }),
      SETTINGS,
    )
    expect(wire.body).toBe('{"properties":{"custom":{"n":18446744073709551615}}}')
  })

  it('encodes the session path segments', () => {
    const wire = toWire(build({ kind: 'session', sessionName: 'a b/c' }), SETTINGS)
    expect(wire.path.endsWith('/sessions/a%20b%2Fc')).toBe(true)
  })

  it('sends a transfer handle in XSAPI serializer order, the values of its fixture', () => {
    const wire = toWire(
      requestFromFields({
        kind: 'transfer',
        ...{ scid: 'MockScid', templateName: 'MockSessionTemplateName' },
        sessionName: 'XWIN_7ce12e85-594a-4b3b-9dc3-33b9a4ea57ce',
        originScid: 'MockScid',
        originTemplateName: 'samplelobbytemplate107',
        originName: 'bd6c41c3-01c3-468a-a3b5-3e0fe8133862',
      }),
      SETTINGS,
    )
    expect(wire.method).toBe('POST')
    expect(wire.path).toBe('/handles')
    expect(JSON.parse(wire.body ?? '')).toEqual(fixture('xsapi-head_transfer-handle-request.json'))
    // MultiplayerTransferHandlePostRequest::Serialize writes version before originSessionRef.
    expect(keyPaths(JSON.parse(wire.body ?? '')).filter((p) => !p.includes('.'))).toEqual([
      'type',
      'sessionRef',
      'version',
      'originSessionRef',
    ])
  })

  it('creates a search handle in XSAPI serializer order, the values of its fixture', () => {
    const wire = toWire(
      requestFromFields({
        kind: 'search',
        scid: 'MockScid',
        templateName: 'GlobalLFGSessionTemplateName',
        sessionName: 'LFGSession',
        searchTags: 'micsrequired, girlsonly',
        searchNumbers: '{"Skill_D": 10.145, "Skill_I": 14}',
        searchStrings: '{"Class": "A"}',
      }),
      SETTINGS,
    )
    expect(JSON.parse(wire.body ?? '')).toEqual(
      fixture('xsapi-head_search-handle-create-request.json'),
    )
    expect(wire.body).toBe(
      '{"type":"search","version":1,"sessionRef":{"scid":"MockScid","templateName":"GlobalLFGSessionTemplateName","name":"LFGSession"},' +
        '"searchAttributes":{"tags":["micsrequired","girlsonly"],"numbers":{"Skill_D":10.145,"Skill_I":14},"strings":{"Class":"A"}}}',
    )
    const bare = toWire(requestFromFields({ kind: 'search', ...ref, sessionName: 'x' }), SETTINGS)
    expect(bare.body).not.toContain('searchAttributes')
  })

  it('queries search handles as XSAPI does: roleInfo included, global true, its fixture', () => {
    const wire = toWire(
      requestFromFields({
        kind: 'searchQuery',
        scid: 'MockScid',
        templateName: 'GlobalLFGTemplate',
        sessionName: 'ignored',
        filter: 'SearchQuery',
        orderBy: 'OrderBy asc',
        socialGroup: 'favorites',
        socialGroupXuid: '1234',
      }),
      SETTINGS,
    )
    expect(wire.path).toBe('/handles/query?include=relatedInfo,roleInfo,customProperties')
    expect(JSON.parse(wire.body ?? '')).toEqual(
      fixture('xsapi-head_handles-query-search-social-group-request.json'),
    )
    expect(wire.body).toBe(
      '{"type":"search","scid":"MockScid","templateName":"GlobalLFGTemplate","global":true,' +
        '"filter":"SearchQuery","orderBy":"OrderBy asc",' +
        '"sessionMembers":{"people":{"moniker":"favorites","monikerXuid":"1234"}}}',
    )
  })

  it('files each kind in History under its SCID and session', () => {
    expect(wireSummary(build({ kind: 'session', memberXuid: '42' }))).toEqual({
      scid: SCID,
      sessionName: 'lobby-1',
      xuid: '42',
    })
    expect(wireSummary(build({ kind: 'searchQuery' }))).toEqual({ scid: SCID })
  })
})
