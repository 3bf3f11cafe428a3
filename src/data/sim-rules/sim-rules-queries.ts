// The simulator's rules and their modes (GET/PUT /api/sim/rules, decision 100): what Settings →
// Simulator rules lists and switches. A switch is saved to the server at once.
import { queryOptions, useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import { simRulesResponseSchema, type SimRuleMode } from '../../mpsd/sim-rules'
import { serverJson } from '../identities/server-json'

export const simRulesQueries = {
  all: () => ['sim-rules'] as const,
  list: () =>
    queryOptions({
      queryKey: [...simRulesQueries.all(), 'list'] as const,
      queryFn: async () => (await serverJson(simRulesResponseSchema, '/api/sim/rules')).rules,
      staleTime: 30_000,
    }),
}

export function useSimRules() {
  return useQuery(simRulesQueries.list())
}

export function useSetSimRuleMode() {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: async ({ id, mode }: { id: string; mode: SimRuleMode }) =>
      (
        await serverJson(simRulesResponseSchema, '/api/sim/rules', {
          method: 'PUT',
          body: JSON.stringify({ modes: { [id]: mode } }),
        })
      ).rules,
    // The answer is the whole list: shown at once; the meta refreshes every other view of it.
    onSuccess: (rules) => queryClient.setQueryData(simRulesQueries.list().queryKey, rules),
    meta: { records: ['sim-rules'] },
  })
}
