import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import type { z } from 'zod'
import {
  CONTEXT_MAX_ENCODED_LENGTH,
  MIN_CONTRACT_VERSION,
  NAME_MAX_LENGTH,
  QUERY_MAX_XUIDS,
  UINT32_MAX,
  UINT64_MAX,
} from './limits'
import {
  activityBodySchema,
  activityHandleSchema,
  contextSchema,
  contextStringSchema,
  contractVersionSchema,
  encodedLength,
  handleBodySchema,
  handlesQueryBodySchema,
  handlesQueryResponseSchema,
  inviteAttributesSchema,
  inviteBodySchema,
  inviteHandleSchema,
  isGuid,
  ownersSchema,
  scidSchema,
  senderStringSchema,
  sessionNameSchema,
  templateNameSchema,
  titleIdSchema,
  xuidSchema,
} from './schemas'

const fixture = (name: string): unknown =>
  JSON.parse(readFileSync(join(__dirname, '../testing/fixtures', name), 'utf8'))

const accepts = (schema: z.ZodType, value: unknown) => schema.safeParse(value).success

/** The messages of a failed parse, so tests can check the person at the form is told why. */
function messages(schema: z.ZodType, value: unknown): string[] {
  const result = schema.safeParse(value)
  return result.success ? [] : result.error.issues.map((i) => i.message)
}

const SCID_LOWER = 'bd6c41c3-01c3-468a-a3b5-3e0fe8133862'
const SCID_UPPER = 'B5B1F71F-A328-4371-89E0-C3AD222D0E92'

describe('limits', () => {
  it('match the numbers the spec gives', () => {
    expect(NAME_MAX_LENGTH).toBe(99)
    expect(CONTEXT_MAX_ENCODED_LENGTH).toBe(256)
    expect(MIN_CONTRACT_VERSION).toBe(104)
    expect(QUERY_MAX_XUIDS).toBe(100)
    expect(UINT32_MAX).toBe(2n ** 32n - 1n)
    expect(UINT64_MAX).toBe(2n ** 64n - 1n)
  })
})

describe('scidSchema', () => {
  it('accepts lower-, upper- and mixed-case GUIDs and keeps the case exactly as typed', () => {
    expect(scidSchema.parse(SCID_LOWER)).toBe(SCID_LOWER)
    expect(scidSchema.parse(SCID_UPPER)).toBe(SCID_UPPER)
    expect(scidSchema.parse('Bd6C41c3-01C3-468a-A3b5-3E0fe8133862')).toBe(
      'Bd6C41c3-01C3-468a-A3b5-3E0fe8133862',
    )
  })

  it('trims pasted spaces and newlines instead of rejecting them', () => {
    expect(scidSchema.parse(`  ${SCID_LOWER}\n`)).toBe(SCID_LOWER)
    expect(scidSchema.parse(`\t${SCID_UPPER} \r\n`)).toBe(SCID_UPPER)
  })

  it.each([
    ['braces', `{${SCID_LOWER}}`],
    ['no dashes', SCID_LOWER.replace(/-/g, '')],
    ['dashes in the wrong places', 'bd6c41c30-1c3-468a-a3b5-3e0fe8133862'],
    ['a non-hex letter', 'gd6c41c3-01c3-468a-a3b5-3e0fe8133862'],
    ['one digit short', SCID_LOWER.slice(1)],
    ['one digit long', `${SCID_LOWER}0`],
    ['text after it', `${SCID_LOWER} extra`],
    ['text before it', `scid:${SCID_LOWER}`],
    ['a newline inside', `${SCID_LOWER.slice(0, 8)}\n${SCID_LOWER.slice(8)}`],
    ['the XSAPI mock SCID', 'MockScid'],
    ['urn form', `urn:uuid:${SCID_LOWER}`],
    ['parentheses', `(${SCID_LOWER})`],
  ])('rejects %s', (_label, value) => {
    expect(accepts(scidSchema, value)).toBe(false)
    expect(messages(scidSchema, value)).toEqual([expect.stringContaining('SCID must be a GUID')])
  })

  it('says "required" for empty and whitespace-only input', () => {
    expect(messages(scidSchema, '')[0]).toBe('SCID is required')
    expect(messages(scidSchema, '   \n')[0]).toBe('SCID is required')
  })

  it('rejects non-strings', () => {
    expect(accepts(scidSchema, undefined)).toBe(false)
    expect(accepts(scidSchema, 123)).toBe(false)
  })

  it('isGuid agrees with the schema for every generated UUID and its upper-case form', () => {
    fc.assert(
      fc.property(fc.uuid(), (uuid) => {
        expect(isGuid(uuid)).toBe(true)
        expect(isGuid(uuid.toUpperCase())).toBe(true)
        expect(isGuid(`{${uuid}}`)).toBe(false)
        expect(isGuid(uuid.replace(/-/g, ''))).toBe(false)
        expect(scidSchema.parse(uuid.toUpperCase())).toBe(uuid.toUpperCase())
      }),
      { numRuns: 50 },
    )
  })
})

describe.each([
  ['templateNameSchema', templateNameSchema, 'Template name'],
  ['sessionNameSchema', sessionNameSchema, 'Session name'],
] as const)('%s', (_name, schema, label) => {
  it('accepts 1 and 99 characters, rejects 100', () => {
    expect(schema.parse('a')).toBe('a')
    expect(schema.parse('a'.repeat(99))).toBe('a'.repeat(99))
    expect(accepts(schema, 'a'.repeat(100))).toBe(false)
    expect(messages(schema, 'a'.repeat(100))).toEqual([`${label} must be at most 99 characters`])
  })

  it('rejects empty and whitespace-only names as required', () => {
    expect(messages(schema, '')).toEqual([`${label} is required`])
    expect(messages(schema, ' \t\n ')).toEqual([`${label} is required`])
  })

  it('trims before counting: 99 characters plus surrounding spaces is fine', () => {
    expect(schema.parse(`  ${'b'.repeat(99)}  `)).toBe('b'.repeat(99))
    expect(schema.parse(' XWIN_7ce12e85-594a-4b3b-9dc3-33b9a4ea57ce\n')).toBe(
      'XWIN_7ce12e85-594a-4b3b-9dc3-33b9a4ea57ce',
    )
  })

  it('keeps inner spaces', () => {
    expect(schema.parse('my session')).toBe('my session')
  })
})

describe('xuidSchema', () => {
  it.each(['1', '3210', '2814679796296491', '9007199254740993', '18446744073709551615'])(
    'accepts %s',
    (v) => {
      expect(xuidSchema.parse(v)).toBe(v)
    },
  )

  it('accepts the uint64 maximum and rejects one more', () => {
    expect(accepts(xuidSchema, UINT64_MAX.toString())).toBe(true)
    expect(accepts(xuidSchema, (UINT64_MAX + 1n).toString())).toBe(false)
    expect(accepts(xuidSchema, '99999999999999999999')).toBe(false)
    expect(accepts(xuidSchema, '100000000000000000000')).toBe(false)
  })

  it.each([
    ['zero', '0'],
    ['leading zero', '01'],
    ['leading zeros on a valid value', '0003210'],
    ['many leading zeros on the maximum', `0${UINT64_MAX}`],
    ['negative', '-1'],
    ['plus sign', '+1'],
    ['hex', '0x1F'],
    ['hex without prefix', 'ff'],
    ['decimal point', '1.0'],
    ['decimal fraction', '3210.5'],
    ['exponent', '1e3'],
    ['inner space', '32 10'],
    ['thousands separator', '3,210'],
    ['underscore separator', '3_210'],
    ['Arabic-Indic digits', '\u0661\u0662\u0663'],
    ['full-width digits', '\uff11\uff12\uff13'],
    ['text', 'abc'],
  ])('rejects %s (%s)', (_label, value) => {
    expect(messages(xuidSchema, value)).toEqual([
      expect.stringContaining('XUID must be a decimal number'),
    ])
  })

  it('says "required" first for empty input', () => {
    // zod keeps checking after min(1), so the format message follows; the first one is what matters.
    expect(messages(xuidSchema, '')[0]).toBe('XUID is required')
    expect(messages(xuidSchema, '  ')[0]).toBe('XUID is required')
  })

  it('rejects a JSON number: XUIDs are strings on the wire', () => {
    expect(accepts(xuidSchema, 3210)).toBe(false)
  })

  it('trims surrounding whitespace', () => {
    expect(xuidSchema.parse(' 2814679796296491\n')).toBe('2814679796296491')
  })

  it('accepts exactly the canonical decimal form of every value in 1..2^64-1', () => {
    fc.assert(
      fc.property(fc.bigInt({ min: 1n, max: UINT64_MAX }), (n) => {
        expect(xuidSchema.parse(n.toString())).toBe(n.toString())
        expect(accepts(xuidSchema, `0${n}`)).toBe(false)
        expect(accepts(xuidSchema, `-${n}`)).toBe(false)
        expect(accepts(xuidSchema, `0x${n.toString(16)}`)).toBe(false)
      }),
      { numRuns: 200 },
    )
    fc.assert(
      fc.property(fc.bigInt({ min: UINT64_MAX + 1n, max: 10n ** 30n }), (n) => {
        expect(accepts(xuidSchema, n.toString())).toBe(false)
      }),
      { numRuns: 100 },
    )
  })
})

describe('titleIdSchema', () => {
  it('accepts 0, 1234 and the uint32 maximum; rejects one more', () => {
    expect(titleIdSchema.parse('0')).toBe('0')
    expect(titleIdSchema.parse('1234')).toBe('1234')
    expect(titleIdSchema.parse('4294967295')).toBe('4294967295')
    expect(messages(titleIdSchema, '4294967296')).toEqual([
      'Title ID must be a decimal number from 0 to 4294967295',
    ])
    expect(accepts(titleIdSchema, '18446744073709551615')).toBe(false)
  })

  it.each(['01', '-1', '+1', '0x4D2', '1234.0', '1e3', 'abc', '12 34'])('rejects %s', (v) => {
    expect(accepts(titleIdSchema, v)).toBe(false)
  })

  it('requires a value and trims', () => {
    expect(messages(titleIdSchema, '')[0]).toBe('Title ID is required')
    expect(titleIdSchema.parse(' 1018096776 ')).toBe('1018096776')
  })

  it('rejects a JSON number: titleId is a decimal string on the wire', () => {
    expect(accepts(titleIdSchema, 1234)).toBe(false)
  })
})

describe('contextSchema', () => {
  it('accepts 256 encoded characters and rejects 257', () => {
    expect(contextSchema.parse('a'.repeat(256))).toBe('a'.repeat(256))
    expect(messages(contextSchema, 'a'.repeat(257))).toEqual([
      'Context is 257 characters once URI-encoded; the limit is 256',
    ])
  })

  it('counts multi-byte characters as their encoded length', () => {
    expect(encodedLength('é')).toBe(6) // %C3%A9
    expect(encodedLength('€')).toBe(9) // %E2%82%AC
    expect(encodedLength('😀')).toBe(12) // %F0%9F%98%80
    expect(encodedLength(' ')).toBe(3)
    // 42 × 'é' = 252, + 4 ASCII = 256: fine. One more ASCII character: 257.
    expect(accepts(contextSchema, `${'é'.repeat(42)}abcd`)).toBe(true)
    expect(accepts(contextSchema, `${'é'.repeat(42)}abcde`)).toBe(false)
    // 43 × 'é' is only 43 characters typed but 258 encoded.
    expect(messages(contextSchema, 'é'.repeat(43))).toEqual([
      expect.stringContaining('258 characters once URI-encoded'),
    ])
    // Emoji: 21 × 12 = 252 + 4 = 256.
    expect(accepts(contextSchema, `${'😀'.repeat(21)}abcd`)).toBe(true)
    expect(accepts(contextSchema, `${'😀'.repeat(21)}abcde`)).toBe(false)
    // Reserved ASCII characters encode to 3 each.
    expect(accepts(contextSchema, '&'.repeat(85) + 'a')).toBe(true) // 255 + 1
    expect(accepts(contextSchema, '&'.repeat(86))).toBe(false) // 258
  })

  it('rejects a lone surrogate, which can never be URI-encoded', () => {
    expect(encodedLength('a\ud800b')).toBeUndefined()
    expect(messages(contextSchema, 'a\ud800b')).toEqual([
      expect.stringContaining('cannot be URI-encoded'),
    ])
  })

  it('keeps the context verbatim (no trimming: it is a title-defined token)', () => {
    expect(contextSchema.parse('  spaced  ')).toBe('  spaced  ')
    expect(contextSchema.parse('')).toBe('')
  })

  it('agrees with encodeURIComponent for any well-formed string', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', maxLength: 120 }), (s) => {
        const length = encodeURIComponent(s).length
        expect(encodedLength(s)).toBe(length)
        expect(accepts(contextSchema, s)).toBe(length <= 256)
      }),
      { numRuns: 200 },
    )
  })
})

describe('contextStringSchema and senderStringSchema', () => {
  it('requires the /// prefix', () => {
    expect(contextStringSchema.parse('///MyInviteString')).toBe('///MyInviteString')
    expect(contextStringSchema.parse('///')).toBe('///')
    for (const bad of ['MyInviteString', '//MyInviteString', '/ //x', 'x///y', '\\\\\\x']) {
      expect(messages(contextStringSchema, bad)).toEqual([
        expect.stringContaining('must start with ///'),
      ])
    }
  })

  it('trims before checking the prefix', () => {
    expect(contextStringSchema.parse('  ///MyInviteString \n')).toBe('///MyInviteString')
  })

  it('rejects an empty context string when one is given (the builder omits empty ones instead)', () => {
    expect(accepts(contextStringSchema, '')).toBe(false)
    expect(accepts(contextStringSchema, '   ')).toBe(false)
  })

  it('senderString is free text, trimmed', () => {
    expect(senderStringSchema.parse('  Contoso service ')).toBe('Contoso service')
    expect(senderStringSchema.parse('')).toBe('')
  })
})

describe('contractVersionSchema', () => {
  it('accepts 104 and later, as numbers or numeric strings', () => {
    expect(contractVersionSchema.parse(104)).toBe(104)
    expect(contractVersionSchema.parse(107)).toBe(107)
    expect(contractVersionSchema.parse('107')).toBe(107)
    expect(contractVersionSchema.parse(' 105 ')).toBe(105)
  })

  it('rejects 103, fractions and non-numbers', () => {
    expect(messages(contractVersionSchema, 103)).toEqual(['Contract version must be 104 or later'])
    expect(messages(contractVersionSchema, '103')).toEqual([
      'Contract version must be 104 or later',
    ])
    expect(messages(contractVersionSchema, 104.5)).toEqual([
      'Contract version must be a whole number',
    ])
    expect(accepts(contractVersionSchema, 'abc')).toBe(false)
    expect(accepts(contractVersionSchema, '')).toBe(false)
    expect(accepts(contractVersionSchema, -107)).toBe(false)
  })

  it('refuses above 9999, as the request entity does', () => {
    expect(contractVersionSchema.parse(9999)).toBe(9999)
    expect(messages(contractVersionSchema, 10000)).toEqual([
      'Contract version must be at most 9999',
    ])
  })
})

const sessionRef = { scid: SCID_LOWER, templateName: 'deathmatch', name: 'session-49' }

describe('activityBodySchema', () => {
  it('accepts a full body and one without a session name (MPSD fills in a GUID)', () => {
    expect(activityBodySchema.parse({ type: 'activity', sessionRef, version: 1 })).toEqual({
      type: 'activity',
      sessionRef,
      version: 1,
    })
    const { name: _omit, ...withoutName } = sessionRef
    expect(
      activityBodySchema.parse({ type: 'activity', sessionRef: withoutName, version: 1 }),
    ).toEqual({
      type: 'activity',
      sessionRef: withoutName,
      version: 1,
    })
  })

  it('absent name is fine, an empty name is not (the builder omits empty ones)', () => {
    expect(
      accepts(activityBodySchema, {
        type: 'activity',
        sessionRef: { ...sessionRef, name: '' },
        version: 1,
      }),
    ).toBe(false)
  })

  it('requires version 1 and a valid SCID and template', () => {
    expect(accepts(activityBodySchema, { type: 'activity', sessionRef, version: 2 })).toBe(false)
    expect(accepts(activityBodySchema, { type: 'activity', sessionRef })).toBe(false)
    expect(
      accepts(activityBodySchema, {
        type: 'activity',
        sessionRef: { ...sessionRef, scid: 'MockScid' },
        version: 1,
      }),
    ).toBe(false)
    expect(
      accepts(activityBodySchema, {
        type: 'activity',
        sessionRef: { ...sessionRef, templateName: '' },
        version: 1,
      }),
    ).toBe(false)
  })

  it('trims the session reference', () => {
    const parsed = activityBodySchema.parse({
      type: 'activity',
      sessionRef: { scid: ` ${SCID_UPPER} `, templateName: ' party\n', name: '\tx ' },
      version: 1,
    })
    expect(parsed.sessionRef).toEqual({ scid: SCID_UPPER, templateName: 'party', name: 'x' })
  })

  it('rejects the XSAPI fixture because its SCID is a mock, and accepts it once the SCID is real', () => {
    const body = fixture('xsapi-head_set-activity-request.json') as { sessionRef: object }
    expect(accepts(activityBodySchema, body)).toBe(false)
    expect(
      accepts(activityBodySchema, {
        ...body,
        sessionRef: { ...body.sessionRef, scid: SCID_LOWER },
      }),
    ).toBe(true)
  })
})

describe('inviteBodySchema', () => {
  const invite = {
    type: 'invite',
    sessionRef,
    version: 1,
    invitedXuid: '5678',
    inviteAttributes: { titleId: '1018096776' },
  }

  it('accepts a minimal invite and one with every attribute', () => {
    expect(inviteBodySchema.parse(invite)).toEqual(invite)
    const full = {
      ...invite,
      inviteAttributes: {
        titleId: '1018096776',
        contextString: '///MyInviteString',
        context: 'custom activation ctx',
        senderString: 'Contoso',
      },
    }
    expect(inviteBodySchema.parse(full)).toEqual(full)
  })

  it('requires the session name, XUID and titleId', () => {
    const { name: _omit, ...withoutName } = sessionRef
    expect(accepts(inviteBodySchema, { ...invite, sessionRef: withoutName })).toBe(false)
    const { invitedXuid: _x, ...withoutXuid } = invite
    expect(accepts(inviteBodySchema, withoutXuid)).toBe(false)
    expect(accepts(inviteBodySchema, { ...invite, invitedXuid: '' })).toBe(false)
    expect(accepts(inviteBodySchema, { ...invite, inviteAttributes: {} })).toBe(false)
    expect(accepts(inviteBodySchema, { ...invite, inviteAttributes: { titleId: 1234 } })).toBe(
      false,
    )
  })

  it('treats absent optional attributes as fine, and validates them when present', () => {
    expect(inviteAttributesSchema.parse({ titleId: '1' })).toEqual({ titleId: '1' })
    expect(inviteAttributesSchema.parse({ titleId: '1', context: '' })).toEqual({
      titleId: '1',
      context: '',
    })
    expect(inviteAttributesSchema.parse({ titleId: '1', senderString: '' })).toEqual({
      titleId: '1',
      senderString: '',
    })
    expect(accepts(inviteAttributesSchema, { titleId: '1', contextString: '' })).toBe(false)
    expect(accepts(inviteAttributesSchema, { titleId: '1', contextString: 'NoPrefix' })).toBe(false)
    expect(accepts(inviteAttributesSchema, { titleId: '1', context: 'x'.repeat(257) })).toBe(false)
    // Explicit undefined is the same as absent.
    expect(inviteAttributesSchema.parse({ titleId: '1', contextString: undefined })).toEqual({
      titleId: '1',
    })
  })

  it('rejects the XSAPI fixture (mock SCID, empty XUID) and accepts it once both are filled in', () => {
    const body = fixture('xsapi-head_send-invite-request.json') as { sessionRef: object }
    const issues = inviteBodySchema.safeParse(body).error?.issues.map((i) => i.path.join('.'))
    expect(new Set(issues)).toEqual(new Set(['sessionRef.scid', 'invitedXuid']))
    expect(
      accepts(inviteBodySchema, {
        ...body,
        sessionRef: { ...body.sessionRef, scid: SCID_LOWER },
        invitedXuid: '3210',
      }),
    ).toBe(true)
  })
})

describe('handleBodySchema (discriminated on type)', () => {
  it('routes each body to its own rules', () => {
    expect(handleBodySchema.parse({ type: 'activity', sessionRef, version: 1 }).type).toBe(
      'activity',
    )
    const invite = handleBodySchema.parse({
      type: 'invite',
      sessionRef,
      version: 1,
      invitedXuid: '5678',
      inviteAttributes: { titleId: '1' },
    })
    expect(invite).toMatchObject({ type: 'invite', invitedXuid: '5678' })
  })

  it('applies the invite rules to an invite: a nameless sessionRef passes as activity only', () => {
    const { name: _omit, ...withoutName } = sessionRef
    expect(
      accepts(handleBodySchema, { type: 'activity', sessionRef: withoutName, version: 1 }),
    ).toBe(true)
    expect(
      accepts(handleBodySchema, {
        type: 'invite',
        sessionRef: withoutName,
        version: 1,
        invitedXuid: '5678',
        inviteAttributes: { titleId: '1' },
      }),
    ).toBe(false)
  })

  it('an invite without invite fields is not silently taken as an activity', () => {
    expect(accepts(handleBodySchema, { type: 'invite', sessionRef, version: 1 })).toBe(false)
  })

  it('drops invite-only fields from an activity body rather than sending them', () => {
    const parsed = handleBodySchema.parse({
      type: 'activity',
      sessionRef,
      version: 1,
      invitedXuid: '5678',
    })
    expect(parsed).toEqual({ type: 'activity', sessionRef, version: 1 })
  })

  it('rejects unknown and missing types', () => {
    expect(accepts(handleBodySchema, { type: 'transfer', sessionRef, version: 1 })).toBe(false)
    expect(accepts(handleBodySchema, { type: 'search', sessionRef, version: 1 })).toBe(false)
    expect(accepts(handleBodySchema, { sessionRef, version: 1 })).toBe(false)
    expect(accepts(handleBodySchema, { type: 'Activity', sessionRef, version: 1 })).toBe(false)
  })
})

describe('ownersSchema and handlesQueryBodySchema', () => {
  const people = { moniker: 'friends', monikerXuid: '1234' }

  it('accepts exactly one of xuids or people', () => {
    expect(ownersSchema.parse({ xuids: ['1234'] })).toEqual({ xuids: ['1234'] })
    expect(ownersSchema.parse({ people })).toEqual({ people })
  })

  it('rejects both and neither with the same message', () => {
    expect(messages(ownersSchema, { xuids: ['1234'], people })).toEqual([
      'Give exactly one of owners.xuids or owners.people',
    ])
    expect(messages(ownersSchema, {})).toEqual([
      'Give exactly one of owners.xuids or owners.people',
    ])
    expect(messages(ownersSchema, { xuids: undefined, people: undefined })).toEqual([
      'Give exactly one of owners.xuids or owners.people',
    ])
  })

  it('bounds the XUID list to 1..100 valid XUIDs', () => {
    expect(messages(ownersSchema, { xuids: [] })).toContain('List at least one XUID')
    const hundred = Array.from({ length: 100 }, (_, i) => String(i + 1))
    expect(accepts(ownersSchema, { xuids: hundred })).toBe(true)
    expect(messages(ownersSchema, { xuids: [...hundred, '101'] })).toContain(
      'At most 100 XUIDs per query',
    )
    expect(accepts(ownersSchema, { xuids: ['1234', '0'] })).toBe(false)
    expect(ownersSchema.parse({ xuids: [' 1234 '] })).toEqual({ xuids: ['1234'] })
  })

  it('requires a moniker and a valid monikerXuid', () => {
    expect(accepts(ownersSchema, { people: { moniker: '', monikerXuid: '1234' } })).toBe(false)
    expect(accepts(ownersSchema, { people: { moniker: 'friends', monikerXuid: '-1' } })).toBe(false)
    expect(accepts(ownersSchema, { people: { moniker: 'friends' } })).toBe(false)
  })

  it('accepts the XSAPI query fixtures once their mock SCID is real', () => {
    for (const name of [
      'xsapi-head_handles-query-activities-by-xuids-request.json',
      'xsapi-head_handles-query-activities-by-social-group-request.json',
    ]) {
      const body = fixture(name) as object
      expect(accepts(handlesQueryBodySchema, body)).toBe(false)
      expect(accepts(handlesQueryBodySchema, { ...body, scid: SCID_UPPER })).toBe(true)
    }
  })

  it('rejects a query with type other than activity', () => {
    expect(
      accepts(handlesQueryBodySchema, {
        type: 'search',
        scid: SCID_LOWER,
        owners: { xuids: ['1'] },
      }),
    ).toBe(false)
  })
})

describe('response schemas (lenient)', () => {
  it('accept the XSAPI invite response, keeping unknown fields', () => {
    const response = fixture('xsapi-head_send-invite-response.json')
    const parsed = inviteHandleSchema.parse(response)
    expect(parsed).toEqual(response)
    expect(parsed.senderXuid).toBe('2814679796296491')
  })

  it('accept the XSAPI activity query response and every result in it', () => {
    const response = fixture('xsapi-head_handles-query-activities-by-xuids-response.json')
    const parsed = handlesQueryResponseSchema.parse(response)
    expect(parsed).toEqual(response)
    for (const result of parsed.results) {
      const handle = activityHandleSchema.parse(result)
      expect(handle.customProperties).toEqual({
        Joinability: 'joinable_by_friends',
        GameMode: 'Team Assault',
        Map: 'Helmand Valley',
      })
    }
  })

  it('accept the empty and the search query responses', () => {
    for (const name of [
      'xsapi-head_handles-query-activities-by-social-group-response.json',
      'xsapi-head_handles-query-search-response.json',
    ]) {
      const response = fixture(name)
      expect(handlesQueryResponseSchema.parse(response)).toEqual(response)
    }
  })

  it('still reject responses of the wrong type', () => {
    const response = fixture('xsapi-head_send-invite-response.json') as object
    expect(accepts(inviteHandleSchema, { ...response, type: 'activity' })).toBe(false)
    expect(accepts(handlesQueryResponseSchema, {})).toBe(false)
  })
})
