// Abuse suite for the paste box: whatever a developer pastes (half a docs sample, a sample with a
// stray character, a whole log file), parsePastedJson must answer with a result the form can show,
// never throw (a throw would blank the compose view), and never hand the form a non-text value.
// paste-json.test.ts covers the documented samples one by one; this file hammers them with mutations.
import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { parsePastedJson } from './paste-json'
import { isPlaceholderValue, PASTE_MAX_LENGTH } from './paste-read'
import { pastedFields, type PasteResult } from './paste-result'
import { REQUEST_FIELD_NAMES } from './request-fields'
import { KIND_SERVICE, REQUEST_KINDS } from './request-kinds'

const FIXTURES = join(__dirname, '../testing/fixtures')
// Every docs sample, read from disk so that a newly added sample is fuzzed too.
const DOCS_SAMPLES = readdirSync(FIXTURES)
  .filter((name) => name.startsWith('docs_') && name.endsWith('.json'))
  .sort()
  .map((name) => ({ name, text: readFileSync(join(FIXTURES, name), 'utf8') }))

// Every field of the form: MPSD's and, for Multiplayer Activity bodies, MPA's.
const FIELD_NAMES: string[] = ['kind', ...REQUEST_FIELD_NAMES]
/** The kinds a pasted body can be: a handle's type, or the MPA call its members say. */
const PASTED_KINDS: string[] = [
  'activity',
  'invite',
  'transfer',
  'search',
  ...REQUEST_KINDS.filter((kind) => KIND_SERVICE[kind] === 'mpa'),
]

/** The contract the paste box relies on; returns the result so callers can assert more. */
function expectUsableResult(text: string): PasteResult {
  let result: PasteResult | undefined
  expect(
    () => {
      result = parsePastedJson(text)
    },
    `threw for ${JSON.stringify(text.slice(0, 200))}`,
  ).not.toThrow()
  if (!result) throw new Error('unreachable: parsePastedJson returned nothing')
  const label = JSON.stringify(text.slice(0, 200))
  if (!result.ok) {
    // The paste box shows this message verbatim: it must say something.
    expect(typeof result.error, label).toBe('string')
    expect(result.error.trim().length, label).toBeGreaterThan(0)
    return result
  }
  // The form's inputs are text inputs: anything but a string would render "[object Object]" or crash.
  const fields = pastedFields(result)
  const entries = Object.entries(fields)
  expect(entries.length, label).toBeGreaterThan(0)
  for (const [key, value] of entries) {
    expect(FIELD_NAMES, label).toContain(key)
    expect(typeof value, `${label} field ${key}`).toBe('string')
  }
  if (fields.kind !== undefined) expect(PASTED_KINDS, label).toContain(fields.kind)
  expect(Array.isArray(result.unmapped), label).toBe(true)
  for (const note of result.unmapped) {
    // Each unmapped key is listed with where and why, so nothing is dropped silently. (The path may
    // be empty: a truncated sample repairs to `"": null`, and that key really is the empty string.)
    expect(typeof note.path, label).toBe('string')
    expect(typeof note.reason, label).toBe('string')
    expect(note.reason.length, label).toBeGreaterThan(0)
  }
  expect(Array.isArray(result.placeholders), label).toBe(true)
  for (const path of result.placeholders) expect(typeof path, label).toBe('string')
  expect(typeof result.repaired, label).toBe('boolean')
  return result
}

type Mutation =
  | { kind: 'truncate'; at: number }
  | { kind: 'insert'; at: number; junk: string }
  | { kind: 'deleteQuote'; nth: number }
  | { kind: 'deleteAllQuotes' }
  | { kind: 'deleteChar'; at: number }
  | { kind: 'duplicate'; at: number; length: number }

// Junk a paste picks up in practice: stray quotes and brackets, smart quotes from a chat client,
// a BOM, zero-width and NUL characters, a lone surrogate, a placeholder fragment.
const JUNK = fc.oneof(
  fc.constantFrom(
    '"',
    "'",
    '{',
    '}',
    '[',
    ']',
    ',',
    ':',
    '//',
    '/*',
    '*/',
    '\\',
    '\u201c',
    '\u201d',
    '\ufeff',
    '\u200b',
    '\u0000',
    '\ud800',
    '{x}',
    '\n',
    'NaN',
    '-',
  ),
  fc.string({ maxLength: 4, unit: 'binary' }),
)

const MUTATION: fc.Arbitrary<Mutation> = fc.oneof(
  fc.record({ kind: fc.constant('truncate' as const), at: fc.nat() }),
  fc.record({ kind: fc.constant('insert' as const), at: fc.nat(), junk: JUNK }),
  fc.record({ kind: fc.constant('deleteQuote' as const), nth: fc.nat() }),
  fc.record({ kind: fc.constant('deleteAllQuotes' as const) }),
  fc.record({ kind: fc.constant('deleteChar' as const), at: fc.nat() }),
  fc.record({
    kind: fc.constant('duplicate' as const),
    at: fc.nat(),
    length: fc.integer({ min: 1, max: 30 }),
  }),
)

function mutate(text: string, mutation: Mutation): string {
  // Positions are taken modulo the current length so that every generated mutation applies.
  const pos = (at: number) => (text.length === 0 ? 0 : at % (text.length + 1))
  switch (mutation.kind) {
    case 'truncate':
      return text.slice(0, pos(mutation.at))
    case 'insert':
      return text.slice(0, pos(mutation.at)) + mutation.junk + text.slice(pos(mutation.at))
    case 'deleteQuote': {
      const quotes = [...text.matchAll(/"/g)].map((m) => m.index)
      if (quotes.length === 0) return text
      const index = quotes[mutation.nth % quotes.length] ?? 0
      return text.slice(0, index) + text.slice(index + 1)
    }
    case 'deleteAllQuotes':
      return text.replaceAll('"', '')
    case 'deleteChar':
      return text.slice(0, pos(mutation.at)) + text.slice(pos(mutation.at) + 1)
    case 'duplicate': {
      const start = pos(mutation.at)
      return text.slice(0, start) + text.slice(start, start + mutation.length) + text.slice(start)
    }
  }
}

const MUTATED_SAMPLE = fc
  .tuple(fc.constantFrom(...DOCS_SAMPLES), fc.array(MUTATION, { minLength: 1, maxLength: 4 }))
  .map(([sample, mutations]) => mutations.reduce(mutate, sample.text))

describe('parsePastedJson under fuzzing', () => {
  it('has docs samples to mutate', () => {
    // Guards the generators below: with no samples, constantFrom would throw and hide the fuzzing.
    expect(DOCS_SAMPLES.length).toBeGreaterThanOrEqual(5)
  })

  it('never throws on mutated docs samples (truncated, junk inserted, quotes deleted) and always answers usably', () => {
    fc.assert(
      fc.property(MUTATED_SAMPLE, (text) => {
        expectUsableResult(text)
      }),
      { numRuns: 1_000 },
    )
  })

  it('never throws on arbitrary strings, JSON texts and binary-ish input', () => {
    fc.assert(
      fc.property(
        fc.oneof(
          fc.string({ maxLength: 200 }),
          fc.string({ maxLength: 200, unit: 'binary' }),
          fc.json({ maxDepth: 4 }),
          // JSON objects shaped like handle bodies, with arbitrary values where the form expects text.
          fc
            .record(
              {
                type: fc.oneof(fc.constantFrom('invite', 'activity', 'party'), fc.jsonValue()),
                sessionRef: fc.oneof(
                  fc.record(
                    { scid: fc.jsonValue(), templateName: fc.jsonValue(), name: fc.jsonValue() },
                    { requiredKeys: [] },
                  ),
                  fc.jsonValue(),
                ),
                invitedXuid: fc.jsonValue(),
                inviteAttributes: fc.oneof(
                  fc.dictionary(fc.string({ maxLength: 12 }), fc.jsonValue()),
                  fc.jsonValue(),
                ),
                version: fc.jsonValue(),
              },
              { requiredKeys: [] },
            )
            .map((body) => JSON.stringify(body)),
          // Multiplayer Activity bodies (mpa.md §2), with arbitrary values in every member.
          fc
            .record(
              {
                sequenceNumber: fc.jsonValue(),
                connectionString: fc.jsonValue(),
                joinRestriction: fc.jsonValue(),
                maxPlayers: fc.jsonValue(),
                invitedUsers: fc.oneof(fc.array(fc.jsonValue()), fc.jsonValue()),
                users: fc.oneof(fc.array(fc.string()), fc.jsonValue()),
                recentPlayers: fc.oneof(
                  fc.array(fc.dictionary(fc.string({ maxLength: 12 }), fc.jsonValue())),
                  fc.jsonValue(),
                ),
                platform: fc.jsonValue(),
              },
              { requiredKeys: [] },
            )
            .map((body) => JSON.stringify(body)),
        ),
        (text) => {
          expectUsableResult(text)
        },
      ),
      { numRuns: 1_000 },
    )
  })

  it('survives pathological shapes: deep nesting, huge numbers, many keys, unterminated strings', () => {
    const cases = [
      '['.repeat(10_000),
      `${'{"a":'.repeat(5_000)}1${'}'.repeat(5_000)}`,
      `{"type":"invite","sessionRef":${'['.repeat(3_000)}`,
      `{"type":"invite","invitedXuid":${'9'.repeat(5_000)}}`,
      '{"type":"invite","invitedXuid":1e999999}',
      `{${Array.from({ length: 5_000 }, (_, i) => `"k${i}":${i}`).join(',')},"invitedXuid":"1"}`,
      '{"type":"invite","invitedXuid":"unterminated',
      '{"sessionRef":{"scid":{scid},"templateName":{',
      '{"__proto__":{"polluted":"yes"},"constructor":{"prototype":{"x":1}},"invitedXuid":"1"}',
    ]
    for (const text of cases) expectUsableResult(text)
    // A hostile __proto__ key must not leak onto every object in the page.
    expect(({} as Record<string, unknown>).polluted).toBeUndefined()
  })

  it('returns exactly the values of a strict JSON body, whatever text they hold', () => {
    // A user copying a body out of a log or a previous request gets it back as is: text that happens
    // to look like a docs placeholder (": {name}") or a broken key ('"id: "') inside a value is data.
    // Only a value that is a placeholder as a whole ("{scid}", "<scid>") stands for one to fill.
    const value = fc.string({ maxLength: 40 }).filter((text) => !isPlaceholderValue(text))
    fc.assert(
      fc.property(
        fc.record({
          scid: value,
          templateName: value,
          name: value,
          invitedXuid: value,
          titleId: value,
          senderString: value,
          contextString: value,
        }),
        fc.constantFrom<typeof JSON.stringify>(JSON.stringify, (v: unknown) =>
          JSON.stringify(v, null, 2),
        ),
        (v, stringify) => {
          const text = stringify({
            type: 'invite',
            sessionRef: { scid: v.scid, templateName: v.templateName, name: v.name },
            invitedXuid: v.invitedXuid,
            inviteAttributes: {
              titleId: v.titleId,
              contextString: v.contextString,
              senderString: v.senderString,
            },
          })
          const result = parsePastedJson(text)
          expect(result).toMatchObject({
            ok: true,
            placeholders: [],
            unmapped: [],
            repaired: false,
          })
          expect(result.ok && pastedFields(result)).toEqual({
            kind: 'invite',
            scid: v.scid,
            templateName: v.templateName,
            sessionName: v.name,
            invitedXuid: v.invitedXuid,
            titleId: v.titleId,
            contextString: v.contextString,
            senderString: v.senderString,
          })
        },
      ),
      {
        numRuns: 500,
        // Found by this property: such values used to be rewritten as placeholders and the paste refused.
        examples: [
          [
            {
              scid: 'a: {b}',
              templateName: 't',
              name: '"id: "x',
              invitedXuid: '1',
              titleId: 'x : { y }',
              senderString: 'hi: {name}',
              contextString: '',
            },
            JSON.stringify,
          ],
        ],
      },
    )
  })

  it('refuses a paste over PASTE_MAX_LENGTH with a message giving its size and the limit, even when it is valid JSON', () => {
    // A real sample padded with whitespace: the size, not the content, is the problem the user must see.
    const sample =
      DOCS_SAMPLES.find((s) => s.name === 'docs_handles-post-set-activity-request.json')?.text ?? ''
    expect(parsePastedJson(sample).ok).toBe(true)
    const padded = sample + ' '.repeat(PASTE_MAX_LENGTH + 1 - sample.length)
    expect(padded.length).toBe(PASTE_MAX_LENGTH + 1)
    const result = parsePastedJson(padded)
    expect(result.ok).toBe(false)
    if (result.ok) return
    expect(result.error).toContain(String(PASTE_MAX_LENGTH + 1))
    expect(result.error).toContain(String(PASTE_MAX_LENGTH))
    expect(result.error).toMatch(/at most/)

    // Exactly at the limit is still read.
    const atLimit = sample + ' '.repeat(PASTE_MAX_LENGTH - sample.length)
    const read = parsePastedJson(atLimit)
    expect(read.ok && pastedFields(read)).toMatchObject({ kind: 'activity' })
  })
})
