import { describe, expect, it } from 'vitest'
import type { Environment } from '../../mpsd/environment'
import { scopeOf } from './environment-scope'

const dev: Environment = {
  id: 'dev',
  name: 'Dev',
  variables: [
    { key: 'scid', value: 'abc', secret: false, enabled: true },
    { key: 'upstream', value: 'Xbox Live', secret: false, enabled: true },
    { key: 'actAs', value: '2814679796296491', secret: false, enabled: false },
  ],
}

describe('scopeOf', () => {
  it('is empty without a chosen environment', () => {
    expect(scopeOf('', [dev])).toMatchObject({ status: 'none', variables: {} })
  })

  it('holds the chosen environment’s enabled variables and what they say about the send', () => {
    const scope = scopeOf('dev', [dev])
    expect(scope.status).toBe('ready')
    expect({ ...scope.variables }).toEqual({ scid: 'abc', upstream: 'Xbox Live' })
    expect(scope.overrides).toEqual({ upstream: 'https://sessiondirectory.xboxlive.com' })
  })

  it('reads a deleted environment as none, so nothing resolves against it', () => {
    expect(scopeOf('gone', [dev])).toMatchObject({ status: 'none', environment: undefined })
  })
})
