// Settings live in two places on purpose. Everything but the token is in localStorage, so it
// survives restarts. The Authorization token is kept in memory, or in sessionStorage when the user
// ticks "Remember for this tab"; never localStorage, never IndexedDB, so it dies with the tab.
import { CONTRACT_VERSION, XBOX_LIVE_ORIGIN } from '../../mpsd/limits'
import { ACT_AS_SIM_PREFIX, SIMULATOR_UPSTREAM } from '../../mpsd/proxy-protocol'
import { announceChange } from '../sync/changes-channel'
import type { Settings } from './settings-schema'

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

const SETTINGS_KEY = 'handles-workbench:settings'
const TOKEN_KEY = 'handles-workbench:authorization'

/** What is stored, parsed as JSON and not yet checked; undefined when nothing (readable) is. */
export function readStoredSettingsJson(): unknown {
  try {
    const raw = localStorage.getItem(SETTINGS_KEY)
    return raw ? (JSON.parse(raw) as unknown) : undefined
  } catch {
    return undefined
  }
}

/**
 * The quick read for the first render (decision 140): every known setting whose stored value has
 * the default's type, the default for the rest. No bounds or trimming: settings-schema.ts checks
 * those a moment later, so the first load carries no zod. The types are enough for nothing to crash.
 */
export function readSettingsQuickly(): Settings {
  const stored = readStoredSettingsJson()
  if (typeof stored !== 'object' || stored === null) return DEFAULT_SETTINGS
  const read: Record<string, unknown> = { ...DEFAULT_SETTINGS }
  for (const [key, fallback] of Object.entries(DEFAULT_SETTINGS)) {
    const value = (stored as Record<string, unknown>)[key]
    if (typeof value === typeof fallback) read[key] = value
  }
  return read as Settings
}

/** Writes settings that settings-schema.ts has checked; other tabs are told to reread them. */
export function storeSettings(clean: Settings): void {
  localStorage.setItem(SETTINGS_KEY, JSON.stringify(clean))
  // Other tabs send with the settings their query holds: they reread them.
  announceChange('settings')
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
