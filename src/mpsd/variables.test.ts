import { describe, expect, it } from 'vitest'
import { hasVariableReference, referencedVariables, resolveRequest, resolveText } from './variables'
import type { RequestEntity } from './request-entity'

const SCID = '00000000-0000-0000-0000-00007ff8b1f4'

const invite: RequestEntity = {
  v: 1,
  kind: 'invite',
  sessionRef: { scid: '{{scid}}', templateName: '{{ templateName }}', name: 'lobby-{{suffix}}' },
  invite: {
    invitedXuid: '{{invitee}}',
    titleId: '{{titleId}}',
    context: 'plain',
    contextString: '',
    senderString: '',
  },
}

describe('referencedVariables', () => {
  it('lists each name once, in order, ignoring spaces inside the braces', () => {
    expect(referencedVariables('{{a}}-{{ b }}/{{a}}{{c}}')).toEqual(['a', 'b', 'c'])
  })

  it('finds nothing in text without a complete reference, or with an empty one', () => {
    for (const text of ['', 'plain', '{scid}', '{{', '}}', '{{}}', '{{   }}', '{{a}b}}'])
      expect(referencedVariables(text), text).toEqual([])
    expect(hasVariableReference('{{scid}}')).toBe(true)
    expect(hasVariableReference('{scid}')).toBe(false)
  })

  it('keeps names Postman allows: dots, dashes, spaces inside', () => {
    expect(referencedVariables('{{base.url}}{{my-id}}{{two words}}')).toEqual([
      'base.url',
      'my-id',
      'two words',
    ])
  })
})

describe('resolveText', () => {
  it('replaces known references, leaves unknown ones as typed and reports both kinds of miss', () => {
    const out = resolveText('{{a}}/{{missing}}/{{empty}}/{{}}', { a: 'x', empty: '' })
    expect(out.text).toBe('x/{{missing}}//{{}}')
    expect(out.names).toEqual(['a', 'missing', 'empty'])
    expect(out.missing).toEqual(['missing', 'empty'])
  })

  it('inserts a value as typed, without resolving references inside it', () => {
    expect(resolveText('{{a}}', { a: '{{b}}', b: 'nope' }).text).toBe('{{b}}')
  })

  it('does not treat inherited object keys as variables', () => {
    const out = resolveText('{{constructor}}{{toString}}', {})
    expect(out.missing).toEqual(['constructor', 'toString'])
    expect(out.text).toBe('{{constructor}}{{toString}}')
  })
})

describe('resolveRequest', () => {
  const vars = { scid: SCID, templateName: 'lobby', suffix: '7', invitee: '2814679796296491' }

  it('resolves every string of the entity, at its entity path, and says which variables fed each', () => {
    const { request, problems, sources } = resolveRequest(invite, { ...vars, titleId: '1234' })
    expect(problems).toEqual([])
    expect(request.sessionRef).toEqual({ scid: SCID, templateName: 'lobby', name: 'lobby-7' })
    expect(request.kind === 'invite' && request.invite.invitedXuid).toBe('2814679796296491')
    expect(sources).toEqual({
      'sessionRef.scid': ['scid'],
      'sessionRef.templateName': ['templateName'],
      'sessionRef.name': ['suffix'],
      'invite.invitedXuid': ['invitee'],
      'invite.titleId': ['titleId'],
    })
    expect(invite.sessionRef.scid).toBe('{{scid}}')
  })

  it('reports an unknown and an empty variable with the path and the name', () => {
    const { problems, request } = resolveRequest(invite, { ...vars, titleId: '' })
    expect(problems).toEqual([
      {
        path: 'invite.titleId',
        name: 'titleId',
        message: 'Variable {{titleId}} is empty in the environment',
      },
    ])
    expect(request.kind === 'invite' && request.invite.titleId).toBe('')
    const unknown = resolveRequest(invite, {})
    expect(unknown.problems.map((p) => `${p.path}:${p.name}`)).toEqual([
      'sessionRef.scid:scid',
      'sessionRef.templateName:templateName',
      'sessionRef.name:suffix',
      'invite.invitedXuid:invitee',
      'invite.titleId:titleId',
    ])
    expect(unknown.problems[0]?.message).toBe('Variable {{scid}} is not defined in the environment')
  })

  it('walks arrays and nested objects, and leaves numbers and booleans alone', () => {
    const { request, sources } = resolveRequest(
      { xuids: ['{{a}}', '2'], n: 3, ok: true, deep: { list: [{ s: '{{a}}' }] } },
      { a: '1' },
    )
    expect(request).toEqual({ xuids: ['1', '2'], n: 3, ok: true, deep: { list: [{ s: '1' }] } })
    expect(Object.keys(sources)).toEqual(['xuids.0', 'deep.list.0.s'])
  })

  it('returns the same object when nothing references a variable', () => {
    const plain = { ...invite, sessionRef: { scid: SCID, templateName: 't', name: '' } }
    const noRefs = { ...plain, invite: { ...invite.invite, invitedXuid: '1', titleId: '2' } }
    expect(resolveRequest(noRefs, vars).request).toBe(noRefs)
  })
})
