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
import { useMemo } from 'react'
import {
  sendOverridesOf,
  variablesOf,
  type Environment,
  type EnvironmentVariable,
  type SendOverrides,
} from '../../mpsd/environment'
import type { Variables } from '../../mpsd/variables'
import { settingsQueries, useSettings, useUpdateSettings } from '../settings/settings-queries'

const store = () => import('./environment-store')

export const environmentQueries = {
  all: () => ['environments'] as const,
  list: () =>
    queryOptions({
      queryKey: [...environmentQueries.all(), 'list'] as const,
      queryFn: async () => (await store()).listEnvironments(),
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

const NO_VARIABLES: Variables = Object.freeze({})
const NONE: VariableScope = {
  status: 'none',
  environment: undefined,
  variables: NO_VARIABLES,
  overrides: {},
}
const LOADING: VariableScope = { ...NONE, status: 'loading' }

export function scopeOf(
  activeId: string,
  environments: readonly Environment[] | undefined,
): VariableScope {
  if (activeId === '') return NONE
  if (!environments) return LOADING
  const environment = environments.find((env) => env.id === activeId)
  if (!environment) return NONE
  const variables = variablesOf(environment)
  return { status: 'ready', environment, variables, overrides: sendOverridesOf(variables) }
}

/** The active environment's variables; stable while neither the choice nor the list changes. */
export function useVariableScope(): VariableScope {
  const { activeEnvironmentId } = useSettings()
  // Nothing is read from IndexedDB until an environment is chosen.
  const { data } = useQuery({ ...environmentQueries.list(), enabled: activeEnvironmentId !== '' })
  return useMemo(() => scopeOf(activeEnvironmentId, data), [activeEnvironmentId, data])
}

/** The scope as the settings and environment queries hold it now, for code outside render. */
export async function currentVariableScope(queryClient: QueryClient): Promise<VariableScope> {
  const settings = await queryClient.fetchQuery(settingsQueries.current())
  if (settings.activeEnvironmentId === '') return NONE
  return scopeOf(
    settings.activeEnvironmentId,
    await queryClient.fetchQuery(environmentQueries.list()),
  )
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
