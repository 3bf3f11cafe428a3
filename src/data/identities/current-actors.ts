// Who a send can act as, read from the queries when it goes out (decision 022).
import type { QueryClient } from '@tanstack/react-query'
import { DEFAULT_SIM_PLAYERS } from '../../mpsd/default-sim-players'
import type { Actors } from '../settings/settings-queries'
import { upstreamsQueries } from '../settings/upstreams-queries'
import { identitiesQueries } from './identities-queries'
import { playersQueries } from './players-queries'

/** The roster, accounts and server token as the queries hold them; what the server cannot say is left out. */
export async function currentActors(queryClient: QueryClient): Promise<Actors> {
  // A failed read (server restarting, a blip) falls back to the last list the queries held: an
  // empty list would block every send as a signed-in account, failing the rest of a batch run.
  const [players, identities, upstreams] = await Promise.all([
    queryClient
      .fetchQuery(playersQueries.roster())
      .catch(
        () =>
          queryClient.getQueryData(playersQueries.roster().queryKey) ?? [...DEFAULT_SIM_PLAYERS],
      ),
    queryClient
      .fetchQuery(identitiesQueries.list())
      .catch(() => queryClient.getQueryData(identitiesQueries.list().queryKey) ?? []),
    queryClient
      .fetchQuery(upstreamsQueries.list())
      .catch(() => queryClient.getQueryData(upstreamsQueries.list().queryKey)),
  ])
  return {
    players,
    identities,
    serverTokenConfigured: upstreams?.xblAuthorizationConfigured ?? false,
  }
}
