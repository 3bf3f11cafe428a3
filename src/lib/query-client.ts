import { QueryClient } from '@tanstack/react-query'

export function createQueryClient() {
  return new QueryClient({
    defaultOptions: {
      queries: { retry: 1, refetchOnWindowFocus: false },
      // Never retry a mutation by default: a replayed invite is a new invite [spec §4].
      mutations: { retry: false },
    },
  })
}
