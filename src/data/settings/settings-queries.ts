import {
  queryOptions,
  useMutation,
  useQueryClient,
  useSuspenseQuery,
  type QueryClient,
} from '@tanstack/react-query'
import type { IdentityView } from '../../mpsd/identity'
import type { SimPlayer } from '../../mpsd/default-sim-players'
import { afterFirstPaint } from '../../lib/after-first-paint'
import type { Settings } from './settings-schema'
import {
  readAuthorization,
  readSettingsQuickly,
  writeAuthorization,
  type Authorization,
} from './settings-store'

// The rules (zod) load with the first check, after the first paint (decision 140).
const loadSchema = () => afterFirstPaint().then(() => import('./settings-schema'))

export const settingsQueries = {
  all: () => ['settings'] as const,
  current: () =>
    queryOptions({
      queryKey: [...settingsQueries.all(), 'current'] as const,
      queryFn: async () => (await loadSchema()).readSettings(),
      // Synchronous storage: with initialData nothing suspends, so the first render paints the
      // view (a suspended boundary is revealed no sooner than React's 300 ms throttle). It is the
      // quick read (decision 140), stale from the start (updated at 0), so the query checks it at
      // once with the schema; checked settings then stay fresh until they change.
      initialData: readSettingsQuickly,
      initialDataUpdatedAt: 0,
      staleTime: (query) => (query.state.dataUpdatedAt === 0 ? 0 : Infinity),
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

/**
 * The settings and whether the rules have checked them yet (decision 140): until they have, the
 * first render's quick read holds them, and nothing may be built from them to go out.
 */
export function useSettingsChecked(): { settings: Settings; checked: boolean } {
  const { data, dataUpdatedAt } = useSuspenseQuery(settingsQueries.current())
  // The quick read is the initial data, stamped 0; the checked read is stamped when it was made.
  return { settings: data, checked: dataUpdatedAt > 0 }
}

export function useAuthorization(): Authorization {
  return useSuspenseQuery(settingsQueries.authorization()).data
}

export function useUpdateSettings() {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: async (settings: Settings) => (await loadSchema()).writeSettings(settings),
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
