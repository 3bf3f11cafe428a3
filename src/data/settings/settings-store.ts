// Settings live in two places on purpose. Everything but the token is in localStorage, so it
// survives restarts. The Authorization token is kept in memory, or in sessionStorage when the user
// ticks "Remember for this tab"; never localStorage, never IndexedDB, so it dies with the tab.
import { z } from 'zod'
import {
  CONTRACT_VERSION,
  CONTRACT_VERSION_MAX,
  MIN_CONTRACT_VERSION,
  XBOX_LIVE_ORIGIN,
} from '../../mpsd/limits'
import { ACT_AS_SIM_PREFIX, SIMULATOR_UPSTREAM } from '../../mpsd/proxy-protocol'
import { announceChange } from '../sync/changes-channel'

// Features import it from proxy-protocol; request-preview.tsx still reads it here until its
// rework lands, then this re-export goes.
export { SIMULATOR_UPSTREAM }

/** What a first visit starts with; the schema's defaults are these. */
export const DEFAULT_SETTINGS = {
  proxyUrl: '/proxy',
  upstream: SIMULATOR_UPSTREAM,
  contractVersion: CONTRACT_VERSION,
  historyMaxEntries: 100_000,
  historyMaxAgeDays: 90,
  /** Who sends (decision 022): `sim:<xuid>`, `xbl:<identityId>`, `token` or `none`; `sim:` the first player. */
  actAs: ACT_AS_SIM_PREFIX,
  /** The app registration for "Sign in with Microsoft" ('' = the server's WORKBENCH_MSA_CLIENT_ID). */
  msaClientId: '',
  // DEFAULT_SANDBOX of src/mpsd/identity.ts, spelled out: that module's schemas stay out of the first load.
  sandbox: 'RETAIL',
  /** The environment `{{variables}}` resolve against (decision 131); '' = none. */
  activeEnvironmentId: '',
} as const satisfies Record<string, string | number>

function buildSettingsSchema() {
  const d = DEFAULT_SETTINGS
  return z.object({
    proxyUrl: z.string().trim().min(1, 'Proxy URL is required').default(d.proxyUrl),
    /** 'simulator', the Xbox Live origin, or an allowed custom origin. */
    upstream: z.string().trim().min(1).default(d.upstream),
    // The form refuses a version out of range with a message; one stored by an earlier build that
    // allowed it falls back to the default rather than taking every other setting with it.
    contractVersion: z.coerce
      .number()
      .int()
      .min(MIN_CONTRACT_VERSION)
      .max(CONTRACT_VERSION_MAX)
      .catch(d.contractVersion)
      .default(d.contractVersion),
    /** History retention: the oldest entries go first once either limit is passed. */
    historyMaxEntries: z.coerce
      .number()
      .int()
      .min(100)
      .max(1_000_000)
      .catch(d.historyMaxEntries)
      .default(d.historyMaxEntries),
    historyMaxAgeDays: z.coerce
      .number()
      .int()
      .min(1)
      .max(3650)
      .catch(d.historyMaxAgeDays)
      .default(d.historyMaxAgeDays),
    actAs: z.string().trim().max(200).catch(d.actAs).default(d.actAs),
    msaClientId: z.string().trim().max(100).catch(d.msaClientId).default(d.msaClientId),
    sandbox: z.string().trim().max(64).catch(d.sandbox).default(d.sandbox),
    activeEnvironmentId: z
      .string()
      .max(200)
      .catch(d.activeEnvironmentId)
      .default(d.activeEnvironmentId),
  })
}
export type Settings = z.infer<ReturnType<typeof buildSettingsSchema>>

// Built on first use, not when the page loads: zod schemas are slow to build, and a first visit
// (nothing stored) shows the composer without ever needing this one.
let builtSchema: ReturnType<typeof buildSettingsSchema> | undefined
export function settingsSchema() {
  return (builtSchema ??= buildSettingsSchema())
}

const SETTINGS_KEY = 'handles-workbench:settings'
const TOKEN_KEY = 'handles-workbench:authorization'

export function readSettings(): Settings {
  try {
    const raw = localStorage.getItem(SETTINGS_KEY)
    if (!raw) return DEFAULT_SETTINGS
    const parsed = settingsSchema().safeParse(JSON.parse(raw))
    return parsed.success ? parsed.data : DEFAULT_SETTINGS
  } catch {
    return DEFAULT_SETTINGS
  }
}

export function writeSettings(settings: Settings): Settings {
  // Parse before writing: only known, non-secret fields can reach localStorage.
  const clean = settingsSchema().parse(settings)
  localStorage.setItem(SETTINGS_KEY, JSON.stringify(clean))
  // Other tabs send with the settings their query holds: they reread them.
  announceChange('settings')
  return clean
}

let memoryToken: string | undefined

export type Authorization = { value: string; remember: boolean }

export function readAuthorization(): Authorization {
  const remembered = safeSessionGet(TOKEN_KEY)
  if (remembered) return { value: remembered, remember: true }
  return { value: memoryToken ?? '', remember: false }
}

export function writeAuthorization({ value, remember }: Authorization): Authorization {
  const trimmed = value.trim()
  memoryToken = trimmed || undefined
  if (remember && trimmed) sessionStorage.setItem(TOKEN_KEY, trimmed)
  else sessionStorage.removeItem(TOKEN_KEY)
  return { value: trimmed, remember: remember && Boolean(trimmed) }
}

function safeSessionGet(key: string): string | null {
  try {
    return sessionStorage.getItem(key)
  } catch {
    return null
  }
}

export function describeUpstream(upstream: string): string {
  if (upstream === SIMULATOR_UPSTREAM) return 'Simulator'
  if (upstream === XBOX_LIVE_ORIGIN) return 'Xbox Live'
  return upstream
}
