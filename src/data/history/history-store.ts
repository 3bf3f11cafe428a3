// Placeholder: records nothing yet. Replaced by the IndexedDB history store.
import type { HistoryEntry } from './history-entry'

export async function recordExchange(entry: HistoryEntry): Promise<HistoryEntry> {
  return entry
}
