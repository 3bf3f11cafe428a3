import { describe, expect, it } from 'vitest'
import {
  ENVIRONMENT_VARIABLES_MAX,
  parseEnvironmentFile,
  sendOverridesOf,
  toPostmanEnvironment,
  variableKeyProblem,
  variablesOf,
  type Environment,
} from './environment'

const dev: Environment = {
  id: 'env-1',
  name: 'Dev',
  variables: [
    { key: 'scid', value: '00000000-0000-0000-0000-00007ff8b1f4', secret: false, enabled: true },
    { key: 'apiKey', value: 'hunter2-secret', secret: true, enabled: true },
    { key: 'old', value: 'x', secret: false, enabled: false },
  ],
}

// As Postman 10 writes it ("Export" on an environment).
const POSTMAN_FILE = `{
  "id": "5a1b2c3d-aaaa-bbbb-cccc-111122223333",
  "name": "Xbox Dev",
  "values": [
    { "key": "scid", "value": "00000000-0000-0000-0000-00007ff8b1f4", "type": "default", "enabled": true },
    { "key": "token", "value": "", "type": "secret", "enabled": true },
    { "key": "legacy", "value": "v", "type": "text", "enabled": false },
    { "key": "titleId", "value": 1234, "enabled": true }
  ],
  "_postman_variable_scope": "environment",
  "_postman_exported_at": "2024-03-01T10:00:00.000Z",
  "_postman_exported_using": "Postman/10.24.3"
}`

describe('parseEnvironmentFile', () => {
  it('reads a Postman environment export: keys, values, secret type, enabled', () => {
    const parsed = parseEnvironmentFile(POSTMAN_FILE)
    expect(parsed).toEqual({
      ok: true,
      environment: {
        id: '5a1b2c3d-aaaa-bbbb-cccc-111122223333',
        name: 'Xbox Dev',
        variables: [
          {
            key: 'scid',
            value: '00000000-0000-0000-0000-00007ff8b1f4',
            secret: false,
            enabled: true,
          },
          { key: 'token', value: '', secret: true, enabled: true },
          { key: 'legacy', value: 'v', secret: false, enabled: false },
          { key: 'titleId', value: '1234', secret: false, enabled: true },
        ],
      },
    })
  })

  it('round-trips its own export, except secret values, which are never written', () => {
    const text = toPostmanEnvironment(dev, new Date('2026-01-01T00:00:00Z'))
    expect(text).not.toContain('hunter2-secret')
    const file = JSON.parse(text) as Record<string, unknown>
    expect(file._postman_variable_scope).toBe('environment')
    expect(file.values).toContainEqual({ key: 'apiKey', value: '', type: 'secret', enabled: true })
    const back = parseEnvironmentFile(text)
    expect(back.ok && back.environment).toEqual({
      ...dev,
      variables: dev.variables.map((v) => (v.secret ? { ...v, value: '' } : v)),
    })
  })

  it('names the problem of a file that is not JSON or not an environment', () => {
    const cases: Array<[string, RegExp]> = [
      ['{ "name": "x", ', /not valid JSON/],
      ['[1, 2]', /holds a list/],
      ['"text"', /holds a string/],
      ['{ "name": "x" }', /"values" must be a list.*none/],
      ['{ "name": "x", "values": {} }', /"values" must be a list.*an object/],
      ['{ "info": {}, "item": [] }', /Postman collection, not an environment/],
      ['{ "values": [], "_postman_variable_scope": "collection" }', /scope is "collection"/],
      ['{ "name": 3, "values": [] }', /"name" must be a text/],
      ['{ "values": [7] }', /Variable 1 must be an object/],
      ['{ "values": [{ "value": "v" }] }', /Variable 1 has no "key"/],
      ['{ "values": [{ "key": "a{b", "value": "v" }] }', /cannot contain \{ or \}/],
      ['{ "values": [{ "key": "a", "value": {} }] }', /"value" that is an object/],
      ['{ "values": [{ "key": "a", "enabled": "yes" }] }', /"enabled" that is not true or false/],
    ]
    for (const [text, message] of cases) {
      const parsed = parseEnvironmentFile(text)
      expect(parsed.ok, text).toBe(false)
      if (!parsed.ok) expect(parsed.error, text).toMatch(message)
    }
  })

  it('refuses more variables than the limit, and takes a file without name or id', () => {
    const many = JSON.stringify({
      name: 'big',
      values: Array.from({ length: ENVIRONMENT_VARIABLES_MAX + 1 }, (_, i) => ({ key: `k${i}` })),
    })
    const refused = parseEnvironmentFile(many)
    expect(!refused.ok && refused.error).toMatch(/at most 500/)
    const bare = parseEnvironmentFile('\uFEFF{ "values": [{ "key": " spaced " }] }')
    expect(bare.ok && bare.environment.name).toBe('Imported environment')
    expect(bare.ok && bare.environment.id).toMatch(/^[0-9a-f-]{36}$/)
    expect(bare.ok && bare.environment.variables).toEqual([
      { key: 'spaced', value: '', secret: false, enabled: true },
    ])
  })
})

describe('variablesOf', () => {
  it('holds the enabled variables only, the last of a repeated key winning', () => {
    const vars = variablesOf({
      ...dev,
      variables: [...dev.variables, { key: 'scid', value: 'later', secret: false, enabled: true }],
    })
    expect({ ...vars }).toEqual({ scid: 'later', apiKey: 'hunter2-secret' })
    expect('old' in vars).toBe(false)
  })
})

describe('variableKeyProblem', () => {
  it('refuses names that no reference could reach', () => {
    expect(variableKeyProblem('scid')).toBeNull()
    expect(variableKeyProblem('')).toMatch(/required/)
    expect(variableKeyProblem(' scid')).toMatch(/space/)
    expect(variableKeyProblem('a}')).toMatch(/\{ or \}/)
  })
})

describe('sendOverridesOf', () => {
  it('reads upstream by name or origin and actAs as an Act as value or a bare XUID', () => {
    expect(sendOverridesOf({})).toEqual({})
    expect(sendOverridesOf({ upstream: ' ', actAs: '' })).toEqual({})
    expect(sendOverridesOf({ upstream: 'Simulator', actAs: '2814679796296491' })).toEqual({
      upstream: 'simulator',
      actAs: 'sim:2814679796296491',
    })
    expect(sendOverridesOf({ upstream: 'Xbox Live', actAs: 'token' })).toEqual({
      upstream: 'https://sessiondirectory.xboxlive.com',
      actAs: 'token',
    })
    expect(sendOverridesOf({ upstream: 'http://127.0.0.1:9000/', actAs: 'xbl:abc' })).toEqual({
      upstream: 'http://127.0.0.1:9000',
      actAs: 'xbl:abc',
    })
  })
})
