import { useMutationState } from '@tanstack/react-query'
import { lazy, Suspense, useEffect, useRef, useState } from 'react'
import type { HistoryEntry } from '../../data/history/history-entry'
import { COMPOSE_SEND_KEY } from '../../data/send/use-send-request'
import type { SendInput } from '../../data/send/send-and-record'
import { Alert } from '../../components/alert'
import { isTyping } from '../../components/is-typing'
import { answerSummary } from './answer-summary'
import { ExpectationResults } from '../../components/expectation-results'

// The answer viewer (and its lossless JSON parser) loads with the first answer, not at first paint.
const ExchangeView = lazy(() =>
  import('../../components/exchange-view').then((m) => ({ default: m.ExchangeView })),
)

type SendState = {
  mutationId: number
  status: string
  data: HistoryEntry | undefined
  error: Error | null
  variables: SendInput | undefined
}

/**
 * Shows the latest call made with Compose's "Send", read from React Query's mutation cache. An
 * answer that arrives while the panel is on screen is announced politely and, unless the user is
 * typing, takes the focus (the Send button is disabled while sending, so focus had nowhere to go).
 */
export function ResponsePanel() {
  const sends = useMutationState({
    filters: { mutationKey: COMPOSE_SEND_KEY },
    select: (mutation): SendState => ({
      mutationId: mutation.mutationId,
      status: mutation.state.status,
      data: mutation.state.data as HistoryEntry | undefined,
      error: mutation.state.error,
      variables: mutation.state.variables as SendInput | undefined,
    }),
  })
  const latest = sends.at(-1)
  // An answer already there when the panel mounts (coming back to Compose) is neither announced
  // nor focused: only answers that arrive while it is on screen are news. A send still pending at
  // mount counts: the panel loads lazily, so a quick Send can start before it is there.
  const [settledAtMount] = useState(() => {
    const last = sends.at(-1)
    return last && last.status !== 'pending' ? last.mutationId : -1
  })
  const fresh = latest !== undefined && latest.mutationId > settledAtMount
  const announcement =
    fresh && latest.status === 'success' && latest.data
      ? answerSummary(latest.data)
      : fresh && latest.status === 'error'
        ? `The request could not be sent: ${latest.error?.message ?? ''}`
        : ''
  const errorRef = useRef<HTMLDivElement>(null)
  useEffect(() => {
    if (fresh && latest.status === 'error' && !isTyping()) errorRef.current?.focus()
  }, [fresh, latest?.status, latest?.mutationId])
  return (
    <section className="panel" aria-label="Response">
      <h2>Response</h2>
      {/* Always in the page, so the text that appears in it is announced. */}
      <p className="visually-hidden" aria-live="polite" data-testid="response-announcement">
        {announcement}
      </p>
      {!latest ? <p className="muted">Send a request to see the answer here.</p> : null}
      {latest?.status === 'pending' ? <p role="status">Sending…</p> : null}
      {latest?.status === 'error' ? (
        <div ref={errorRef} tabIndex={-1}>
          <Alert as="div">
            <p>The request could not be sent: {latest.error?.message}</p>
          </Alert>
        </div>
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
          <ExchangeView key={latest.data.id} entry={latest.data} focusOnMount={fresh} />
        </Suspense>
      ) : null}
    </section>
  )
}
