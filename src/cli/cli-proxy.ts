// The Workbench's proxy core and simulator, in the CLI's own process: `run` sends every request
// through the same rules as the dashboard (allowlisted upstreams, path checks, caps, Act as, the
// token injected server-side) without opening a port. Against the simulator the call never leaves
// the process; against Xbox Live or a custom origin it goes out as the proxy sends it.
import {
  SIMULATOR_UPSTREAM,
  ACT_AS_HEADER,
  PROXY_ERROR_HEADER,
  UPSTREAM_HEADER,
} from '../mpsd/proxy-protocol'
import { XBOX_LIVE_ORIGIN } from '../mpsd/limits'
import { redactText, secretsOfAuthorization } from '../mpsd/redact'
import type { StepAnswer } from '../mpsd/run/run-steps'
import type { RunStep } from '../mpsd/run/run-plan'
import type { SimRuleMode } from '../mpsd/sim-rules'
import { readAuthConfig } from '../server/auth/auth-config'
import { createIdentities, type Identities } from '../server/auth/identities'
import { createByteBudget } from '../server/byte-budget'
import { createLogger } from '../server/logger'
import { createProxyApp } from '../server/proxy/proxy'
import { createSimulatorApp } from '../server/simulator/simulator'

/** The server's defaults (config.ts): the same budget and timeouts the dashboard's proxy has. */
const BUFFER_BUDGET_BYTES = 64 * 1024 * 1024
const CONNECT_TIMEOUT_MS = 5_000
const TOTAL_TIMEOUT_MS = 30_000

export type CliProxyOptions = {
  /** `simulator`, the Xbox Live origin, or a custom origin. */
  upstream: string
  simRules: SimRuleMode
  /** Off for the bench: the simulator answers without MPSD's per-user throttling. */
  throttle: boolean
  /** MPSD_AUTHORIZATION, when set; never printed, never written. */
  authorization: string | undefined
  env: NodeJS.ProcessEnv
}

export type CliProxy = {
  send: (step: RunStep) => Promise<StepAnswer>
  /** Who the calls go out as, for the report: never the token. */
  sender: string
  close: () => Promise<void>
}

export class CliInputError extends Error {}

/** `sim`, `xbox` or an http(s) origin, as the proxy's upstream id. */
export function upstreamOf(value: string): string {
  if (value === 'sim' || value === SIMULATOR_UPSTREAM) return SIMULATOR_UPSTREAM
  if (value === 'xbox') return XBOX_LIVE_ORIGIN
  let url: URL
  try {
    url = new URL(value)
  } catch {
    throw new CliInputError(
      `--upstream takes sim, xbox or an origin such as https://mpsd-mock.example.com, not "${value}"`,
    )
  }
  if (
    (url.protocol !== 'https:' && url.protocol !== 'http:') ||
    url.origin !== value.replace(/\/$/, '')
  )
    throw new CliInputError(
      `--upstream must be an origin (scheme, host and port, no path), not "${value}"`,
    )
  return url.origin
}

export async function createCliProxy(options: CliProxyOptions): Promise<CliProxy> {
  const secrets = secretsOfAuthorization(options.authorization ?? '')
  // The proxy's log lines are the server's, not the CLI's output: dropped (and redacted anyway).
  const logger = createLogger(
    () => {},
    () => secrets,
  )
  const simulator = createSimulatorApp({
    latencyMs: 0,
    failRate: 0,
    throttle: options.throttle,
    // Strict or lenient for every rule, as the dashboard's Settings → Simulator rules.
    rules: options.simRules,
  })
  const upstream = options.upstream
  let identities: Identities | undefined
  let actAs: string | undefined
  let sender: string
  if (upstream === SIMULATOR_UPSTREAM) {
    actAs = 'sim:'
    sender = `simulated player ${simulator.state.players[0]?.gamertag ?? ''}`.trim()
  } else if (options.authorization) {
    actAs = 'token'
    sender = 'MPSD_AUTHORIZATION'
  } else if (upstream === XBOX_LIVE_ORIGIN) {
    // The dashboard's sign-ins, when it keeps them in an encrypted cache (WORKBENCH_TOKEN_CACHE).
    const auth = readAuthConfig(options.env)
    if (auth.tokenCache) {
      identities = createIdentities(auth, {
        logger,
        allowedHosts: ['127.0.0.1'],
        isLoopbackPeer: () => true,
      })
      await identities.ready
    }
    const first = identities?.store.list()[0]
    if (!first) {
      await identities?.close()
      throw new CliInputError(
        'No token for Xbox Live: set MPSD_AUTHORIZATION, or sign in with the dashboard using WORKBENCH_TOKEN_CACHE and WORKBENCH_TOKEN_CACHE_KEY',
      )
    }
    actAs = `xbl:${first.id}`
    sender = `signed-in account ${first.gamertag}`
  } else {
    sender = 'no Authorization'
  }
  const proxy = createProxyApp({
    allowedHosts: ['127.0.0.1'],
    // In process: the caller is this CLI.
    isLoopbackPeer: () => true,
    extraUpstreams:
      upstream === SIMULATOR_UPSTREAM || upstream === XBOX_LIVE_ORIGIN ? [] : [upstream],
    xblAuthorization: options.authorization,
    connectTimeoutMs: CONNECT_TIMEOUT_MS,
    totalTimeoutMs: TOTAL_TIMEOUT_MS,
    simulator,
    logger,
    budget: createByteBudget(BUFFER_BUDGET_BYTES),
    actAs: {
      players: () => simulator.state.players,
      xuidOf: (id) => identities?.store.view(id)?.xuid,
      authorizationOf: (id, renewal) =>
        identities
          ? identities.store.authorizationHeader(id, renewal)
          : Promise.reject(new Error('Not signed in')),
    },
  })

  async function send(step: RunStep): Promise<StepAnswer> {
    const headers = new Headers(step.wire.headers)
    // The proxy answers only requests addressed to it by name (DNS-rebinding defence).
    headers.set('Host', '127.0.0.1')
    headers.set(UPSTREAM_HEADER, upstream)
    if (actAs) headers.set(ACT_AS_HEADER, actAs)
    // A custom origin gets the token as the caller's own Authorization (Act as `token`).
    if (options.authorization && upstream !== SIMULATOR_UPSTREAM && upstream !== XBOX_LIVE_ORIGIN)
      headers.set('Authorization', options.authorization)
    const started = performance.now()
    const response = await proxy.fetch(
      new Request(`http://127.0.0.1/proxy${step.wire.path}`, {
        method: step.wire.method,
        headers,
        ...(step.wire.body === undefined ? {} : { body: step.wire.body }),
      }),
    )
    const bodyText = await response.text()
    const durationMs = performance.now() - started
    const answerHeaders: Array<[string, string]> = []
    response.headers.forEach((value, name) => answerHeaders.push([name, value]))
    const proxyError = response.headers.get(PROXY_ERROR_HEADER)
    return {
      status: response.status,
      headers: answerHeaders,
      bodyText: redactText(bodyText, secrets),
      durationMs,
      ...(proxyError ? { error: `${proxyError}: ${messageOf(bodyText)}` } : {}),
    }
  }

  return {
    send,
    sender,
    close: async () => {
      await proxy.close()
      await identities?.close()
    },
  }
}

function messageOf(body: string): string {
  try {
    const parsed = JSON.parse(body) as { message?: unknown }
    return typeof parsed.message === 'string' ? parsed.message : body.slice(0, 200)
  } catch {
    return body.slice(0, 200)
  }
}
