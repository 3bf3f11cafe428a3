// Signed-in Xbox accounts (GET /api/identities) and the device-code sign-in (decision 021). Only the
// public view reaches the browser: tokens stay in the server.
import { queryOptions, useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import { useEffect } from 'react'
import { z } from 'zod'
import { refreshRecords } from '../../lib/query-client'
import type { SignInRequest } from '../../mpsd/identity'
import { serverJson } from './server-json'

// The schemas load with the first answer: the Act as menu is in the first load, validation is not.
const schemas = () => import('../../mpsd/identity')

export const identitiesQueries = {
  all: () => ['identities'] as const,
  list: () =>
    queryOptions({
      queryKey: [...identitiesQueries.all(), 'list'] as const,
      queryFn: async () =>
        (await serverJson((await schemas()).identityListSchema, '/api/identities')).identities,
      staleTime: 30_000,
    }),
  flow: (flowId: string, intervalMs: number) =>
    queryOptions({
      queryKey: [...identitiesQueries.all(), 'flow', flowId] as const,
      queryFn: async () =>
        serverJson(
          (await schemas()).signInStatusSchema,
          `/api/identities/sign-in/${encodeURIComponent(flowId)}`,
        ),
      // The server polls Microsoft; the browser only watches, at the interval Microsoft asked for.
      refetchInterval: (query) =>
        query.state.data && query.state.data.status !== 'pending' ? false : intervalMs,
      staleTime: 0,
    }),
}

export function useIdentities() {
  return useQuery(identitiesQueries.list())
}

/** A sign-in in progress; once it ends signed in, the accounts are read again (a write, as policy). */
export function useSignInFlow(flowId: string | undefined, intervalMs: number) {
  const queryClient = useQueryClient()
  const flow = useQuery({
    ...identitiesQueries.flow(flowId ?? '', intervalMs),
    enabled: Boolean(flowId),
  })
  const signedIn = flow.data?.status === 'signed-in'
  useEffect(() => {
    if (signedIn) void refreshRecords(queryClient, ['identities'])
  }, [signedIn, queryClient])
  return flow
}

export function useStartSignIn() {
  return useMutation({
    mutationFn: async (request: SignInRequest) =>
      serverJson((await schemas()).signInStartedSchema, '/api/identities/sign-in', {
        method: 'POST',
        body: JSON.stringify(request),
      }),
  })
}

export function useCancelSignIn() {
  return useMutation({
    mutationFn: async (flowId: string) => {
      await fetch(`/api/identities/sign-in/${encodeURIComponent(flowId)}`, { method: 'DELETE' })
    },
  })
}

export function useSignOut() {
  return useMutation({
    mutationFn: (id: string) =>
      serverJson(z.undefined(), `/api/identities/${encodeURIComponent(id)}`, { method: 'DELETE' }),
    meta: { records: ['identities'] },
  })
}
