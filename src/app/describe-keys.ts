// How a shortcut of shortcuts.ts is written for the person reading it. Apart from the table: only
// the "?" list and the palette (both loaded on demand) write keys out.
import type { Shortcut } from './shortcuts'

export function isMacPlatform(): boolean {
  return typeof navigator !== 'undefined' && /Mac|iPhone|iPad/.test(navigator.platform)
}

/** How the shortcut is written for the person reading it ("Ctrl+K", "⌘K", "?"). */
export function describeKeys(shortcut: Shortcut, mac = isMacPlatform()): string {
  const key = shortcut.key.length === 1 ? shortcut.key.toUpperCase() : shortcut.key
  if (!shortcut.mod) return shortcut.key
  return mac ? `⌘${key}` : `Ctrl+${key}`
}
