// Layout and look preferences (pane widths, theme): UI state only, never request data or a secret,
// so they live in localStorage under one key (decision 130). Read by hand, not with zod: the theme
// is read before the first paint (public/theme-init.js reads the same key) and this module is in
// the first load. Anything unreadable falls back to the defaults.

export const UI_PREFS_KEY = 'handles-workbench.ui'

export type ThemeChoice = 'system' | 'light' | 'dark'

export type UiPrefs = {
  theme: ThemeChoice
  /** Widths in CSS pixels of the workspace's side panes; the request pane takes the rest. */
  sidebarWidth: number
  responseWidth: number
}

export const DEFAULT_UI_PREFS: UiPrefs = { theme: 'system', sidebarWidth: 240, responseWidth: 420 }

function widthOr(value: unknown, fallback: number): number {
  return typeof value === 'number' && Number.isFinite(value) && value > 0 && value < 10_000
    ? Math.round(value)
    : fallback
}

export function clampWidth(value: number, min: number, max: number): number {
  return Math.round(Math.min(max, Math.max(min, value)))
}

export function parseUiPrefs(raw: string | null): UiPrefs {
  let stored: Record<string, unknown> = {}
  try {
    const value: unknown = raw ? JSON.parse(raw) : {}
    if (value && typeof value === 'object') stored = value as Record<string, unknown>
  } catch {
    // A damaged value is replaced at the next write.
  }
  const theme = stored.theme === 'light' || stored.theme === 'dark' ? stored.theme : 'system'
  return {
    theme,
    sidebarWidth: widthOr(stored.sidebarWidth, DEFAULT_UI_PREFS.sidebarWidth),
    responseWidth: widthOr(stored.responseWidth, DEFAULT_UI_PREFS.responseWidth),
  }
}

export function readUiPrefs(): UiPrefs {
  try {
    return parseUiPrefs(localStorage.getItem(UI_PREFS_KEY))
  } catch {
    // Storage blocked (a privacy setting): the defaults, every time.
    return DEFAULT_UI_PREFS
  }
}

export function writeUiPrefs(patch: Partial<UiPrefs>): UiPrefs {
  const next = { ...readUiPrefs(), ...patch }
  try {
    localStorage.setItem(UI_PREFS_KEY, JSON.stringify(next))
  } catch {
    // Not remembered when storage is blocked or full; the layout still works.
  }
  return next
}
