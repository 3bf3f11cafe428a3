// sendAndRecord with the settings of the moment, read from the settings query when each call goes
// out (a token set a second ago is used).
import type { QueryClient } from '@tanstack/react-query'
import type { HistoryEntry } from '../history/history-entry'
import { currentSettings } from '../settings/settings-queries'
import type { SendInput } from './send-and-record'

export type RecordingSend = (input: SendInput) => Promise<HistoryEntry>

export function recordingSendFor(queryClient: QueryClient): RecordingSend {
  return async (input) => {
    // The send path (proxy client, History store, IndexedDB) loads with the first Send.
    const [{ sendAndRecord }, settings] = await Promise.all([
      import('./send-and-record'),
      currentSettings(queryClient),
    ])
    return sendAndRecord(input, settings)
  }
}
