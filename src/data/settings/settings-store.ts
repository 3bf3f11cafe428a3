// Settings live in two places on purpose. Everything but the token is in localStorage, so it
// survives restarts. The Authorization token is kept in memory, or in sessionStorage when the user
// ticks "Remember for this tab"; never localStorage, never IndexedDB, so it dies with the tab.
import { z } from 'zod'
import { CONTRACT_VERSION, MIN_CONTRACT_VERSION, XBOX_LIVE_ORIGIN } from '../../mpsd/limits'

export const SIMULATOR_UPSTREAM = 'simulator'
export { XBOX_LIVE_ORIGIN }

/** What a first visit starts with; the schema's defaults are these. */
export const DEFAULT_SETTINGS = {
  proxyUrl: '/proxy',
  upstream: SIMULATOR_UPSTREAM,
  contractVersion: CONTRACT_VERSION,
  historyMaxEntries: 100_000,
  historyMaxAgeDays: 90,
} as const satisfies Record<string, string | number>

function buildSettingsSchema() {
  const d = DEFAULT_SETTINGS
  return z.object({
    proxyUrl: z.string().trim().min(1, 'Proxy URL is required').default(d.proxyUrl),
    /** 'simulator', the Xbox Live origin, or an allowed custom origin. */
    upstream: z.string().trim().min(1).default(d.upstream),
    contractVersion: z.coerce.number().int().min(MIN_CONTRACT_VERSION).default(d.contractVersion),
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
  })
}
export type Settings = z.infer<ReturnType<typeof buildSettingsSchema>>

// Built on first use, not when the page loads: zod schemas are slow to build, and a first visit
// (nothing stored) shows the composer without ever needing this one.
let settingsSchema: ReturnType<typeof buildSettingsSchema> | undefined
function schema() {
  return (settingsSchema ??= buildSettingsSchema())
}

const SETTINGS_KEY = 'handles-workbench:settings'
const TOKEN_KEY = 'handles-workbench:authorization'

export function readSettings(): Settings {
  try {
    const raw = localStorage.getItem(SETTINGS_KEY)
    if (!raw) return DEFAULT_SETTINGS
    const parsed = schema().safeParse(JSON.parse(raw))
    return parsed.success ? parsed.data : DEFAULT_SETTINGS
  } catch {
    return DEFAULT_SETTINGS
  }
}

export function writeSettings(settings: Settings): Settings {
  // Parse before writing: only known, non-secret fields can reach localStorage.
  const clean = schema().parse(settings)
  localStorage.setItem(SETTINGS_KEY, JSON.stringify(clean))
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
