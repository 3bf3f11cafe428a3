import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { parsePastedJson } from './paste-json'
import { PASTE_MAX_LENGTH } from './paste-read'
import { pastedFields, type PasteResult } from './paste-result'

/** What the form is set to: the fields the paste said, or nothing when it was refused. */
const filled = (result: PasteResult) => (result.ok ? pastedFields(result) : undefined)

const fixture = (name: string) => readFileSync(join(__dirname, '../testing/fixtures', name), 'utf8')

describe('parsePastedJson', () => {
  it('reads the docs invite sample despite comments, trailing commas, the missing quote and placeholders', () => {
    const result = parsePastedJson(fixture('docs_handles-post-send-invite-request.json'))
    expect(result.ok).toBe(true)
    if (!result.ok) return
    expect(filled(result)).toEqual({
      kind: 'invite',
      scid: 'bd6c41c3-01c3-468a-a3b5-3e0fe8133862',
      templateName: 'deathmatch',
      sessionName: 'session-49',
      invitedXuid: '3210',
      titleId: '',
      context: '',
      contextString: '',
      senderString: '',
    })
    expect(result.placeholders).toEqual([
      'inviteAttributes.titleId',
      'inviteAttributes.context',
      'inviteAttributes.contextString',
      'inviteAttributes.senderString',
    ])
    expect(result.unmapped).toEqual([
      { path: 'id', reason: 'MPSD assigns handle ids; a request never sends one' },
    ])
    expect(result.repaired).toBe(true)
  })

  it('reads the docs activity sample with its comment and trailing commas', () => {
    const result = parsePastedJson(fixture('docs_handles-post-set-activity-request.json'))
    expect(result).toMatchObject({ ok: true, unmapped: [] })
    expect(filled(result)).toEqual({
      kind: 'activity',
      scid: 'bd6c41c3-01c3-468a-a3b5-3e0fe8133862',
      templateName: 'deathmatch',
      sessionName: 'session-49',
    })
  })

  it('fills the session reference from a bare session reference sample', () => {
    const result = parsePastedJson(fixture('docs_multiplayersessionreference-sample.json'))
    expect(result.ok).toBe(true)
    // Only the session fields: the kind and the invite fields stay as the form has them.
    expect(filled(result)).toEqual({
      scid: '8d050174-412b-4d51-a29b-d55a34edfdb7',
      templateName: 'integration',
      sessionName: '19de0095d8bb41048f19edbbb6bc6b04',
    })
  })

  it('reads the strict XSAPI fixtures without calling them repaired', () => {
    const result = parsePastedJson(fixture('xsapi-head_send-invite-request.json'))
    expect(result).toMatchObject({ ok: true, repaired: false })
    expect(filled(result)).toMatchObject({
      kind: 'invite',
      scid: 'MockScid',
      titleId: '1234',
      invitedXuid: '',
    })
  })

  it('lists what a query body has that the form cannot hold instead of dropping it', () => {
    const result = parsePastedJson(fixture('docs_handles-query-request-favorites.json'))
    expect(result.ok).toBe(true)
    if (!result.ok) return
    expect(filled(result)).toEqual({ kind: 'activity' })
    expect(result.unmapped.map((n) => n.path)).toEqual(['scid', 'owners'])
  })

  it('keeps XUIDs beyond 2^53 exact when pasted as bare numbers', () => {
    const result = parsePastedJson('{"type":"invite","invitedXuid":18446744073709551615}')
    expect(filled(result)).toMatchObject({ invitedXuid: '18446744073709551615' })
  })

  it('lists invite attributes pasted with an activity instead of keeping what would never be sent', () => {
    const result = parsePastedJson(
      '{"type":"activity","sessionRef":{"scid":"s"},"invitedXuid":"1","inviteAttributes":{"titleId":"{t}"}}',
    )
    expect(filled(result)).toEqual({ kind: 'activity', scid: 's' })
    expect(result.ok && result.unmapped).toEqual([
      { path: 'invitedXuid', reason: 'not part of a body of type "activity"' },
      { path: 'inviteAttributes.titleId', reason: 'not part of a body of type "activity"' },
    ])
  })

  it('explains empty, non-object, oversized and unreadable input', () => {
    expect(parsePastedJson('   ')).toEqual({
      ok: false,
      error: 'Nothing to paste: the box is empty.',
    })
    expect(parsePastedJson('[1,2]')).toMatchObject({
      ok: false,
      error: expect.stringContaining('JSON object'),
    })
    expect(parsePastedJson('x'.repeat(PASTE_MAX_LENGTH + 1))).toMatchObject({
      ok: false,
      error: expect.stringContaining('at most'),
    })
    expect(parsePastedJson('{"unrelated": true}')).toMatchObject({
      ok: false,
      error: expect.stringContaining('Nothing in this JSON'),
    })
  })

  it('never throws, whatever is pasted', () => {
    fc.assert(
      fc.property(
        fc.oneof(
          fc.string(),
          fc.json(),
          fc.jsonValue().map((v) => JSON.stringify(v)?.slice(0, 40) ?? ''),
        ),
        (text) => {
          const result = parsePastedJson(text)
          expect(typeof result.ok).toBe('boolean')
          if (!result.ok) expect(result.error.length).toBeGreaterThan(0)
        },
      ),
      { numRuns: 500 },
    )
  })
})
