// The top bar's "Theme": System (follows prefers-color-scheme), Light or Dark, remembered. The page
// was themed before its first paint by public/theme-init.js; this keeps it in step.
import { useEffect, useState } from 'react'
import { chooseTheme, followSystemTheme } from '../lib/theme'
import { readUiPrefs, type ThemeChoice } from '../lib/ui-prefs'

export const THEME_CHOICES: ReadonlyArray<{ value: ThemeChoice; label: string }> = [
  { value: 'system', label: 'System' },
  { value: 'light', label: 'Light' },
  { value: 'dark', label: 'Dark' },
]

/** The choice, shared by the select and the command palette's theme actions. */
let listeners: Array<(choice: ThemeChoice) => void> = []

export function setThemeChoice(choice: ThemeChoice): void {
  chooseTheme(choice)
  for (const listener of listeners) listener(choice)
}

export function ThemeSelect() {
  const [choice, setChoice] = useState<ThemeChoice>(() => readUiPrefs().theme)
  useEffect(() => followSystemTheme(), [])
  useEffect(() => {
    listeners = [...listeners, setChoice]
    return () => {
      listeners = listeners.filter((l) => l !== setChoice)
    }
  }, [])
  return (
    <label className="theme-select">
      <span>Theme</span>
      <select
        value={choice}
        onChange={(event) => setThemeChoice(event.target.value as ThemeChoice)}
      >
        {THEME_CHOICES.map((option) => (
          <option key={option.value} value={option.value}>
            {option.label}
          </option>
        ))}
      </select>
    </label>
  )
}
