import { describe, expect, it } from 'vitest'
import { applyPaste } from './paste-apply'
import { parsePastedJson } from './paste-json'
import type { PastedRequest } from './paste-result'
import { fieldsOf, requestFromFields } from './request-fields'

const SCID = 'bd6c41c3-01c3-468a-a3b5-3e0fe8133862'
const OLD = fieldsOf(
  requestFromFields({
    kind: 'invite',
    scid: SCID,
    templateName: 'old-template',
    sessionName: 'old-session',
    invitedXuid: '2533274790000001',
    titleId: '1234',
    contextString: '///old',
  }),
)

function pasted(text: string): PastedRequest {
  const result = parsePastedJson(text)
  if (!result.ok) throw new Error(result.error)
  return result
}

describe('applyPaste', () => {
  it('replaces the draft, keeps placeholder fields and lists every change', () => {
    const { fields, changes, kept } = applyPaste(
      OLD,
      pasted(
        JSON.stringify({
          type: 'invite',
          sessionRef: { scid: '{scid}', templateName: 'deathmatch', name: 'session-49' },
          invitedXuid: '<xuid>',
          inviteAttributes: { titleId: '5678' },
        }),
      ),
    )
    expect(fields).toMatchObject({
      kind: 'invite',
      scid: SCID,
      templateName: 'deathmatch',
      sessionName: 'session-49',
      invitedXuid: '2533274790000001',
      titleId: '5678',
      context: '',
      // The old Context string is not left in place: the pasted invite has none.
      contextString: '',
      senderString: '',
    })
    expect(kept.map((k) => k.label)).toEqual(['SCID', 'Invited XUID'])
    expect(changes).toEqual([
      { field: 'templateName', label: 'Template name', from: 'old-template', to: 'deathmatch' },
      { field: 'sessionName', label: 'Session name', from: 'old-session', to: 'session-49' },
      { field: 'titleId', label: 'Title ID', from: '1234', to: '5678' },
      { field: 'contextString', label: 'Context string', from: '///old', to: '' },
    ])
  })

  it('keeps an environment variable reference ({{scid}}) as pasted', () => {
    const { fields, kept } = applyPaste(
      OLD,
      pasted('{"type":"activity","sessionRef":{"scid":"{{scid}}","templateName":"t"}}'),
    )
    expect(fields.scid).toBe('{{scid}}')
    expect(fields.kind).toBe('activity')
    expect(kept).toEqual([])
  })

  it('reads unquoted <placeholders> from the docs as placeholders too', () => {
    const { fields, kept } = applyPaste(
      OLD,
      pasted('{"type": "activity", "sessionRef": {"scid": <scid>, "templateName": "t"}}'),
    )
    expect(fields.scid).toBe(SCID)
    expect(kept.map((k) => k.field)).toEqual(['scid'])
  })

  it('replaces only the session reference with a bare session reference', () => {
    const { fields, changes } = applyPaste(
      OLD,
      pasted('{"scid":"8d050174-412b-4d51-a29b-d55a34edfdb7","templateName":"integration"}'),
    )
    expect(fields).toMatchObject({
      kind: 'invite',
      scid: '8d050174-412b-4d51-a29b-d55a34edfdb7',
      templateName: 'integration',
      sessionName: '',
      invitedXuid: '2533274790000001',
      contextString: '///old',
    })
    expect(changes.map((c) => c.field)).toEqual(['scid', 'templateName', 'sessionName'])
  })
})

describe('applyPaste, Multiplayer Activity', () => {
  const MPA_DRAFT = fieldsOf(
    requestFromFields({
      kind: 'mpaSetActivity',
      mpaTitleId: '1717113201',
      mpaXuid: '2814679796296491',
      connectionString: 'old-lobby',
      groupId: 'old-group',
    }),
  )

  it('switches an MPSD draft to the pasted MPA call and empties the MPSD fields, each listed', () => {
    const { fields, changes, kept } = applyPaste(
      OLD,
      pasted('{"connectionString":"srv=1","joinRestriction":"Public","maxPlayers":4}'),
    )
    expect(fields).toMatchObject({
      kind: 'mpaSetActivity',
      connectionString: 'srv=1',
      joinRestriction: 'Public',
      maxPlayers: '4',
      scid: '',
      invitedXuid: '',
    })
    // Named as the composer names them: the Service moves, and the request type with it.
    expect(changes.slice(0, 2)).toEqual([
      {
        field: 'service',
        label: 'Service',
        from: 'MPSD handles',
        to: 'Multiplayer Activity',
      },
      { field: 'kind', label: 'Request type', from: 'Invite', to: 'Set activity' },
    ])
    expect(changes.map((c) => c.label)).toEqual(
      expect.arrayContaining(['SCID', 'Invited XUID', 'Connection string', 'Max players']),
    )
    expect(kept.map((k) => [k.field, k.why])).toEqual([
      ['mpaTitleId', 'url'],
      ['mpaXuid', 'url'],
    ])
  })

  it('keeps the title and user of the draft for a body, and empties the activity’s other fields', () => {
    const { fields, changes, kept } = applyPaste(
      MPA_DRAFT,
      pasted('{"platform":"Scarlett","invitedUsers":["2533274822222222"]}'),
    )
    expect(fields).toMatchObject({
      kind: 'mpaSendInvites',
      mpaTitleId: '1717113201',
      mpaXuid: '2814679796296491',
      invitedUsers: '2533274822222222',
      platform: 'Scarlett',
      // The old activity's connection string is not left to go out with the invites.
      connectionString: '',
      groupId: '',
    })
    expect(changes.map((c) => c.field)).toEqual([
      'kind',
      'connectionString',
      'groupId',
      'platform',
      'invitedUsers',
    ])
    expect(kept).toEqual([
      { field: 'mpaTitleId', label: 'Title ID', value: '1717113201', why: 'url' },
    ])
  })
})
