import { describe, expect, it } from 'vitest'
import type { Environment } from '../../mpsd/environment'
import { composeTargetOf } from './compose-target'
import { NO_SCOPE, type VariableScope } from './environment-queries'
import { scopeOf } from './environment-scope'

const settings = {
  upstream: 'https://sessiondirectory.xboxlive.com',
  actAs: 'sim:2814679796296491',
}

function environment(values: Record<string, string>): Environment {
  return {
    id: 'env-1',
    name: 'Dev',
    variables: Object.entries(values).map(([key, value]) => ({
      key,
      value,
      secret: false,
      enabled: true,
    })),
  }
}

describe('composeTargetOf', () => {
  it('without an environment, goes to Settings’ upstream as the Act as choice, carrying nothing', () => {
    expect(composeTargetOf(NO_SCOPE, settings)).toEqual({
      waiting: false,
      ...settings,
      overrides: {},
      overriddenBy: undefined,
      scope: NO_SCOPE,
    })
  })

  it('takes the environment’s upstream and actAs (a bare XUID is that simulated player)', () => {
    const env = environment({ upstream: 'simulator', actAs: '2533274790000002' })
    const scope = scopeOf(env.id, [env])
    expect(composeTargetOf(scope, settings)).toEqual({
      waiting: false,
      upstream: 'simulator',
      actAs: 'sim:2533274790000002',
      overrides: { upstream: 'simulator', actAs: 'sim:2533274790000002' },
      overriddenBy: 'Dev',
      scope,
    })
  })

  it('names no environment when it leaves upstream and actAs empty', () => {
    const env = environment({ scid: 'x', upstream: '', actAs: '' })
    expect(composeTargetOf(scopeOf(env.id, [env]), settings)).toMatchObject({
      ...settings,
      overrides: {},
      overriddenBy: undefined,
    })
  })

  it('waits while the chosen environment is being read', () => {
    const loading: VariableScope = { ...NO_SCOPE, status: 'loading' }
    expect(composeTargetOf(loading, settings).waiting).toBe(true)
  })

  it('waits while the settings are the first render’s quick read, not yet checked', () => {
    expect(composeTargetOf(NO_SCOPE, settings, false).waiting).toBe(true)
    expect(composeTargetOf(NO_SCOPE, settings, true).waiting).toBe(false)
  })
})
