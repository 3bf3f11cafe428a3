import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { CONTRACT_VERSION } from './limits'
import {
  AUTHORIZATION_HEADER,
  deleteHandleRequest,
  getHandleRequest,
  mpsdHeaders,
  postHandleRequest,
  queryHandlesRequest,
  RawJson,
  REDACTED_AUTHORIZATION,
  compactJsonText,
  prettyJsonText,
  serializeBody,
  type WireRequest,
} from './request-builder'

const fixtureText = (name: string) =>
  readFileSync(join(__dirname, '../testing/fixtures', name), 'utf8')
const fixture = (name: string): unknown => JSON.parse(fixtureText(name))

const XSAPI_SESSION_REF = {
  scid: 'MockScid',
  templateName: 'MockSessionTemplateName',
  name: 'XWIN_7ce12e85-594a-4b3b-9dc3-33b9a4ea57ce',
}

describe('serializeBody', () => {
  it('is compact JSON in the order built, as rapidjson writes it', () => {
    const body = { type: 'activity', sessionRef: XSAPI_SESSION_REF, version: 1 }
    expect(serializeBody(body)).toBe(
      '{"type":"activity","sessionRef":{"scid":"MockScid","templateName":"MockSessionTemplateName","name":"XWIN_7ce12e85-594a-4b3b-9dc3-33b9a4ea57ce"},"version":1}',
    )
    expect(serializeBody(body)).toBe(JSON.stringify(body))
  })

  it('has no trailing newline and keeps Unicode as-is', () => {
    expect(serializeBody({ context: 'é😀', quote: '"\\' })).toBe(
      '{"context":"é😀","quote":"\\"\\\\"}',
    )
  })

  it('leaves undefined members out and writes typed JSON text with its own digits', () => {
    const body = {
      a: undefined,
      constants: new RawJson('{\n  "big": 18446744073709551615,\n  "s": "a b  c"\n}'),
      list: [1, undefined],
    }
    expect(serializeBody(body)).toBe(
      '{"constants":{"big":18446744073709551615,"s":"a b  c"},"list":[1,null]}',
    )
  })

  it('matches JSON.stringify for any JSON value', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (value) => {
        expect(serializeBody(value)).toBe(JSON.stringify(value))
      }),
    )
  })
})

describe('compactJsonText', () => {
  it('removes the whitespace between tokens and none inside strings', () => {
    expect(compactJsonText('{ "a b" : [ 1 , "x\\" y" ] }\n')).toBe('{"a b":[1,"x\\" y"]}')
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
    const body = fixture('xsapi-head_send-invite-request.json')
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

describe('prettyJsonText', () => {
  it('lays out any JSON exactly as JSON.stringify(value, null, 2) does', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (value) => {
        expect(prettyJsonText(JSON.stringify(value))).toBe(JSON.stringify(value, null, 2))
      }),
    )
  })

  it('keeps the digits of a 64-bit number', () => {
    expect(prettyJsonText('{"n":18446744073709551615}')).toBe('{\n  "n": 18446744073709551615\n}')
  })
})
