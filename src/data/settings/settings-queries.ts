import {
  queryOptions,
  useMutation,
  useQueryClient,
  useSuspenseQuery,
  type QueryClient,
} from '@tanstack/react-query'
import type { IdentityView } from '../../mpsd/identity'
import { DEFAULT_SIM_PLAYERS, type SimPlayer } from '../../mpsd/sim-players'
import {
  readAuthorization,
  readSettings,
  writeAuthorization,
  writeSettings,
  type Authorization,
  type Settings,
} from './settings-store'

export const settingsQueries = {
  all: () => ['settings'] as const,
  current: () =>
    queryOptions({
      queryKey: [...settingsQueries.all(), 'current'] as const,
      queryFn: readSettings,
      // Synchronous storage: with initialData nothing suspends, so the first render paints the
      // view (a suspended boundary is revealed no sooner than React's 300 ms throttle).
      initialData: readSettings,
      staleTime: Infinity,
      networkMode: 'always',
    }),
  // The token sits in React Query's in-memory cache only; it is never persisted by the cache.
  authorization: () =>
    queryOptions({
      queryKey: [...settingsQueries.all(), 'authorization'] as const,
      queryFn: readAuthorization,
      initialData: readAuthorization,
      staleTime: Infinity,
      gcTime: Infinity,
      networkMode: 'always',
    }),
}

/** Who can be acted as (decision 022): the simulator's roster, signed-in accounts, the server's token. */
export type Actors = {
  players: readonly SimPlayer[]
  identities: readonly IdentityView[]
  serverTokenConfigured: boolean
}

/** What a send needs to know, read when it goes out. Without `actors`: the default roster only. */
export type SendSettings = { settings: Settings; authorization: string; actors?: Actors }

/** The roster, accounts and server token as the queries hold them; what the server cannot say is left out. */
export async function currentActors(queryClient: QueryClient): Promise<Actors> {
  const [{ playersQueries }, { identitiesQueries }, { upstreamsQueries }] = await Promise.all([
    import('../identities/players-queries'),
    import('../identities/identities-queries'),
    import('./upstreams-queries'),
  ])
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

/**
 * Settings and the token as the one settings query holds them, for code that runs outside render
 * (a send, a batch step): data code never reads storage itself. A change in another tab invalidates
 * the query (announced on the changes channel), so the next read picks it up.
 */
export async function currentSettings(queryClient: QueryClient): Promise<SendSettings> {
  const [settings, authorization, actors] = await Promise.all([
    queryClient.fetchQuery(settingsQueries.current()),
    queryClient.fetchQuery(settingsQueries.authorization()),
    currentActors(queryClient),
  ])
  return { settings, authorization: authorization.value, actors }
}

export function useSettings(): Settings {
  return useSuspenseQuery(settingsQueries.current()).data
}

export function useAuthorization(): Authorization {
  return useSuspenseQuery(settingsQueries.authorization()).data
}

export function useUpdateSettings() {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: async (settings: Settings) => writeSettings(settings),
    onSuccess: (saved) => queryClient.setQueryData(settingsQueries.current().queryKey, saved),
  })
}

export function useUpdateAuthorization() {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: async (authorization: Authorization) => writeAuthorization(authorization),
    onSuccess: (saved) => queryClient.setQueryData(settingsQueries.authorization().queryKey, saved),
  })
}
