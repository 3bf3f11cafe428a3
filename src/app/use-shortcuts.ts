// The one keydown listener for the shortcuts in shortcuts.ts. A shortcut runs its command only if
// something handles it now and the focused region has not turned it off (commandsOffIn); the key
// is then taken (preventDefault), otherwise left to the page and the browser.
import { useEffect } from 'react'
import { commandOffAt, runCommand } from '../lib/commands'
import { isTextEntry, shortcutFor } from './shortcuts'

function dialogOpen(): boolean {
  return document.querySelector('dialog[open]') !== null
}

export function useShortcuts(): void {
  useEffect(() => {
    function onKeyDown(event: KeyboardEvent) {
      if (event.defaultPrevented || event.repeat) return
      const shortcut = shortcutFor(event)
      if (!shortcut) return
      if (!shortcut.mod && isTextEntry(event.target)) return
      // Ctrl+Enter in the batch's XUID list is not a Send of the composer's request.
      if (commandOffAt(shortcut.command, event.target)) return
      // An open dialog owns the keyboard (its fields, its Enter and Escape).
      if (dialogOpen()) return
      if (runCommand(shortcut.command)) event.preventDefault()
    }
    window.addEventListener('keydown', onKeyDown)
    return () => window.removeEventListener('keydown', onKeyDown)
  }, [])
}
