// For the bench (and the loopback tests): time N invites through the real runner with a plain
// fetch sender that posts to `${baseUrl}/proxy/handles`, as the browser does minus IndexedDB.
// Framework-free and browser-free, so `tsx bench/run.ts` can import it.
import { postHandleRequest } from '../src/mpsd/request-builder'
import { newBatchRun, type BatchRun, type BatchTemplate } from '../src/data/batch/batch-run'
import {
  parseRetryAfter,
  DEFAULT_RETRY_AFTER_MS,
  realClock,
  runBatch,
  type BatchSend,
  type Clock,
} from '../src/data/batch/batch-runner'
import { inviteBodyFor } from '../src/data/batch/batch-send'
import { MPSD_BUDGETS, type Budget } from '../src/mpsd/token-bucket'
import { BENCH_SCID } from './mpsd-request'

// The session createBenchSession (mpsd-request.ts) creates: the simulator's strict rules refuse
// invites to a session that does not exist (decision 100).
export const BENCH_TEMPLATE: BatchTemplate = {
  scid: BENCH_SCID,
  templateName: 'deathmatch',
  sessionName: 'bench-session',
  titleId: '1234',
}

/** A BatchSend that calls the Workbench proxy with fetch (Node 20 or a browser). */
export function createProxyInviteSend(options: {
  baseUrl: string
  authorization: string
  upstream?: string
  fetch?: typeof fetch
  /** Appended to the path, e.g. '?sim_throttle=off' (simulator hooks). */
  query?: string
}): BatchSend {
  const doFetch = options.fetch ?? fetch
  return async (xuid, run) => {
    const request = postHandleRequest(inviteBodyFor(run.template, xuid))
    let response: Response
    try {
      response = await doFetch(
        `${options.baseUrl.replace(/\/+$/, '')}/proxy${request.path}${options.query ?? ''}`,
        {
          method: request.method,
          headers: [
            ...request.headers,
            ['Authorization', options.authorization],
            ['X-Workbench-Upstream', options.upstream ?? 'simulator'],
          ],
          body: request.body ?? null,
        },
      )
    } catch (error) {
      return { kind: 'failed', error: error instanceof Error ? error.message : String(error) }
    }
    const text = await response.text()
    if (response.status === 429) {
      return {
        kind: 'throttled',
        status: 429,
        retryAfterMs:
          parseRetryAfter(response.headers.get('retry-after')) ?? DEFAULT_RETRY_AFTER_MS,
      }
    }
    if (response.ok) {
      let handleId: string | undefined
      try {
        const id = (JSON.parse(text) as { id?: unknown }).id
        handleId = typeof id === 'string' ? id : undefined
      } catch {
        handleId = undefined
      }
      return { kind: 'sent', status: response.status, ...(handleId ? { handleId } : {}) }
    }
    return {
      kind: 'failed',
      status: response.status,
      error: `HTTP ${response.status}: ${text.slice(0, 200)}`,
    }
  }
}

export type InviteTiming = {
  count: number
  sent: number
  failed: number
  throttled: number
  elapsedMs: number
  /** Per-invite overhead when pacing never waited (budgets off), else pacing dominates. */
  msPerInvite: number
  run: BatchRun
}

/**
 * Times `count` invites through runBatch. Pass `budgets: []` to measure the pipeline alone (the
 * simulator must then be started with SIM_THROTTLE=off or the sender given '?sim_throttle=off');
 * with MPSD's budgets, 1,000 invites take at least 900 s by design.
 */
export async function timeInvites(options: {
  count: number
  send: BatchSend
  budgets?: readonly Budget[]
  clock?: Clock
  template?: BatchTemplate
  firstXuid?: bigint
}): Promise<InviteTiming> {
  const clock = options.clock ?? realClock
  const first = options.firstXuid ?? 2533274790000001n
  const xuids = Array.from({ length: options.count }, (_, i) => String(first + BigInt(i)))
  const initial = newBatchRun({
    template: options.template ?? BENCH_TEMPLATE,
    xuids,
    budgets: options.budgets ?? MPSD_BUDGETS,
    now: clock.now(),
  })
  let throttled = 0
  const send: BatchSend = async (xuid, run) => {
    const outcome = await options.send(xuid, run)
    if (outcome.kind === 'throttled') throttled++
    return outcome
  }
  const started = performance.now()
  const run = await runBatch(initial, { send, clock })
  const elapsedMs = performance.now() - started
  const sent = run.items.filter((i) => i.status === 'sent').length
  return {
    count: options.count,
    sent,
    failed: run.items.filter((i) => i.status === 'failed').length,
    throttled,
    elapsedMs,
    msPerInvite: options.count > 0 ? elapsedMs / options.count : 0,
    run,
  }
}
