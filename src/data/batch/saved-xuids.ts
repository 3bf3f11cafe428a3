// The batch's XUID list survives a reload: kept in localStorage as typed, with any known secret
// replaced (a token pasted into the list by mistake never lands in storage).
import { redactKnownSecrets } from '../settings/known-secrets'

const TEXT_KEY = 'handles-workbench:batch-xuids'

export function readSavedXuids(): string {
  try {
    return localStorage.getItem(TEXT_KEY) ?? ''
  } catch {
    return ''
  }
}

export function saveXuids(text: string): void {
  try {
    localStorage.setItem(TEXT_KEY, redactKnownSecrets(text))
  } catch {
    // Storage full or disabled: the textarea still holds the text.
  }
}
