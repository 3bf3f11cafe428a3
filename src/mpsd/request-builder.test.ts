import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { CONTRACT_VERSION } from './limits'
import {
  AUTHORIZATION_HEADER,
  buildActivityBody,
  buildInviteBody,
  deleteHandleRequest,
  getHandleRequest,
  mpsdHeaders,
  postHandleRequest,
  queryHandlesRequest,
  REDACTED_AUTHORIZATION,
  serializeBody,
  type InviteInput,
  type WireRequest,
} from './request-builder'
import { activityBodySchema, inviteBodySchema } from './schemas'

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
const SCID = 'bd6c41c3-01c3-468a-a3b5-3e0fe8133862'

describe('buildActivityBody', () => {
  it('reproduces the XSAPI set-activity fixture byte for byte, key order included', () => {
    const expected = fixture('xsapi-head_set-activity-request.json')
    const body = buildActivityBody({ sessionRef: XSAPI_SESSION_REF })
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
    const body = buildActivityBody({ sessionRef: XSAPI_SESSION_REF })
    expect(body.sessionRef.scid).toBe('MockScid')
    expect(activityBodySchema.safeParse(body).success).toBe(false)
  })

  it('omits an empty or blank session name (MPSD fills one in)', () => {
    for (const name of ['', '   ', '\n']) {
      const body = buildActivityBody({ sessionRef: { scid: SCID, templateName: 'party', name } })
      expect(body.sessionRef).toEqual({ scid: SCID, templateName: 'party' })
      expect(Object.keys(body.sessionRef)).not.toContain('name')
      expect(activityBodySchema.safeParse(body).success).toBe(true)
    }
  })

  it('trims the session reference fields', () => {
    const body = buildActivityBody({
      sessionRef: { scid: ` ${SCID}\n`, templateName: ' party ', name: '\tlobby ' },
    })
    expect(body.sessionRef).toEqual({ scid: SCID, templateName: 'party', name: 'lobby' })
  })

  it('never sends an id', () => {
    expect(keyPaths(buildActivityBody({ sessionRef: XSAPI_SESSION_REF }))).not.toContain('id')
  })
})

describe('buildInviteBody', () => {
  const xsapiInput: InviteInput = {
    sessionRef: XSAPI_SESSION_REF,
    invitedXuid: '',
    titleId: '1234',
  }

  it('reproduces the XSAPI send-invite fixture byte for byte, key order included', () => {
    const expected = fixture('xsapi-head_send-invite-request.json')
    const body = buildInviteBody(xsapiInput)
    expect(body).toEqual(expected)
    expect(keyPaths(body)).toEqual(keyPaths(expected))
    expect(JSON.stringify(body)).toBe(JSON.stringify(expected))
  })

  it('builds with the mock SCID and empty XUID even though validation rejects them', () => {
    const body = buildInviteBody(xsapiInput)
    expect(body.sessionRef.scid).toBe('MockScid')
    expect(body.invitedXuid).toBe('')
    expect(inviteBodySchema.safeParse(body).success).toBe(false)
  })

  it('follows XSAPI key order with every attribute: type, sessionRef, version, invitedXuid, inviteAttributes', () => {
    // Inputs deliberately in a different order from the output.
    const body = buildInviteBody({
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
    const body = buildInviteBody({
      sessionRef: { scid: SCID, templateName: 't', name: 'n' },
      invitedXuid: '18446744073709551615',
      titleId: '4294967295',
    })
    expect(body.invitedXuid).toBe('18446744073709551615')
    expect(body.inviteAttributes.titleId).toBe('4294967295')
    expect(serializeBody(body)).toContain('"invitedXuid": "18446744073709551615"')
    expect(serializeBody(body)).toContain('"titleId": "4294967295"')
  })

  it('omits empty optional attributes, and blank contextString and senderString', () => {
    for (const empty of [undefined, '']) {
      const body = buildInviteBody({
        ...xsapiInput,
        context: empty,
        contextString: empty,
        senderString: empty,
      })
      expect(body.inviteAttributes).toEqual({ titleId: '1234' })
      expect(Object.keys(body.inviteAttributes)).toEqual(['titleId'])
    }
    const blank = buildInviteBody({ ...xsapiInput, contextString: '  \n', senderString: '\t' })
    expect(Object.keys(blank.inviteAttributes)).toEqual(['titleId'])
  })

  it('includes each optional attribute on its own, in serializer order', () => {
    expect(Object.keys(buildInviteBody({ ...xsapiInput, context: 'c' }).inviteAttributes)).toEqual([
      'titleId',
      'context',
    ])
    expect(
      Object.keys(buildInviteBody({ ...xsapiInput, contextString: '///s' }).inviteAttributes),
    ).toEqual(['titleId', 'contextString'])
    expect(
      Object.keys(buildInviteBody({ ...xsapiInput, senderString: 's' }).inviteAttributes),
    ).toEqual(['titleId', 'senderString'])
  })

  it('trims pasted identifiers but sends the context verbatim', () => {
    const body = buildInviteBody({
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
    const body = buildInviteBody({ ...xsapiInput, sessionRef: { ...XSAPI_SESSION_REF, name: '' } })
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
          const body = buildInviteBody({ sessionRef: { scid, templateName, name }, ...rest })
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

describe('serializeBody', () => {
  it('is two-space pretty JSON', () => {
    const body = buildActivityBody({ sessionRef: XSAPI_SESSION_REF })
    expect(serializeBody(body)).toBe(
      [
        '{',
        '  "type": "activity",',
        '  "sessionRef": {',
        '    "scid": "MockScid",',
        '    "templateName": "MockSessionTemplateName",',
        '    "name": "XWIN_7ce12e85-594a-4b3b-9dc3-33b9a4ea57ce"',
        '  },',
        '  "version": 1',
        '}',
      ].join('\n'),
    )
    expect(serializeBody(body)).toBe(JSON.stringify(body, null, 2))
  })

  it('has no trailing newline and keeps Unicode as-is', () => {
    const text = serializeBody({ context: 'é😀' })
    expect(text).toBe('{\n  "context": "é😀"\n}')
  })
})

describe('mpsdHeaders', () => {
  it('sends contract 107 and the XSAPI content type, in that order', () => {
    expect(mpsdHeaders()).toEqual([
      ['x-xbl-contract-version', '107'],
      ['Content-Type', 'application/json; charset=utf-8'],
    ])
    expect(CONTRACT_VERSION).toBe(107)
  })

  it('takes an explicit contract version', () => {
    expect(mpsdHeaders(105)[0]).toEqual(['x-xbl-contract-version', '105'])
  })

  it('never carries Authorization: the token is added at the last moment, and previews show it redacted', () => {
    expect(mpsdHeaders().map(([n]) => n.toLowerCase())).not.toContain(
      AUTHORIZATION_HEADER.toLowerCase(),
    )
    expect(AUTHORIZATION_HEADER).toBe('Authorization')
    expect(REDACTED_AUTHORIZATION).toBe('XBL3.0 x=<userhash>;<token> (redacted)')
  })
})

describe('wire requests', () => {
  const headerNames = (r: WireRequest) => r.headers.map(([n]) => n.toLowerCase())

  it('POST /handles carries the serialized body and the MPSD headers', () => {
    const body = buildInviteBody({
      sessionRef: XSAPI_SESSION_REF,
      invitedXuid: '5678',
      titleId: '1234',
    })
    const request = postHandleRequest(body)
    expect(request).toEqual({
      method: 'POST',
      path: '/handles',
      headers: mpsdHeaders(),
      body: serializeBody(body),
    })
    expect(postHandleRequest(body, 104).headers[0]).toEqual(['x-xbl-contract-version', '104'])
  })

  it('POST /handles/query asks for relatedInfo and customProperties as XSAPI does', () => {
    const body = fixture('xsapi-head_handles-query-activities-by-xuids-request.json')
    const request = queryHandlesRequest(body)
    expect(request.method).toBe('POST')
    expect(request.path).toBe('/handles/query?include=relatedInfo,customProperties')
    expect(request.body).toBe(serializeBody(body))
    expect(request.headers).toEqual(mpsdHeaders())
  })

  it('GET and DELETE /handles/{id} have no body and still send the content type', () => {
    const id = '47ca0049-a5ba-4bc1-aa22-fcf834ce4c13'
    expect(getHandleRequest(id)).toEqual({
      method: 'GET',
      path: `/handles/${id}`,
      headers: mpsdHeaders(),
      body: undefined,
    })
    expect(deleteHandleRequest(id)).toEqual({
      method: 'DELETE',
      path: `/handles/${id}`,
      headers: mpsdHeaders(),
      body: undefined,
    })
    expect(getHandleRequest(id, 105).headers[0]).toEqual(['x-xbl-contract-version', '105'])
    expect(deleteHandleRequest(id, 105).headers[0]).toEqual(['x-xbl-contract-version', '105'])
  })

  it('percent-encodes the handle id so it cannot escape its path segment', () => {
    expect(getHandleRequest('../session?x=1#f').path).toBe('/handles/..%2Fsession%3Fx%3D1%23f')
    expect(deleteHandleRequest('a b/é').path).toBe('/handles/a%20b%2F%C3%A9')
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme' }), (id) => {
        const path = getHandleRequest(id).path
        expect(path.startsWith('/handles/')).toBe(true)
        expect(path.slice('/handles/'.length)).not.toMatch(/[/?#]/)
        expect(decodeURIComponent(path.slice('/handles/'.length))).toBe(id)
      }),
    )
  })

  it('no builder ever puts Authorization in the headers', () => {
    const requests = [
      postHandleRequest({}),
      queryHandlesRequest({}),
      getHandleRequest('x'),
      deleteHandleRequest('x'),
    ]
    for (const request of requests) expect(headerNames(request)).not.toContain('authorization')
  })
})
