// Every keyboard shortcut, in one table: the key handler (use-shortcuts.ts), the "?" dialog and
// the command palette all read it. Rules (decision 130): a shortcut with Ctrl or Cmd works in a
// field too; a bare key ("?") never fires while typing in one; none fires while an IME composes
// or while a dialog is open; none takes a key the browser or a screen reader needs (Ctrl+S is
// taken only while there is a preset to save, otherwise the browser keeps it).
import type { CommandId } from '../lib/commands'

export type Shortcut = {
  command: CommandId
  /** The key, as KeyboardEvent.key (letters lower case). */
  key: string
  /** Ctrl on Windows and Linux, Cmd on a Mac (either is accepted everywhere). */
  mod: boolean
  description: string
}

export const SHORTCUTS: readonly Shortcut[] = [
  { command: 'send', key: 'Enter', mod: true, description: 'Send the request (in Compose)' },
  {
    command: 'save-preset',
    key: 's',
    mod: true,
    description: 'Save the request as a preset (in Compose)',
  },
  { command: 'open-palette', key: 'k', mod: true, description: 'Open the command palette' },
  { command: 'show-shortcuts', key: '?', mod: false, description: 'List the keyboard shortcuts' },
]

export type KeyInput = Pick<
  KeyboardEvent,
  'key' | 'code' | 'ctrlKey' | 'metaKey' | 'altKey' | 'shiftKey' | 'isComposing' | 'keyCode'
>

/** The letter a key press means: its key, or (a non-Latin layout) the physical key's letter. */
function letterOf(event: KeyInput): string {
  const key = event.key.length === 1 ? event.key.toLowerCase() : event.key
  if (/^[a-z]$/.test(key) || event.key.length !== 1) return key
  const physical = /^Key([A-Z])$/.exec(event.code)
  return physical?.[1] ? physical[1].toLowerCase() : key
}

/** The shortcut this key press is, if any. */
export function shortcutFor(event: KeyInput): Shortcut | undefined {
  // keyCode 229: the key went to an input method (Chinese, Japanese, Korean…), not to the page.
  if (event.isComposing || event.keyCode === 229) return undefined
  // AltGr arrives as Ctrl+Alt on Windows: a character, not a shortcut.
  if (event.altKey) return undefined
  const mod = event.ctrlKey || event.metaKey
  if (event.ctrlKey && event.metaKey) return undefined
  if (mod) {
    if (event.shiftKey) return undefined
    const key = letterOf(event)
    return SHORTCUTS.find((s) => s.mod && s.key === key)
  }
  return SHORTCUTS.find((s) => !s.mod && s.key === event.key)
}

/** A field where a bare key types a character. */
export function isTextEntry(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false
  if (target.isContentEditable) return true
  if (target instanceof HTMLTextAreaElement || target instanceof HTMLSelectElement) return true
  if (!(target instanceof HTMLInputElement)) return false
  return !['checkbox', 'radio', 'button', 'submit', 'reset', 'range', 'color', 'file'].includes(
    target.type,
  )
}
