// Proxy failures read as what they are, each with what to do next, so nobody mistakes a proxy
// refusal for an MPSD answer.
import type { HistoryEntry } from '../data/history/history-entry'

export type FailureMessage = { title: string; detail: string; next: string }

export function describeFailure(entry: HistoryEntry, proxyUrl: string): FailureMessage | undefined {
  if (entry.networkError) {
    return {
      title: `Proxy unreachable at ${proxyUrl}`,
      detail: entry.networkError,
      next: 'Check that `npm start` is running, or fix "Proxy URL" in Settings.',
    }
  }
  const error = entry.proxyError
  if (!error) return undefined
  switch (error.code) {
    case 'upstream_not_allowed':
      return {
        title: 'Upstream not allowed',
        detail: error.message,
        next: 'Pick an allowed upstream in Settings, or add the origin to WORKBENCH_UPSTREAMS and restart.',
      }
    case 'timeout':
    case 'connect_timeout':
      return {
        title: `Timed out after ${(entry.durationMs / 1000).toFixed(1)} s`,
        detail: error.message,
        next: 'The upstream is slow or down; try again later. Invites are never retried automatically.',
      }
    case 'upstream_unreachable':
      return {
        title: 'Upstream unreachable',
        detail: error.message,
        next: 'Check the upstream address and your network.',
      }
    case 'request_too_large':
      return {
        title: 'Request too large',
        detail: error.message,
        next: 'Shorten the body; the proxy accepts at most 1 MiB.',
      }
    case 'response_too_large':
      return {
        title: 'Response too large',
        detail: error.message,
        next: 'The proxy passes at most 10 MiB back.',
      }
    case 'origin_not_allowed':
      return {
        title: 'Origin not allowed',
        detail: error.message,
        next: 'Open the dashboard from the address `npm start` printed.',
      }
    default:
      return {
        title: `Proxy error: ${error.code}`,
        detail: error.message,
        next: 'See the message above.',
      }
  }
}
