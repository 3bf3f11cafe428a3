// Batch section: 1,000 invites sent one after another, one POST per XUID, as the SDK does, through
// the Workbench proxy to the simulator with throttling off. When the app's batch runner is present
// (bench/batch-bench.ts: runBatch with an injectable send) the figure is the real runner
// with a Node fetch sender; otherwise the bench's own sequential loop, labelled as such.
// Reference: the same 1,000 invites straight to the simulator, by the same loop, in the same run.
import { Pool } from 'undici'
import { INVITE_HEADERS, benchXuid, inviteBody } from './mpsd-request'
import type { Figure } from './table'

export const BATCH_SIZE = 1_000
export const BATCH_TARGET_S = 10
const AUTHORIZATION = INVITE_HEADERS.authorization ?? 'XBL3.0 x=bench;token'

export type SendInvite = (xuid: string) => Promise<number>
type Outcome = { seconds: number; failed: number }

/** Sends every XUID in order, awaiting each answer before the next; returns seconds and failures. */
export async function runSequentialBatch(
  xuids: readonly string[],
  send: SendInvite,
): Promise<Outcome> {
  const started = performance.now()
  let failed = 0
  for (const xuid of xuids) if ((await send(xuid)) !== 201) failed++
  return { seconds: (performance.now() - started) / 1000, failed }
}

const xuidsFrom = (offset: number, count = BATCH_SIZE) =>
  Array.from({ length: count }, (_, i) => benchXuid(offset + i))

/** The app's runner, or undefined when its module is missing or does not load (work in progress). */
async function loadRunner() {
  try {
    return await import('./batch-bench')
  } catch {
    return undefined
  }
}

async function viaRunner(
  serverUrl: string,
  path: '/proxy' | '/sim',
  runner: NonNullable<Awaited<ReturnType<typeof loadRunner>>>,
  firstXuid: bigint,
): Promise<Outcome> {
  // createProxyInviteSend posts to `${baseUrl}/proxy/handles`; the reference goes to the simulator
  // directly with the same request, so the only difference is the proxy hop.
  const send =
    path === '/proxy'
      ? runner.createProxyInviteSend({ baseUrl: serverUrl, authorization: AUTHORIZATION })
      : runner.createProxyInviteSend({
          baseUrl: serverUrl,
          authorization: AUTHORIZATION,
          fetch: (input, init) =>
            fetch(String(input).replace(`${serverUrl}/proxy/`, `${serverUrl}/sim/`), init),
        })
  // budgets: [] turns the runner's pacing off, matching the simulator's throttling being off.
  const timing = await runner.timeInvites({ count: BATCH_SIZE, send, budgets: [], firstXuid })
  return { seconds: timing.elapsedMs / 1000, failed: timing.failed + timing.throttled }
}

export async function measureBatch(serverUrl: string): Promise<Figure[]> {
  const runner = await loadRunner()
  if (runner) {
    await viaRunner(serverUrl, '/proxy', runner, 2533274790900000n) // warm-up, not recorded
    const reference = await viaRunner(serverUrl, '/sim', runner, 2533274790100000n)
    const proxied = await viaRunner(serverUrl, '/proxy', runner, 2533274790200000n)
    return [
      batchFigure(
        proxied,
        reference,
        'runBatch from src/data/batch with a Node fetch sender (budgets off)',
      ),
    ]
  }
  // One keep-alive connection, like a browser tab sending in sequence.
  const pool = new Pool(serverUrl, { connections: 1 })
  const sender =
    (path: string, extra: Record<string, string>): SendInvite =>
    async (xuid) => {
      const response = await pool.request({
        method: 'POST',
        path,
        headers: { ...INVITE_HEADERS, ...extra },
        body: inviteBody(xuid),
      })
      await response.body.text()
      return response.statusCode
    }
  try {
    const viaProxy = sender('/proxy/handles', { 'x-workbench-upstream': 'simulator' })
    await runSequentialBatch(xuidsFrom(900_000, 50), viaProxy) // warm-up, not recorded
    const reference = await runSequentialBatch(xuidsFrom(100_000), sender('/sim/handles', {}))
    const proxied = await runSequentialBatch(xuidsFrom(200_000), viaProxy)
    return [
      batchFigure(
        proxied,
        reference,
        "the bench's own sequential loop: bench/batch-bench.ts did not load",
      ),
    ]
  } finally {
    await pool.close()
  }
}

function batchFigure(proxied: Outcome, reference: Outcome, how: string): Figure {
  return {
    section: 'batch',
    figure: `Batch of ${BATCH_SIZE} invites via proxy`,
    value: proxied.seconds,
    unit: 's',
    reference: reference.seconds,
    referenceLabel: 'straight to sim',
    target: `≤ ${BATCH_TARGET_S} s`,
    pass: proxied.seconds <= BATCH_TARGET_S && proxied.failed === 0,
    note: `sent by ${how}; ${proxied.failed} failed via proxy, ${reference.failed} failed direct`,
  }
}
