import { describe, expect, it } from 'vitest'
import {
  allPassed,
  evaluateExpectations,
  expectationIssues,
  parseJsonPath,
  type Expectation,
  type ExpectationAnswer,
} from './expectations'
import { readExpectations } from './expectation-kinds'
import { presetSchema } from './preset'
import { migrateRequest } from './request-migrate'

const NOW = Date.parse('2026-11-29T22:00:00Z')

const invite: ExpectationAnswer = {
  status: 201,
  headers: [
    ['Content-Type', 'application/json; charset=utf-8'],
    ['X-Request-Id', 'abc-123'],
  ],
  bodyText: JSON.stringify({
    id: 'e1a5e0a1-0000-4000-8000-000000000001',
    type: 'invite',
    inviteAttributes: { titleId: '1234567' },
    results: [{ id: 'first' }, { id: 'second' }],
    expiration: '2026-11-29T23:00:00.0000000Z',
  }),
  durationMs: 42,
  now: NOW,
}

const e = (kind: Expectation['kind'], target: string, value: string): Expectation => ({
  kind,
  target,
  value,
})

function results(list: Expectation[], answer = invite) {
  return evaluateExpectations(list, answer).map(({ label, passed, message }) =>
    [label, passed, message].join(' | '),
  )
}

describe('evaluateExpectations', () => {
  it('expects a 2xx when a request has none', () => {
    expect(results([])).toEqual(['Status is 2xx | true | Got status 201'])
    expect(results([], { ...invite, status: 400 })).toEqual([
      'Status is 2xx | false | Got status 400',
    ])
    expect(results([], { ...invite, status: 0 })).toEqual(['Status is 2xx | false | No answer'])
  })

  it('checks the status, one or one of several', () => {
    expect(results([e('statusIs', '', '201'), e('statusIs', '', '200')])).toEqual([
      'Status is 201 | true | Got status 201',
      'Status is 200 | false | Got status 201',
    ])
    expect(results([e('statusIn', '', '200, 201 204')])[0]).toContain('| true |')
    expect(results([e('statusIn', '', '400,404')])[0]).toContain('| false |')
  })

  it('finds headers whatever their case, and matches them against a pattern', () => {
    expect(results([e('headerPresent', 'content-type', '')])[0]).toBe(
      'Header content-type is present | true | content-type: application/json; charset=utf-8',
    )
    expect(results([e('headerPresent', 'Location', '')])[0]).toBe(
      'Header Location is present | false | No Location header',
    )
    expect(results([e('headerMatches', 'X-Request-Id', '^abc-\\d+$')])[0]).toContain('| true |')
    expect(results([e('headerMatches', 'X-Request-Id', '^xyz')])[0]).toContain(
      '| false | X-Request-Id is "abc-123"',
    )
  })

  it('reads JSON paths: exists, equals (as JSON or as text), matches', () => {
    expect(
      results([
        e('jsonExists', '$.inviteAttributes.titleId', ''),
        e('jsonExists', '$.results[1].id', ''),
        e('jsonExists', "$['inviteAttributes']['context']", ''),
        e('jsonEquals', '$.type', 'invite'),
        e('jsonEquals', '$.type', '"invite"'),
        e('jsonEquals', '$.inviteAttributes', '{"titleId":"1234567"}'),
        e('jsonEquals', '$.results[0].id', 'second'),
        e('jsonMatches', '$.id', '^[0-9a-f-]{36}$'),
        e('jsonExists', '$.results[5]', ''),
      ]).map((line) => line.split(' | ')[1]),
    ).toEqual(['true', 'true', 'false', 'true', 'true', 'true', 'false', 'true', 'false'])
    expect(results([e('jsonExists', '$.id', '')], { ...invite, bodyText: '<html>' })[0]).toContain(
      'The answer is not JSON',
    )
  })

  it('measures the invite expiry from the answer time, and the duration', () => {
    expect(results([e('expiresAfter', '', '60'), e('expiresAfter', '', '61')])).toEqual([
      'Invite expires no sooner than 60 min | true | Expires in 60 min',
      'Invite expires no sooner than 61 min | false | Expires in 60 min',
    ])
    expect(results([e('expiresAfter', '', '1')], { ...invite, bodyText: '{}' })[0]).toContain(
      'The answer has no expiration',
    )
    expect(results([e('fasterThan', '', '43'), e('fasterThan', '', '42')])).toEqual([
      'Answer takes less than 43 ms | true | Took 42 ms',
      'Answer takes less than 42 ms | false | Took 42 ms',
    ])
  })

  it('fails an expectation that cannot be checked, with its reason, never passes it', () => {
    const [result] = evaluateExpectations([e('headerMatches', 'X-Request-Id', '(')], invite)
    expect(result?.passed).toBe(false)
    expect(result?.message).toMatch(/^Cannot be checked: Not a valid pattern/)
    expect(allPassed(evaluateExpectations([e('statusIs', '', '2xx')], invite))).toBe(false)
  })
})

describe('expectationIssues', () => {
  it('names the field and what is wrong', () => {
    expect(expectationIssues(e('statusIs', '', '700'))).toEqual([
      { field: 'value', message: 'A status from 100 to 599, e.g. 201' },
    ])
    expect(expectationIssues(e('jsonEquals', 'id', 'x'))[0]).toEqual({
      field: 'target',
      message: 'A JSON path starts with $, e.g. $.id',
    })
    expect(expectationIssues(e('headerPresent', 'Bad Header', ''))[0]?.field).toBe('target')
    expect(expectationIssues(e('fasterThan', '', '0'))[0]?.field).toBe('value')
    expect(expectationIssues(e('expiresAfter', '', '60'))).toEqual([])
  })

  it('reads the JSON path subset', () => {
    expect(parseJsonPath("$.a.b[0]['c d']")).toEqual(['a', 'b', 0, 'c d'])
    expect(parseJsonPath('$')).toEqual([])
    expect(parseJsonPath('$.a[*]')).toMatch(/Cannot read the JSON path at “\[\*\]”/)
  })
})

describe('expectations in stored requests', () => {
  const request = {
    v: 1,
    kind: 'invite',
    sessionRef: { scid: 's', templateName: 't', name: 'n' },
    invite: { invitedXuid: '1', titleId: '2', context: '', contextString: '', senderString: '' },
  }

  it('a preset keeps them; an old preset without any still opens', () => {
    const expectList = [e('statusIs', '', '201'), e('jsonExists', '$.id', '')]
    const parsed = presetSchema.parse({
      id: 'p',
      name: 'With checks',
      createdAt: 1,
      updatedAt: 1,
      request: { ...request, expect: expectList },
    })
    expect(parsed.request.expect).toEqual(expectList)
    const old = presetSchema.parse({ id: 'p', name: 'Old', createdAt: 1, updatedAt: 1, request })
    expect(old.request.expect).toBeUndefined()
  })

  it('a preset with an unknown expectation kind names the field', () => {
    const result = presetSchema.safeParse({
      id: 'p',
      name: 'Bad',
      createdAt: 1,
      updatedAt: 1,
      request: { ...request, expect: [{ kind: 'statusIsNot', value: '1' }] },
    })
    expect(result.success).toBe(false)
    expect(result.error?.issues[0]?.path).toEqual(['request', 'expect', 0, 'kind'])
  })

  it('drafts keep them leniently: unknown kinds dropped, non-text values empty', () => {
    expect(
      migrateRequest({ ...request, expect: [{ kind: 'statusIs', value: 201 }, { kind: 'nope' }] })
        ?.expect,
    ).toEqual([{ kind: 'statusIs', target: '', value: '' }])
    expect(migrateRequest(request)?.expect).toBeUndefined()
    expect(readExpectations('x')).toBeUndefined()
  })
})
