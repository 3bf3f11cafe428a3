import {
  queryOptions,
  useMutation,
  useQueryClient,
  useSuspenseQuery,
  type QueryClient,
} from '@tanstack/react-query'
import type { IdentityView } from '../../mpsd/identity'
import type { SimPlayer } from '../../mpsd/default-sim-players'
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

/**
 * Settings and the token as the one settings query holds them, for code that runs outside render
 * (a send, a batch step): data code never reads storage itself. A change in another tab invalidates
 * the query (announced on the changes channel), so the next read picks it up.
 */
export async function currentSettings(queryClient: QueryClient): Promise<SendSettings> {
  const [settings, authorization, actors] = await Promise.all([
    queryClient.fetchQuery(settingsQueries.current()),
    queryClient.fetchQuery(settingsQueries.authorization()),
    // The roster and sign-ins load with the first send, not at first paint.
    import('../identities/current-actors').then((m) => m.currentActors(queryClient)),
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
