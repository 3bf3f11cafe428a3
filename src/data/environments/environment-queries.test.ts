import { describe, expect, it } from 'vitest'
import type { Environment } from '../../mpsd/environment'
import { scopeOf } from './environment-queries'

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
  it('is empty without a chosen environment, and waits while the chosen one is read', () => {
    expect(scopeOf('', undefined).status).toBe('none')
    expect(scopeOf('dev', undefined).status).toBe('loading')
    expect(scopeOf('dev', undefined).variables).toEqual({})
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
