// What the Response panel announces when an answer arrives: one sentence a screen reader reads out.
import type { HistoryEntry } from '../../data/history/history-entry'

export function answerSummary(entry: HistoryEntry): string {
  const time = `${entry.durationMs.toFixed(0)} ms`
  if (entry.networkError) return `No answer: the proxy could not be reached (${time}).`
  if (entry.proxyError)
    return `No answer from upstream: proxy error ${entry.proxyError.code} (${time}).`
  if (!entry.response) return `No answer (${time}).`
  const { status, statusText } = entry.response
  return `Answer: ${status}${statusText ? ` ${statusText}` : ''} in ${time}.`
}
