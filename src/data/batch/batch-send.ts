// The batch's `send` in the browser: each XUID goes through sendAndRecord, the one path every call
// takes, so every invite is a History entry and every handle lands in the ledger, as a single Send.
import { CONTRACT_VERSION } from '../../mpsd/limits'
import type { InviteRequest } from '../../mpsd/request-entity'
import { inviteBody, toWire } from '../../mpsd/to-wire'
import { sendAndRecord } from '../send/send-and-record'
import type { SendSettings } from '../settings/settings-queries'
import type { HistoryEntry } from '../history/history-entry'
import { inviteFor } from './batch-run'
import type { PlannedRequest } from './batch-lint'
import {
  DEFAULT_RETRY_AFTER_MS,
  parseRetryAfter,
  type BatchSend,
  type SendOutcome,
} from './batch-runner'

/** The body a run sends to one XUID: the template's invite, built by toWire's builder. */
export function inviteBodyFor(template: InviteRequest, xuid: string) {
  return inviteBody(inviteFor(template, xuid))
}

/** The calls a batch will make, as the pre-send checks compare them with what History just sent. */
export function plannedInvites(
  template: InviteRequest,
  xuids: readonly string[],
  contractVersion: number = CONTRACT_VERSION,
): PlannedRequest[] {
  return xuids.map((xuid) => {
    const request = toWire(inviteFor(template, xuid), { contractVersion })
    return { method: request.method, path: request.path, body: request.body, xuid }
  })
}

function header(entry: HistoryEntry, name: string): string | undefined {
  return entry.response?.headers.find(([n]) => n.toLowerCase() === name)?.[1]
}

function firstLine(text: string): string {
  const line = text.trim().split(/\r?\n/)[0] ?? ''
  return line.length > 200 ? `${line.slice(0, 200)}…` : line
}

function handleIdOf(body: string): string | undefined {
  try {
    const id = (JSON.parse(body) as { id?: unknown } | null)?.id
    return typeof id === 'string' && id !== '' ? id : undefined
  } catch {
    return undefined
  }
}

/** Reads a recorded exchange as a batch outcome (pure: tested without a network). */
export function outcomeFromEntry(entry: HistoryEntry, now: number = Date.now()): SendOutcome {
  const historyId = entry.storageError ? {} : { historyId: entry.id }
  if (entry.networkError) return { kind: 'failed', error: entry.networkError, ...historyId }
  const response = entry.response
  if (!response) return { kind: 'failed', error: 'No answer', ...historyId }
  if (entry.proxyError) {
    return {
      kind: 'failed',
      status: response.status,
      error: `Proxy: ${entry.proxyError.message} (${entry.proxyError.code})`,
      ...historyId,
    }
  }
  if (response.status === 429) {
    return {
      kind: 'throttled',
      status: 429,
      retryAfterMs: parseRetryAfter(header(entry, 'retry-after'), now) ?? DEFAULT_RETRY_AFTER_MS,
      message: firstLine(response.body),
      ...historyId,
    }
  }
  if (response.status >= 200 && response.status < 300) {
    const handleId = entry.handleId ?? handleIdOf(response.body)
    return {
      kind: 'sent',
      status: response.status,
      ...(handleId ? { handleId } : {}),
      ...historyId,
    }
  }
  const detail = firstLine(response.body)
  return {
    kind: 'failed',
    status: response.status,
    error: `HTTP ${response.status}${response.statusText ? ` ${response.statusText}` : ''}${detail ? `: ${detail}` : ''}`,
    ...historyId,
  }
}

export function createRecordingSend(options: {
  contractVersion?: number
  upstream?: string
  /** Read for each invite, so a token set during a run is used from the next one. */
  settings: () => Promise<SendSettings>
}): BatchSend {
  return async (xuid, run) => {
    const invite = inviteFor(run.template, xuid)
    const entry = await sendAndRecord(
      {
        request: toWire(invite, { contractVersion: options.contractVersion ?? CONTRACT_VERSION }),
        composed: invite,
        kind: 'invite',
        ...((run.upstream ?? options.upstream)
          ? { upstream: run.upstream ?? options.upstream }
          : {}),
        ...(run.actAs === undefined ? {} : { actAs: run.actAs }),
        meta: { batchId: run.id },
      },
      await options.settings(),
    )
    return outcomeFromEntry(entry)
  }
}
