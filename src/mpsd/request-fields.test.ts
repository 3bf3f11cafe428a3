import { describe, expect, it } from 'vitest'
import {
  emptyRequest,
  fieldPath,
  fieldsOf,
  requestsFromFields,
  REQUEST_FIELD_NAMES,
} from './request-fields'
import { requestIssues } from './request-validate'

const SCID = 'bd6c41c3-01c3-468a-a3b5-3e0fe8133862'

const filled = {
  ...fieldsOf(emptyRequest()),
  scid: SCID,
  templateName: 'deathmatch',
  sessionName: 'session-49',
  invitedXuid: '2533274790000001',
  titleId: '1234',
  context: 'ctx',
  contextString: '///s',
  senderString: 'Contoso',
}

describe('the form’s view of a request', () => {
  it('keeps the invite typed before switching to Activity beside the activity, and brings it back', () => {
    const { request, others } = requestsFromFields({ ...filled, kind: 'activity' })
    expect(request).toEqual({
      v: 1,
      kind: 'activity',
      sessionRef: { scid: SCID, templateName: 'deathmatch', name: 'session-49' },
    })
    expect(others.map((o) => o.kind)).toEqual(['invite'])
    expect(fieldsOf(...others, request)).toEqual({ ...filled, kind: 'activity' })
    // Switching back to Invite has everything the user typed.
    expect(fieldsOf(...others, request, ...others).invitedXuid).toBe('2533274790000001')
  })

  it('keeps nothing beside an invite (it holds every field) or an activity with no invite typed', () => {
    expect(requestsFromFields({ ...filled, kind: 'invite' }).others).toEqual([])
    expect(
      requestsFromFields({ ...fieldsOf(emptyRequest()), kind: 'activity', scid: SCID }).others,
    ).toEqual([])
  })

  it('has every field of the entity once', () => {
    expect(REQUEST_FIELD_NAMES).toEqual(Object.keys(filled).filter((key) => key !== 'kind'))
  })
})

describe('requestIssues', () => {
  const issues = (fields: Partial<typeof filled> & { kind?: 'activity' | 'invite' }) =>
    requestIssues(requestsFromFields({ ...filled, kind: 'invite', ...fields }).request).map(
      (issue) => `${fieldPath(issue.field)} ${issue.label}: ${issue.message}`,
    )

  it('finds nothing wrong with a complete invite, and trims before checking', () => {
    expect(issues({})).toEqual([])
    expect(issues({ scid: ` ${SCID} `, invitedXuid: ' 42 ' })).toEqual([])
  })

  it('gives the messages of the MPSD rules, in the form’s order', () => {
    expect(
      issues({
        scid: 'nope',
        templateName: '',
        sessionName: 'x'.repeat(100),
        invitedXuid: '007',
        titleId: '4294967296',
        context: '%'.repeat(86),
        contextString: 'no-slashes',
      }),
    ).toEqual([
      'sessionRef.scid SCID: SCID must be a GUID, like bd6c41c3-01c3-468a-a3b5-3e0fe8133862',
      'sessionRef.templateName Template name: Template name is required',
      'sessionRef.name Session name: Session name must be at most 99 characters',
      'invite.invitedXuid Invited XUID: XUID must be a decimal number from 1 to 18446744073709551615, without signs or leading zeros',
      'invite.titleId Title ID: Title ID must be a decimal number from 0 to 4294967295',
      'invite.context Context: Context is 258 characters once URI-encoded; the limit is 256',
      'invite.contextString Context string: Context string must start with /// (an ID from the service config)',
    ])
  })

  it('lets an activity go without a session name and checks no invite field', () => {
    expect(issues({ kind: 'activity', sessionName: '  ', invitedXuid: 'junk' })).toEqual([])
    expect(issues({ kind: 'invite', sessionName: '  ' })).toEqual([
      'sessionRef.name Session name: Session name is required',
    ])
  })

  it('checks a context of spaces (sent verbatim) but not an empty one', () => {
    expect(issues({ context: '' })).toEqual([])
    expect(issues({ context: '   ' })).toEqual([])
    expect(issues({ context: '\ud800' })).toEqual([
      'invite.context Context: Context has a broken character and cannot be URI-encoded',
    ])
  })
})
