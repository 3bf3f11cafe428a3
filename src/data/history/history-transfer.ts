// History in and out as HAR files. Kept apart from history-queries so the HAR code loads with the
// History view, not with every Send.
import { useMutation, useQueryClient } from '@tanstack/react-query'
import { fromHar, toHar } from './har'
import { currentSettings } from '../settings/settings-queries'
import { importHistoryEntries } from './history-import'
import { readHistoryEntries } from './history-read'

export type ExportedFile = { fileName: string; text: string; count: number }

/** Builds the HAR text for the given ids (the current filter's matches). */
export async function exportHistoryHar(
  ids: readonly string[],
  simulatorBase: string,
): Promise<ExportedFile> {
  const entries = await readHistoryEntries(ids)
  const har = toHar(entries, { simulatorBase, version: '1' })
  const stamp = new Date().toISOString().slice(0, 19).replaceAll(':', '-')
  return {
    fileName: `handles-workbench-history-${stamp}.har`,
    text: JSON.stringify(har, null, 2),
    count: entries.length,
  }
}

export function useImportHistory() {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: async (file: { name: string; text: string }) => {
      const parsed = fromHar(file.text)
      if (!parsed.ok) throw new Error(`${file.name}: ${parsed.error}`)
      // Entries past the age limit would be removed by the next retention pass: they are not
      // imported, and the report says so, rather than vanishing later.
      const { historyMaxAgeDays } = (await currentSettings(queryClient)).settings
      const cutoff = Date.now() - historyMaxAgeDays * 86_400_000
      const kept = parsed.entries.filter((entry) => entry.startedAt >= cutoff)
      const written = await importHistoryEntries(kept)
      return {
        fileName: file.name,
        ...written,
        skipped: parsed.skipped,
        tooOld: { count: parsed.entries.length - kept.length, maxAgeDays: historyMaxAgeDays },
      }
    },
    // Imported invites file their handles in the ledger too.
    meta: { records: ['history', 'handles'] },
  })
}
