// The simulator's roster (GET/PUT /api/sim/players) and each player's inbox (GET /api/sim/inbox/:xuid).
import { queryOptions, useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import { DEFAULT_SIM_PLAYERS, type SimPlayer } from '../../mpsd/default-sim-players'
import { serverJson } from './server-json'

// The schemas load with the first answer: the Act as menu is in the first load, validation is not.
const schemas = () => import('../../mpsd/sim-players')

export const playersQueries = {
  all: () => ['sim-players'] as const,
  roster: () =>
    queryOptions({
      queryKey: [...playersQueries.all(), 'roster'] as const,
      queryFn: async () =>
        (await serverJson((await schemas()).simRosterResponseSchema, '/api/sim/players')).players,
      // The roster a fresh server has, until the real one arrives: the Act as menu paints at once.
      placeholderData: [...DEFAULT_SIM_PLAYERS],
      staleTime: 30_000,
    }),
  inbox: (xuid: string) =>
    queryOptions({
      queryKey: [...playersQueries.all(), 'inbox', xuid] as const,
      queryFn: async () =>
        serverJson(
          (await schemas()).inboxResponseSchema,
          `/api/sim/inbox/${encodeURIComponent(xuid)}`,
        ),
      staleTime: 0,
    }),
}

export function useSimPlayers() {
  return useQuery(playersQueries.roster())
}

export function useInbox(xuid: string | undefined) {
  return useQuery({ ...playersQueries.inbox(xuid ?? ''), enabled: Boolean(xuid) })
}

export function useSaveSimPlayers() {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: async (players: SimPlayer[]) =>
      (
        await serverJson((await schemas()).simRosterResponseSchema, '/api/sim/players', {
          method: 'PUT',
          body: JSON.stringify({ players }),
        })
      ).players,
    onSuccess: (players) => queryClient.setQueryData(playersQueries.roster().queryKey, players),
  })
}
