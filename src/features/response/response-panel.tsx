import { useMutationState } from '@tanstack/react-query'
import { lazy, Suspense } from 'react'
import type { HistoryEntry } from '../../data/history/history-entry'
import { SEND_MUTATION_KEY } from '../../data/send/use-send-request'
import type { SendInput } from '../../data/send/send-and-record'
import { Alert } from '../../components/alert'
import { ExpectationResults } from '../../components/expectation-results'

// The answer viewer (and its lossless JSON parser) loads with the first answer, not at first paint.
const ExchangeView = lazy(() =>
  import('../../components/exchange-view').then((m) => ({ default: m.ExchangeView })),
)

type SendState = {
  status: string
  data: HistoryEntry | undefined
  error: Error | null
  variables: SendInput | undefined
}

/** Shows the latest call made with "Send", read from React Query's mutation cache. */
export function ResponsePanel() {
  const sends = useMutationState({
    filters: { mutationKey: SEND_MUTATION_KEY },
    select: (mutation): SendState => ({
      status: mutation.state.status,
      data: mutation.state.data as HistoryEntry | undefined,
      error: mutation.state.error,
      variables: mutation.state.variables as SendInput | undefined,
    }),
  })
  const latest = sends.at(-1)
  return (
    <section className="panel" aria-label="Response">
      <h2>Response</h2>
      {!latest ? <p className="muted">Send a request to see the answer here.</p> : null}
      {latest?.status === 'pending' ? <p role="status">Sending…</p> : null}
      {latest?.status === 'error' ? (
        <Alert as="div">
          <p>The request could not be sent: {latest.error?.message}</p>
        </Alert>
      ) : null}
      {/* Only a request's own expectations are listed: the implicit "Status is 2xx" is in History
          (and its filter), while a non-2xx answer already reads as one in the status line. */}
      {latest?.status === 'success' &&
      latest.data?.expectations &&
      latest.variables?.composed?.expect?.length ? (
        <ExpectationResults results={latest.data.expectations} />
      ) : null}
      {latest?.status === 'success' && latest.data ? (
        <Suspense fallback={<p role="status">Loading the answer…</p>}>
          <ExchangeView entry={latest.data} />
        </Suspense>
      ) : null}
    </section>
  )
}
