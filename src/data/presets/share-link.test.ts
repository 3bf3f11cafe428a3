import { describe, expect, it } from 'vitest'
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { PRESET_DOCUMENT_TYPE, type SharedPreset } from '../../mpsd/preset'
import type { InviteRequest } from '../../mpsd/request-entity'
import {
  createShareLink,
  deflate,
  fromBase64Url,
  openSharePayload,
  SHARE_LINK_MAX_ENCODED,
  sharePayloadOf,
  toBase64Url,
} from './share-link'

const request: InviteRequest & { contractVersion: number } = {
  v: 1,
  kind: 'invite',
  sessionRef: {
    scid: 'bd6c41c3-01c3-468a-a3b5-3e0fe8133862',
    templateName: 'deathmatch',
    name: 'session-49',
  },
  invite: {
    invitedXuid: '2533274790000001',
    titleId: '1234',
    context: 'ctx',
    contextString: '',
    senderString: '',
  },
  contractVersion: 107,
}
const preset: SharedPreset = {
  name: 'Weekly invite',
  description: 'EU friends',
  tags: ['weekly'],
  request,
}

async function payloadFor(value: unknown): Promise<string> {
  return toBase64Url(await deflate(JSON.stringify(value)))
}

describe('share links', () => {
  it('round-trips a preset through the URL fragment, leaving out identity', async () => {
    const link = await createShareLink(
      { ...preset, id: 'local-id', createdAt: 1, updatedAt: 2 },
      'http://127.0.0.1:5173/presets',
      [],
    )
    expect(link.ok).toBe(true)
    if (!link.ok) return
    const url = new URL(link.url)
    expect(url.pathname).toBe('/presets')
    expect(url.search).toBe('')
    expect(url.hash).toMatch(/^#preset=[A-Za-z0-9_-]+$/)
    const opened = await openSharePayload(sharePayloadOf(url.hash)!)
    expect(opened).toEqual({ ok: true, preset })
    expect(link.url).not.toContain('local-id')
  })

  it('round-trips a Multiplayer Activity preset, 64-bit sequence number and all', async () => {
    const mpa: SharedPreset = {
      name: 'MPA lobby',
      description: '',
      tags: [],
      request: {
        v: 1,
        kind: 'mpaSetActivity',
        mpaTitle: { titleId: '1717113201' },
        mpaUser: { xuid: '2814679796296491', sequenceNumber: '18446744073709551615' },
        mpaJoin: { connectionString: 'srv=203.0.113.7:7777;lobby=7f3c', platform: '' },
        mpaActivity: {
          joinRestriction: 'Followed',
          maxPlayers: '8',
          currentPlayers: '',
          groupId: '',
        },
        contractVersion: 107,
      },
    }
    const link = await createShareLink(mpa, 'http://127.0.0.1:5173/presets', [])
    expect(link.ok).toBe(true)
    if (!link.ok) return
    expect(await openSharePayload(sharePayloadOf(new URL(link.url).hash)!)).toEqual({
      ok: true,
      preset: mpa,
    })
  })

  it('opens a link sent around before the request entity (document version 1)', async () => {
    const link = readFileSync(
      join(__dirname, '../../testing/fixtures/legacy/share-link-v1.txt'),
      'utf8',
    ).trim()
    const opened = await openSharePayload(sharePayloadOf(new URL(link).hash)!)
    expect(opened).toEqual({
      ok: true,
      preset: {
        name: 'Weekly invite',
        description: 'EU friends',
        tags: ['weekly', 'eu'],
        request: {
          v: 1,
          kind: 'invite',
          sessionRef: {
            scid: ' BD6C41C3-01C3-468A-A3B5-3E0FE8133862 ',
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
        },
      },
    })
  })

  it('base64url round-trips every byte value', () => {
    const bytes = Uint8Array.from({ length: 256 }, (_, i) => i)
    expect(fromBase64Url(toBase64Url(bytes))).toEqual(bytes)
    expect(fromBase64Url('a+b/')).toBeUndefined()
  })

  it('reads the payload only from a #preset= fragment', () => {
    expect(sharePayloadOf('#preset=abc')).toBe('abc')
    expect(sharePayloadOf('#other=1')).toBeUndefined()
    expect(sharePayloadOf('')).toBeUndefined()
  })

  it('refuses to make a link longer than the limit', async () => {
    // Random text does not compress, so this preset cannot fit.
    let seed = 42
    const noise = Array.from({ length: 2_000 }, () => {
      // xorshift32: enough entropy that deflate cannot shrink it.
      seed ^= seed << 13
      seed ^= seed >>> 17
      seed ^= seed << 5
      return String.fromCharCode(0x4e00 + ((seed >>> 0) % 20_000))
    }).join('')
    const big = {
      ...preset,
      description: noise,
      request: {
        ...request,
        sessionRef: { ...request.sessionRef, templateName: noise },
        invite: {
          ...request.invite,
          contextString: noise,
          senderString: noise.split('').reverse().join(''),
        },
      },
    }
    const result = await createShareLink(big, 'http://x/', [])
    expect(result.ok).toBe(false)
    if (!result.ok) expect(result.message).toMatch(/too large for a link.*Export presets/)
  })

  it.each<[string, () => Promise<string>, RegExp]>([
    ['not base64url', async () => 'not a payload!', /damaged/],
    [
      'not deflate data',
      async () => toBase64Url(new TextEncoder().encode('hello world, not compressed')),
      /damaged or cut short/,
    ],
    [
      'cut short',
      async () =>
        (await payloadFor({ type: PRESET_DOCUMENT_TYPE, version: 1, preset })).slice(0, 20),
      /damaged|cut short|not valid JSON/,
    ],
    ['too long', async () => 'A'.repeat(SHARE_LINK_MAX_ENCODED + 1), /too large/],
    [
      'a zip bomb',
      async () => toBase64Url(await deflate(' '.repeat(5_000_000))),
      /unpacks to over/,
    ],
    ['not JSON', async () => toBase64Url(await deflate('{nope')), /not valid JSON/],
    [
      'from a newer version',
      async () => payloadFor({ type: PRESET_DOCUMENT_TYPE, version: 9, preset }),
      /newer Handles Workbench.*version 9/,
    ],
    [
      'a preset with a bad field',
      async () =>
        payloadFor({ type: PRESET_DOCUMENT_TYPE, version: 1, preset: { ...preset, name: '' } }),
      /Preset name is required/,
    ],
    ['empty', async () => '', /damaged/],
  ])('gives a clear message for a link that is %s', async (_label, make, message) => {
    const opened = await openSharePayload(await make())
    expect(opened.ok).toBe(false)
    if (!opened.ok) expect(opened.problem.message).toMatch(message)
  })
})
