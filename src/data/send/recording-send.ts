// sendAndRecord with the settings of the moment, read from the settings query when each call goes
// out (a token set a second ago is used). `overrides` are the active environment's upstream and
// actAs (decision 131), for panels that send beside Compose; a call's own win over them.
import type { QueryClient } from '@tanstack/react-query'
import type { SendOverrides } from '../../mpsd/environment'
import type { HistoryEntry } from '../history/history-entry'
import { currentSettings } from '../settings/settings-queries'
import type { SendInput } from './send-and-record'

export type RecordingSend = (input: SendInput) => Promise<HistoryEntry>

export function recordingSendFor(
  queryClient: QueryClient,
  overrides: SendOverrides = {},
): RecordingSend {
  return async (call) => {
    const input = { ...overrides, ...call }
    // The send path (proxy client, History store, IndexedDB) loads with the first Send.
    const [{ sendAndRecord }, settings] = await Promise.all([
      import('./send-and-record'),
      currentSettings(queryClient),
    ])
    return sendAndRecord(input, settings)
  }
}
