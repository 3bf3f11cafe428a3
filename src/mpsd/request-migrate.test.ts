// Everything stored before the request entity must still open: the fixtures under
// testing/fixtures/legacy are exactly what today's build writes (see SOURCE.txt there).
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { requestEntitySchema, type RequestEntity } from './request-entity'
import { emptyRequest } from './request-fields'
import { z } from 'zod'
import { migrateRequest, upgradeRequest } from './request-migrate'

const legacyText = (name: string) =>
  readFileSync(join(__dirname, '../testing/fixtures/legacy', name), 'utf8')
const legacy = (name: string): unknown => JSON.parse(legacyText(name))

const SCID = ' BD6C41C3-01C3-468A-A3B5-3E0FE8133862 '

function opened(input: unknown): RequestEntity {
  const migrated = migrateRequest(input)
  if (!migrated) throw new Error(`not opened: ${JSON.stringify(input)}`)
  return migrated
}

describe('migrateRequest opens every shape stored before the entity', () => {
  it("today's composer draft in localStorage, values as typed (untrimmed)", () => {
    const stored = legacy('draft-localstorage.json') as Record<string, string>
    const draft = JSON.parse(stored['handles-workbench:draft']!) as { values: unknown }
    // Activity selected, with an invite typed before the switch: the activity is the request
    // (drafts keep the invite beside it, see draft-store).
    expect(opened(draft.values)).toEqual({
      v: 1,
      kind: 'activity',
      sessionRef: { scid: SCID, templateName: 'deathmatch', name: '' },
    })
    const [stashed] = JSON.parse(stored['handles-workbench:draft-stash']!) as unknown[]
    expect(opened(stashed)).toEqual({
      v: 1,
      kind: 'invite',
      sessionRef: { scid: SCID, templateName: 'deathmatch', name: 'earlier-session' },
      invite: {
        invitedXuid: '2533274790000001',
        titleId: '1234',
        context: ' join me ',
        contextString: '///invite/eu',
        senderString: '',
      },
    })
  })

  it("today's presets file (version 1): each preset's request, its contract version kept", () => {
    const file = legacy('presets-file-v1.json') as { presets: Array<{ request: unknown }> }
    const [weekly, lobby, batch] = file.presets.map((p) => opened(p.request))
    expect(weekly).toEqual({
      v: 1,
      kind: 'invite',
      sessionRef: { scid: SCID, templateName: 'deathmatch', name: 'session-49' },
      invite: {
        invitedXuid: '2533274790000001',
        titleId: '1234',
        context: ' join me ',
        contextString: '///invite/eu',
        senderString: '',
      },
      contractVersion: 107,
    })
    // An activity keeps only what an activity sends.
    expect(lobby).toEqual({
      v: 1,
      kind: 'activity',
      sessionRef: { scid: SCID, templateName: 'deathmatch', name: '' },
      contractVersion: 105,
    })
    expect(batch).toMatchObject({ kind: 'invite', invite: { invitedXuid: '' } })
  })

  it("today's batch run template: an invite whose XUID the batch supplies", () => {
    const run = legacy('batch-run.json') as { template: unknown }
    expect(opened(run.template)).toEqual({
      v: 1,
      kind: 'invite',
      sessionRef: {
        scid: 'BD6C41C3-01C3-468A-A3B5-3E0FE8133862',
        templateName: 'deathmatch',
        name: 'session-49',
      },
      invite: {
        invitedXuid: '',
        titleId: '1234',
        context: ' join me ',
        contextString: '///invite/eu',
        senderString: '',
      },
    })
  })

  it('the paste box’s fields and version 0 presets (flat, numbers as typed)', () => {
    expect(opened({ type: 'activity', scid: 's', templateName: 't' })).toEqual({
      v: 1,
      kind: 'activity',
      sessionRef: { scid: 's', templateName: 't', name: '' },
    })
    expect(
      opened({ name: 'Old', scid: 's', titleId: 1234, contractVersion: '105', sessionName: 'n' }),
    ).toMatchObject({
      kind: 'invite',
      sessionRef: { name: 'n' },
      invite: { titleId: '1234' },
      contractVersion: 105,
    })
  })

  it('opens the current entity unchanged, and strips keys it does not list', () => {
    fc.assert(
      fc.property(
        fc.constantFrom('activity' as const, 'invite' as const),
        fc.string(),
        fc.string(),
        (kind, scid, titleId) => {
          const request = emptyRequest(kind)
          request.sessionRef.scid = scid
          if (request.kind === 'invite') request.invite.titleId = titleId
          expect(opened(request)).toEqual(request)
          expect(opened({ ...request, authorization: 'XBL3.0 x=1;t' })).toEqual(request)
        },
      ),
    )
  })

  it.each([
    ['a newer version', { v: 2, kind: 'invite' }],
    ['an unknown kind', { v: 1, kind: 'party' }],
    ['a preset request of an unknown type', { type: 'query', sessionRef: {} }],
    ['an object of no known shape', {}],
    ['text', 'text'],
  ])('opens nothing from %s', (_label, input) => {
    expect(migrateRequest(input)).toBeUndefined()
  })

  it('opens a damaged value empty rather than losing the request, as a draft must', () => {
    expect(
      opened({
        v: 1,
        kind: 'invite',
        sessionRef: { scid: 7, templateName: 't' },
        invite: [],
        contractVersion: 12,
      }),
    ).toEqual({ ...emptyRequest('invite'), sessionRef: { scid: '', templateName: 't', name: '' } })
  })

  it('never throws, and opens what the schema readers accept exactly as they do', () => {
    const schemaReader = z.preprocess(upgradeRequest, requestEntitySchema)
    const shaped = fc.record(
      {
        v: fc.oneof(fc.constant(1), fc.anything()),
        kind: fc.constantFrom('activity', 'invite', 'query'),
        type: fc.constantFrom('activity', 'invite'),
        sessionRef: fc.oneof(
          fc.record({ scid: fc.string(), templateName: fc.anything(), name: fc.string() }),
          fc.anything(),
        ),
        invite: fc.dictionary(
          fc.constantFrom('invitedXuid', 'titleId', 'context', 'x'),
          fc.oneof(fc.string(), fc.integer()),
        ),
        scid: fc.oneof(fc.string(), fc.integer()),
        contractVersion: fc.oneof(fc.integer({ min: 100, max: 110 }), fc.anything()),
      },
      { requiredKeys: [] },
    )
    fc.assert(
      fc.property(fc.oneof(fc.anything(), shaped), (input) => {
        const migrated = migrateRequest(input)
        if (migrated) expect(requestEntitySchema.parse(migrated)).toEqual(migrated)
        const strict = schemaReader.safeParse(input)
        if (strict.success) expect(migrated).toEqual(strict.data)
      }),
      { numRuns: 1_000 },
    )
  })

  it('lets zod readers (presets, batch runs) name the field of a problem', () => {
    const parsed = z
      .preprocess(upgradeRequest, requestEntitySchema)
      .safeParse({ type: 'invite', sessionRef: { scid: 7 } })
    expect(parsed.success).toBe(false)
    expect(parsed.error?.issues[0]?.path).toEqual(['sessionRef', 'scid'])
  })
})
