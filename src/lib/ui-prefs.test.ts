import { describe, expect, it } from 'vitest'
import { DEFAULT_UI_PREFS, parseUiPrefs } from './ui-prefs'

describe('parseUiPrefs', () => {
  it('reads a stored theme and widths', () => {
    expect(
      parseUiPrefs(JSON.stringify({ theme: 'dark', sidebarWidth: 300.4, responseWidth: 500 })),
    ).toEqual({ theme: 'dark', sidebarWidth: 300, responseWidth: 500 })
  })

  it('falls back to the defaults for missing, damaged or hostile values', () => {
    expect(parseUiPrefs(null)).toEqual(DEFAULT_UI_PREFS)
    expect(parseUiPrefs('{not json')).toEqual(DEFAULT_UI_PREFS)
    expect(parseUiPrefs('"dark"')).toEqual(DEFAULT_UI_PREFS)
    expect(
      parseUiPrefs(JSON.stringify({ theme: 'neon', sidebarWidth: -5, responseWidth: 'wide' })),
    ).toEqual(DEFAULT_UI_PREFS)
    expect(parseUiPrefs(JSON.stringify({ sidebarWidth: Infinity })).sidebarWidth).toBe(
      DEFAULT_UI_PREFS.sidebarWidth,
    )
  })
})
