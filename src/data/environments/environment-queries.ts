// Query factory and mutations for environments (decision 131). Keys: ['environments'] > 'list'.
// Writes declare `meta.records`; the query client's after-write policy refreshes the views. The
// store (and its zod schema) loads with the first read, not with the composer's first paint.
import {
  queryOptions,
  useMutation,
  useQuery,
  useQueryClient,
  type QueryClient,
} from '@tanstack/react-query'
import type { Environment, EnvironmentVariable, SendOverrides } from '../../mpsd/environment'
import type { Variables } from '../../mpsd/variables'
import { settingsQueries, useSettings, useUpdateSettings } from '../settings/settings-queries'

const store = () => import('./environment-store')
// The file parser shares its module with variablesOf: both stay out of the composer's first load.
const scopes = () => import('./environment-scope')

export const environmentQueries = {
  all: () => ['environments'] as const,
  list: () =>
    queryOptions({
      queryKey: [...environmentQueries.all(), 'list'] as const,
      queryFn: async () => (await store()).listEnvironments(),
      staleTime: Infinity,
      networkMode: 'always',
    }),
  /** The variables of environment `id`, resolved for Compose; under the root, so writes refresh it. */
  scope: (id: string) =>
    queryOptions({
      queryKey: [...environmentQueries.all(), 'scope', id] as const,
      queryFn: async () => {
        const [{ listEnvironments }, { scopeOf }] = await Promise.all([store(), scopes()])
        return scopeOf(id, await listEnvironments())
      },
      staleTime: Infinity,
      networkMode: 'always',
    }),
}

export function useEnvironments() {
  return useQuery(environmentQueries.list())
}

/**
 * What `{{variables}}` resolve against now. `loading`: the chosen environment is being read, so
 * nothing may be sent yet. `none`: no environment chosen (or the chosen one was deleted).
 */
export type VariableScope = {
  status: 'none' | 'loading' | 'ready'
  environment: Environment | undefined
  variables: Variables
  overrides: SendOverrides
}

export const NO_VARIABLES: Variables = Object.freeze({})
export const NO_SCOPE: VariableScope = {
  status: 'none',
  environment: undefined,
  variables: NO_VARIABLES,
  overrides: {},
}
const LOADING: VariableScope = { ...NO_SCOPE, status: 'loading' }

/** The active environment's variables; stable while neither the choice nor the environment changes. */
export function useVariableScope(): VariableScope {
  return useVariableScopeOf(useSettings().activeEnvironmentId)
}

/** The variables of environment `activeEnvironmentId` ('' = none), for a caller that has the settings. */
export function useVariableScopeOf(activeEnvironmentId: string): VariableScope {
  // Nothing is read from IndexedDB until an environment is chosen.
  const { data } = useQuery({
    ...environmentQueries.scope(activeEnvironmentId),
    enabled: activeEnvironmentId !== '',
  })
  return activeEnvironmentId === '' ? NO_SCOPE : (data ?? LOADING)
}

/** The scope as the settings and environment queries hold it now, for code outside render. */
export async function currentVariableScope(queryClient: QueryClient): Promise<VariableScope> {
  const settings = await queryClient.fetchQuery(settingsQueries.current())
  if (settings.activeEnvironmentId === '') return NO_SCOPE
  return queryClient.fetchQuery(environmentQueries.scope(settings.activeEnvironmentId))
}

/** Picks the active environment ('' = none); kept with the settings, so it survives a reload. */
export function useSetActiveEnvironment() {
  const settings = useSettings()
  const update = useUpdateSettings()
  return (id: string) => update.mutate({ ...settings, activeEnvironmentId: id })
}

const records = { records: ['environments'] } as const

export function useCreateEnvironment() {
  return useMutation({
    mutationFn: async ({
      name,
      variables,
    }: {
      name: string
      variables?: readonly EnvironmentVariable[]
    }) => (await store()).createEnvironment(name, variables),
    meta: records,
  })
}

export function useUpdateEnvironment() {
  return useMutation({
    mutationFn: async ({
      id,
      name,
      variables,
    }: {
      id: string
      name?: string
      variables?: readonly EnvironmentVariable[]
    }) =>
      (await store()).updateEnvironment(id, {
        ...(name === undefined ? {} : { name }),
        ...(variables === undefined ? {} : { variables }),
      }),
    meta: records,
  })
}

export function useDuplicateEnvironment() {
  return useMutation({
    mutationFn: async (id: string) => (await store()).duplicateEnvironment(id),
    meta: records,
  })
}

/** Deletes; the active choice falls back to "No environment" when it was this one. */
export function useDeleteEnvironment() {
  const queryClient = useQueryClient()
  const update = useUpdateSettings()
  return useMutation({
    mutationFn: async (id: string) => {
      await (await store()).deleteEnvironment(id)
      const settings = await queryClient.fetchQuery(settingsQueries.current())
      if (settings.activeEnvironmentId === id)
        await update.mutateAsync({ ...settings, activeEnvironmentId: '' })
    },
    meta: records,
  })
}

export function useImportEnvironment() {
  return useMutation({
    mutationFn: async (text: string) => (await store()).importEnvironment(text),
    meta: records,
  })
}
