// Everything stored before the request entity must still open: the fixtures under
// testing/fixtures/legacy are exactly what today's build writes (see SOURCE.txt there).
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { emptyRequest, requestEntitySchema, type RequestEntity } from './request-entity'
import { z } from 'zod'
import { migrateRequest, upgradeRequest } from './request-migrate'

const legacyText = (name: string) =>
  readFileSync(join(__dirname, '../testing/fixtures/legacy', name), 'utf8')
const legacy = (name: string): unknown => JSON.parse(legacyText(name))

const SCID = ' BD6C41C3-01C3-468A-A3B5-3E0FE8133862 '

function opened(input: unknown): RequestEntity {
  const migrated = migrateRequest(input)
  if (!migrated.ok) throw new Error(migrated.error)
  return migrated.request
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
    [{ v: 2, kind: 'invite' }, 'update the Workbench'],
    [{ v: 1, kind: 'search' }, 'Kind must be one of "activity", "invite"'],
    [{ type: 'query', sessionRef: {} }, 'Kind must be one of'],
    [
      { v: 1, kind: 'invite', contractVersion: 12 },
      'contractVersion: Contract version must be 104',
    ],
    [{}, 'Kind must be one of'],
    ['text', 'Kind must be one of'],
  ])('refuses %j with a reason', (input, reason) => {
    const migrated = migrateRequest(input)
    expect(migrated.ok).toBe(false)
    if (!migrated.ok) expect(migrated.error).toContain(reason)
  })

  it('never throws, whatever it is handed', () => {
    fc.assert(
      fc.property(fc.anything(), (input) => {
        const migrated = migrateRequest(input)
        if (migrated.ok)
          expect(requestEntitySchema.parse(migrated.request)).toEqual(migrated.request)
      }),
      { numRuns: 500 },
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
