import { describe, expect, it } from 'vitest'
import { applyPaste } from './paste-apply'
import { parsePastedJson, type PastedRequest } from './paste-json'
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
