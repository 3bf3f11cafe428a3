// The rules for stored settings: bounds, trimming and defaults. Loaded on demand, never in the first
// load (decision 140): zod is only needed to check settings, and the first render makes do with
// settings-store's quick read until this module has checked them a moment later.
import { z } from 'zod'
import { CONTRACT_VERSION_MAX, MIN_CONTRACT_VERSION } from '../../mpsd/limits'
import { DEFAULT_SETTINGS, readStoredSettingsJson, storeSettings } from './settings-store'

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

// Built on first use, not when the module loads: zod schemas are slow to build.
let builtSchema: ReturnType<typeof buildSettingsSchema> | undefined
export function settingsSchema() {
  return (builtSchema ??= buildSettingsSchema())
}

/** The stored settings, checked: what fails a rule falls back to its default, the rest is kept. */
export function readSettings(): Settings {
  const stored = readStoredSettingsJson()
  if (stored === undefined) return DEFAULT_SETTINGS
  const parsed = settingsSchema().safeParse(stored)
  return parsed.success ? parsed.data : DEFAULT_SETTINGS
}

export function writeSettings(settings: Settings): Settings {
  // Parse before writing: only known, non-secret fields can reach localStorage.
  const clean = settingsSchema().parse(settings)
  storeSettings(clean)
  return clean
}
