import { QueryClient } from '@tanstack/react-query'
import { afterEach, describe, expect, it, vi } from 'vitest'
import type { IdentityView } from '../../mpsd/identity'
import { upstreamsQueries } from '../settings/upstreams-queries'
import { currentActors } from './current-actors'
import { identitiesQueries } from './identities-queries'

const ACCOUNT: IdentityView = {
  id: '2535412345678901.RETAIL',
  xuid: '2535412345678901',
  gamertag: 'DevTester 42',
  userhash: '2953141823785093542',
  sandbox: 'RETAIL',
  expiresAt: '2026-11-30T02:00:00.000Z',
  renewable: true,
  canJoinMultiplayer: true,
  ageGroup: 'Adult',
  problem: null,
}

afterEach(() => vi.unstubAllGlobals())

describe('currentActors', () => {
  it('a failed read of the accounts keeps the last known list, so a run goes on sending as one', async () => {
    const queryClient = new QueryClient({ defaultOptions: { queries: { retry: false } } })
    // Known from an earlier read, now stale: the next send reads again, and that read fails.
    queryClient.setQueryData(identitiesQueries.list().queryKey, [ACCOUNT], { updatedAt: 1 })
    queryClient.setQueryData(
      upstreamsQueries.list().queryKey,
      { upstreams: [], xblAuthorizationConfigured: true },
      { updatedAt: 1 },
    )
    vi.stubGlobal(
      'fetch',
      vi.fn(async () => {
        throw new TypeError('Failed to fetch')
      }),
    )
    const actors = await currentActors(queryClient)
    expect(actors.identities).toEqual([ACCOUNT])
    expect(actors.serverTokenConfigured).toBe(true)
    expect(vi.mocked(fetch)).toHaveBeenCalled()
  })

  it('with nothing known yet, a failed read means no accounts', async () => {
    const queryClient = new QueryClient({ defaultOptions: { queries: { retry: false } } })
    vi.stubGlobal(
      'fetch',
      vi.fn(async () => new Response('down', { status: 503 })),
    )
    const actors = await currentActors(queryClient)
    expect(actors.identities).toEqual([])
    expect(actors.players.length).toBeGreaterThan(0)
  })
})
