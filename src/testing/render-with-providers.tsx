// Component tests render inside a fresh QueryClient (no retries, no shared cache) and a Suspense
// boundary, as the app does; only tests import this.
import { QueryClient, QueryClientProvider } from '@tanstack/react-query'
import { render } from '@testing-library/react'
import { Suspense, type ReactElement } from 'react'

export function renderWithProviders(ui: ReactElement) {
  const queryClient = new QueryClient({
    defaultOptions: { queries: { retry: false }, mutations: { retry: false } },
  })
  const result = render(
    <QueryClientProvider client={queryClient}>
      <Suspense fallback={<p>Loading…</p>}>{ui}</Suspense>
    </QueryClientProvider>,
  )
  return { ...result, queryClient }
}
