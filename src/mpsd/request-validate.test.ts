import { describe, expect, it } from 'vitest'
import { requestFromFields, type RequestFields } from './request-fields'
import { requestIssues } from './request-validate'

const SCID = 'bd6c41c3-01c3-468a-a3b5-3e0fe8133862'
const base = { scid: SCID, templateName: 'GameLobby', sessionName: 'lobby-1' }
const issuesOf = (fields: Partial<RequestFields>) =>
  requestIssues(requestFromFields({ ...base, ...fields })).map((i) => `${i.field}: ${i.message}`)

describe('the rules of the kinds of decision 101', () => {
  it('accepts a session write with nothing but its reference (join as active)', () => {
    expect(issuesOf({ kind: 'session' })).toEqual([])
  })

  it('needs a session name, a valid member XUID and JSON objects in the JSON fields', () => {
    expect(
      issuesOf({
        kind: 'session',
        sessionName: ' ',
        memberXuid: '12x',
        sessionConstants: '{"system":',
        sessionProperties: '[1]',
      }),
    ).toEqual([
      'sessionName: Session name is required',
      expect.stringContaining('memberXuid: XUID must be a decimal number'),
      'sessionConstants: Constants (JSON) is not valid JSON',
      'sessionProperties: Properties (JSON) must be a JSON object, like {"key": 1}',
    ])
  })

  it('refuses a member status or write mode no choice offers (a damaged file)', () => {
    expect(issuesOf({ kind: 'session', memberStatus: 'gone', writeMode: 'x' })).toEqual([
      expect.stringContaining('memberStatus: Member status must be one of'),
      expect.stringContaining('writeMode: Write mode must be one of'),
    ])
  })

  it('needs the whole origin session of a transfer handle', () => {
    expect(issuesOf({ kind: 'transfer', originScid: 'nope' })).toEqual([
      expect.stringContaining('originScid: SCID must be a GUID'),
      'originTemplateName: Template name is required',
      'originName: Session name is required',
    ])
  })

  it('checks search tags and that number and string attributes hold numbers and strings', () => {
    expect(
      issuesOf({
        kind: 'search',
        searchTags: 'ok, 9lives',
        searchNumbers: '{"skill":"high"}',
        searchStrings: '{"class":1}',
      }),
    ).toEqual([
      expect.stringContaining('searchTags: Tags start with a letter'),
      'searchNumbers: Number attributes (JSON): "skill" must be a number',
      'searchStrings: String attributes (JSON): "class" must be a string',
    ])
    expect(issuesOf({ kind: 'search', searchTags: 'mics_required,Girls' })).toEqual([])
  })

  it('asks a search query for no session name, a direction in Order by, and a group XUID only with a group', () => {
    expect(issuesOf({ kind: 'searchQuery', sessionName: '' })).toEqual([])
    expect(issuesOf({ kind: 'searchQuery', orderBy: 'Timestamp' })).toEqual([
      expect.stringContaining('orderBy: Order by must be'),
    ])
    expect(issuesOf({ kind: 'searchQuery', socialGroup: 'favorites' })).toEqual([
      'socialGroupXuid: XUID is required',
    ])
  })
})
