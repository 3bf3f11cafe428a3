// Who a send can act as, read from the queries when it goes out (decision 022).
import type { QueryClient } from '@tanstack/react-query'
import { DEFAULT_SIM_PLAYERS } from '../../mpsd/default-sim-players'
import type { Actors } from '../settings/settings-queries'
import { upstreamsQueries } from '../settings/upstreams-queries'
import { identitiesQueries } from './identities-queries'
import { playersQueries } from './players-queries'

/** The roster, accounts and server token as the queries hold them; what the server cannot say is left out. */
export async function currentActors(queryClient: QueryClient): Promise<Actors> {
  const [players, identities, upstreams] = await Promise.all([
    queryClient.fetchQuery(playersQueries.roster()).catch(() => [...DEFAULT_SIM_PLAYERS]),
    queryClient.fetchQuery(identitiesQueries.list()).catch(() => []),
    queryClient.fetchQuery(upstreamsQueries.list()).catch(() => undefined),
  ])
  return {
    players,
    identities,
    serverTokenConfigured: upstreams?.xblAuthorizationConfigured ?? false,
  }
}
