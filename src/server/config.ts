// Everything the server reads from the environment, in one place, with the embedded defaults that
// let `npm start` work with no configuration at all.
import type { SimRuleMode } from '../mpsd/sim-rules'
import { readAuthConfig, type AuthConfig } from './auth/auth-config'
import { readTemplatesFile, type SessionTemplates } from './simulator/sim-templates'

export type ServerConfig = {
  host: string
  port: number
  /** Extra upstream origins allowed besides the simulator and Xbox Live (WORKBENCH_UPSTREAMS). */
  extraUpstreams: string[]
  /** Injected as Authorization for the real service when set, so the token never reaches a browser. */
  xblAuthorization: string | undefined
  connectTimeoutMs: number
  totalTimeoutMs: number
  simulator: {
    latencyMs: number
    failRate: number
    throttle: boolean
    /** WORKBENCH_SIM_RULES: every simulator rule strict (the default) or lenient. */
    rules?: SimRuleMode
    /** WORKBENCH_SIM_TEMPLATES: session templates read from that JSON file at startup. */
    templates?: SessionTemplates
    /** WORKBENCH_SIM_INVITE_TTL_SECONDS, in ms. */
    inviteTtlMs?: number
    /** The simulator's clock (tests: expiry after 24 h without waiting a day); default Date.now. */
    now?: () => number
  }
  presetsDir: string
  staticRoot: string
  /** Bytes of request and response bodies held at once across all requests in flight. */
  bufferBudgetBytes: number
  /** Sign-in to Xbox Live (src/server/auth); absent in hand-built test configs: the defaults. */
  auth?: AuthConfig
}

function numberFrom(value: string | undefined, fallback: number): number {
  const n = Number(value)
  return value !== undefined && value !== '' && Number.isFinite(n) ? n : fallback
}

/** The session settings of the simulator; throws a sentence naming the variable (or the file). */
function simulatorRules(
  env: NodeJS.ProcessEnv,
): Pick<ServerConfig['simulator'], 'rules' | 'templates' | 'inviteTtlMs'> {
  const rules = env.WORKBENCH_SIM_RULES?.trim().toLowerCase()
  if (rules && rules !== 'strict' && rules !== 'lenient')
    throw new Error(`WORKBENCH_SIM_RULES must be "strict" or "lenient", not "${rules}".`)
  const ttl = env.WORKBENCH_SIM_INVITE_TTL_SECONDS?.trim()
  if (ttl && !(/^\d+(\.\d+)?$/.test(ttl) && Number(ttl) > 0))
    throw new Error(
      `WORKBENCH_SIM_INVITE_TTL_SECONDS must be a number of seconds above 0, not "${ttl}".`,
    )
  const templatesFile = env.WORKBENCH_SIM_TEMPLATES?.trim()
  return {
    ...(rules ? { rules: rules as SimRuleMode } : {}),
    ...(templatesFile ? { templates: readTemplatesFile(templatesFile) } : {}),
    ...(ttl ? { inviteTtlMs: Number(ttl) * 1000 } : {}),
  }
}

export function readConfig(env: NodeJS.ProcessEnv = process.env): ServerConfig {
  return {
    host: env.HOST || '127.0.0.1',
    port: numberFrom(env.PORT, 5173),
    extraUpstreams: (env.WORKBENCH_UPSTREAMS ?? '')
      .split(',')
      .map((s) => s.trim())
      .filter(Boolean),
    xblAuthorization: env.XBL_AUTHORIZATION || undefined,
    connectTimeoutMs: numberFrom(env.PROXY_CONNECT_TIMEOUT_MS, 5_000),
    totalTimeoutMs: numberFrom(env.PROXY_TIMEOUT_MS, 30_000),
    simulator: {
      latencyMs: numberFrom(env.SIM_LATENCY_MS, 0),
      failRate: numberFrom(env.SIM_FAIL_RATE, 0),
      throttle: env.SIM_THROTTLE !== 'off',
      ...simulatorRules(env),
    },
    presetsDir: env.WORKBENCH_PRESETS_DIR || 'presets',
    staticRoot: env.WORKBENCH_STATIC_ROOT || 'dist',
    // Six answers at the 10 MiB cap at once, or sixty-four 1 MiB requests: far above what the
    // dashboard or a batch holds, far below what takes a laptop's memory.
    bufferBudgetBytes: numberFrom(env.WORKBENCH_BUFFER_BUDGET_MB, 64) * 1024 * 1024,
    // Throws AuthConfigError, a sentence naming the variable, for a bad sign-in setting.
    auth: readAuthConfig(env),
  }
}
