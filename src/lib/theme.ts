// The theme in use: a stored choice (light or dark), else the system's prefers-color-scheme. The
// first paint is themed by public/theme-init.js; this module keeps it right afterwards (a choice in
// the top bar, the system switching while the page is open).
import { readUiPrefs, writeUiPrefs, type ThemeChoice } from './ui-prefs'

const DARK_QUERY = '(prefers-color-scheme: dark)'

export function resolveTheme(choice: ThemeChoice, systemDark: boolean): 'light' | 'dark' {
  return choice === 'system' ? (systemDark ? 'dark' : 'light') : choice
}

function systemDark(): boolean {
  return typeof matchMedia === 'function' && matchMedia(DARK_QUERY).matches
}

export function applyTheme(choice: ThemeChoice): void {
  document.documentElement.dataset.theme = resolveTheme(choice, systemDark())
}

export function chooseTheme(choice: ThemeChoice): void {
  writeUiPrefs({ theme: choice })
  applyTheme(choice)
}

/** Follows the system while the choice is "system"; returns the unsubscribe. */
export function followSystemTheme(): () => void {
  if (typeof matchMedia !== 'function') return () => undefined
  const query = matchMedia(DARK_QUERY)
  const onChange = () => {
    const { theme } = readUiPrefs()
    if (theme === 'system') applyTheme(theme)
  }
  query.addEventListener('change', onChange)
  // The system may have switched between the first paint and this (loaded after it).
  onChange()
  return () => query.removeEventListener('change', onChange)
}
