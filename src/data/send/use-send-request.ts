// The one path every call takes: send through the proxy, then record the exchange in history
// (which also files any invite handle it created). Never retried: a replayed invite is a new invite.
import { useMutation, useQueryClient } from '@tanstack/react-query'
import { AUTHORIZATION_HEADER, REDACTED_AUTHORIZATION, type WireRequest } from '../../mpsd/request-builder'
import { ProxyUnreachableError, sendThroughProxy } from '../../lib/proxy-client'
import { readAuthorization, readSettings } from '../settings/settings-store'
import { recordExchange } from '../history/history-store'
import { historyQueries } from '../history/history-queries'
import { handlesQueries } from '../handles/handles-queries'
import { statusClassOf, type HistoryEntry, type RequestKind } from '../history/history-entry'

export const SEND_MUTATION_KEY = ['send'] as const

export type SendInput = {
  request: WireRequest
  kind: RequestKind
  meta?: { scid?: string; xuid?: string; sessionName?: string; batchId?: string }
}

export async function sendAndRecord(input: SendInput, signal?: AbortSignal): Promise<HistoryEntry> {
  const settings = readSettings()
  const authorization = readAuthorization().value
  const startedAt = Date.now()
  const base = {
    id: crypto.randomUUID(),
    startedAt,
    kind: input.kind,
    upstream: settings.upstream,
    request: {
      method: input.request.method,
      path: input.request.path,
      headers: [...input.request.headers, [AUTHORIZATION_HEADER, REDACTED_AUTHORIZATION]] as Array<[string, string]>,
      ...(input.request.body === undefined ? {} : { body: input.request.body }),
    },
    ...(input.meta ?? {}),
  }
  let entry: HistoryEntry
  try {
    const res = await sendThroughProxy(
      input.request,
      { proxyUrl: settings.proxyUrl, upstream: settings.upstream, ...(authorization ? { authorization } : {}) },
      signal,
    )
    entry = {
      ...base,
      response: {
        status: res.status,
        statusText: res.statusText,
        headers: res.headers,
        body: res.body,
        sizeBytes: res.sizeBytes,
      },
      ...(res.proxyError ? { proxyError: res.proxyError } : {}),
      durationMs: res.durationMs,
      ...(res.upstreamMs === undefined ? {} : { upstreamMs: res.upstreamMs }),
      statusClass: statusClassOf(res.status, Boolean(res.proxyError)),
    }
  } catch (error) {
    if (!(error instanceof ProxyUnreachableError)) throw error
    entry = {
      ...base,
      networkError: error.message,
      durationMs: Date.now() - startedAt,
      statusClass: 'proxy',
    }
  }
  return recordExchange(entry)
}

export function useSendRequest() {
  const queryClient = useQueryClient()
  return useMutation({
    mutationKey: SEND_MUTATION_KEY,
    mutationFn: (input: SendInput) => sendAndRecord(input),
    onSettled: () =>
      Promise.all([
        queryClient.invalidateQueries({ queryKey: historyQueries.all() }),
        queryClient.invalidateQueries({ queryKey: handlesQueries.all() }),
      ]),
  })
}
