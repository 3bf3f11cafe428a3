// Component tests render inside a fresh QueryClient (the app's, no retries, no shared cache) and a Suspense
// boundary, as the app does; only tests import this.
import { QueryClientProvider } from '@tanstack/react-query'
import { render } from '@testing-library/react'
import { Suspense, type ReactElement } from 'react'
import { createQueryClient } from '../lib/query-client'

export function renderWithProviders(ui: ReactElement) {
  // The app's client (its after-write policy included), without retries.
  const queryClient = createQueryClient({ queries: { retry: false } })
  const result = render(
    <QueryClientProvider client={queryClient}>
      <Suspense fallback={<p>Loading…</p>}>{ui}</Suspense>
    </QueryClientProvider>,
  )
  return { ...result, queryClient }
}
