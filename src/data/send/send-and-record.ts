// The one path every call takes (Send, Replay, handle checks, batches): send through the proxy, then
// record the exchange in History, which also files any invite handle it created. Never retried: a
// replayed invite is a new invite.
import { resolveActing, senderOf, sentAuthorization } from '../../mpsd/acting-identity'
import { XBOX_LIVE_ORIGIN } from '../../mpsd/limits'
import { AUTHORIZATION_HEADER, type WireRequest } from '../../mpsd/request-builder'
import { DEFAULT_SIM_PLAYERS } from '../../mpsd/default-sim-players'
import { evaluateExpectations } from '../../mpsd/expectations'
import type { RequestEntity } from '../../mpsd/request-entity'
import { wireSummary } from '../../mpsd/wire-summary'
import { ProxyUnreachableError, sendThroughProxy } from '../../lib/proxy-client'
import type { SendSettings } from '../settings/settings-queries'
import { recordExchange } from '../history/history-write'
import { rememberSequence } from '../mpa/mpa-sequence-store'
import { redactKnownSecrets } from '../settings/known-secrets'
import {
  historyIdFor,
  statusClassOf,
  type HistoryEntry,
  type RequestKind,
} from '../history/history-entry'

export type SendInput = {
  request: WireRequest
  /**
   * The request as composed, when the call was built from one: stored beside the bytes, so "Open
   * in composer" reads it back rather than re-parsing the body, and History's filter fields
   * (SCID, session, XUID) are taken from it as sent.
   */
  composed?: RequestEntity
  kind: RequestKind
  meta?: { scid?: string; xuid?: string; sessionName?: string; batchId?: string }
  /** Replays and handle checks go where the original went, whatever Settings say now. */
  upstream?: string
  /** Who it goes out as (an "Act as" value); a batch run sends as the sender it started with. */
  actAs?: string
}

/** Sends with the settings given (read by the caller from the settings query, see currentSettings). */
export async function sendAndRecord(
  input: SendInput,
  { settings, authorization, actors }: SendSettings,
  signal?: AbortSignal,
): Promise<HistoryEntry> {
  const startedAt = Date.now()
  const upstream = input.upstream ?? settings.upstream
  // Who it goes out as (decision 022); a call nobody could authorise is stopped here, unsent.
  const acting = resolveActing({
    actAs: input.actAs ?? settings.actAs,
    upstream,
    xboxLiveUpstream: XBOX_LIVE_ORIGIN,
    token: authorization,
    serverTokenConfigured: actors?.serverTokenConfigured ?? false,
    players: actors?.players ?? DEFAULT_SIM_PLAYERS,
    identities: actors?.identities ?? [],
  })
  if (acting.kind === 'blocked') throw new Error(acting.message)
  const sentAs = sentAuthorization(acting)
  const sender = senderOf(acting)
  const base = {
    id: historyIdFor(startedAt),
    startedAt,
    kind: input.kind,
    upstream,
    request: {
      method: input.request.method,
      path: input.request.path,
      // Exactly the headers that went out: no Authorization line for a call that carried none.
      headers: [
        ...input.request.headers,
        ...(sentAs ? [[AUTHORIZATION_HEADER, sentAs]] : []),
      ] as Array<[string, string]>,
      ...(input.request.body === undefined ? {} : { body: input.request.body }),
    },
    ...(input.composed ? { composed: input.composed } : {}),
    ...cleanMeta({ ...(input.composed ? wireSummary(input.composed) : {}), ...input.meta }),
    ...(sender ? { sender } : {}),
  }
  // Noted before it goes: a PUT that times out may still have reached MPA (decision 110).
  rememberSequence(input.request)
  let entry: HistoryEntry
  try {
    const res = await sendThroughProxy(
      input.request,
      {
        proxyUrl: settings.proxyUrl,
        upstream,
        actAs: acting.header,
        ...(acting.kind === 'token' ? { authorization } : {}),
      },
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
  // A composed request (Send, Replay, batches, runs) is checked against what it expects.
  if (input.composed)
    entry = {
      ...entry,
      expectations: evaluateExpectations(input.composed.expect, {
        status: entry.response?.status ?? 0,
        headers: entry.response?.headers ?? [],
        bodyText: entry.response?.body ?? '',
        durationMs: entry.durationMs,
        now: Date.now(),
      }),
    }
  // The header is stored redacted above; this catches the token anywhere else (a body a user
  // pasted it into, an upstream echoing it back), so History never holds it.
  entry = redactKnownSecrets(entry)
  try {
    return await recordExchange(entry, {
      maxEntries: settings.historyMaxEntries,
      maxAgeDays: settings.historyMaxAgeDays,
    })
  } catch (error) {
    // IndexedDB unavailable (private mode, blocked upgrade): the answer is still shown, and the
    // user is told it was not kept rather than losing it silently.
    return { ...entry, storageError: error instanceof Error ? error.message : String(error) }
  }
}

/** Filter fields: empty ones left out, SCIDs lower-cased so the index matches however they were typed. */
function cleanMeta(meta: SendInput['meta'] = {}): SendInput['meta'] {
  const clean: NonNullable<SendInput['meta']> = {}
  for (const [key, value] of Object.entries(meta) as Array<
    [keyof typeof clean, string | undefined]
  >) {
    const trimmed = value?.trim()
    if (trimmed) clean[key] = key === 'scid' ? trimmed.toLowerCase() : trimmed
  }
  return clean
}
