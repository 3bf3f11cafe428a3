import { queryOptions, useQuery } from '@tanstack/react-query'
import { z } from 'zod'

const upstreamsResponseSchema = z.object({
  upstreams: z.array(z.object({ origin: z.string(), label: z.string() })),
  xblAuthorizationConfigured: z.boolean(),
  /** The server has WORKBENCH_MSA_CLIENT_ID: sign-in works without a Client ID in Settings. */
  signInConfigured: z.boolean().optional(),
})
export type UpstreamsResponse = z.infer<typeof upstreamsResponseSchema>

export async function fetchUpstreams(): Promise<UpstreamsResponse> {
  const response = await fetch('/api/upstreams')
  if (!response.ok) throw new Error(`The server answered ${response.status} for /api/upstreams`)
  return upstreamsResponseSchema.parse(await response.json())
}

export const upstreamsQueries = {
  all: () => ['upstreams'] as const,
  list: () =>
    queryOptions({
      queryKey: [...upstreamsQueries.all(), 'list'] as const,
      queryFn: fetchUpstreams,
      staleTime: 60_000,
    }),
}

export function useUpstreams() {
  return useQuery(upstreamsQueries.list())
}
