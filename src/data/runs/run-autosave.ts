// Writes the browser's run to IndexedDB (run-store) as it goes, so a reload lists it with its
// results (decision 120). The run controller says what changed; this decides when it is written.
import type { StoredRun } from './run-record'
import { saveRun } from './run-store'

/**
 * Each write is the whole run (every result so far), so while it runs it is written at most once a
 * second; starting, a pause, the end and a hidden page write at once. A page that dies loses at
 * most the last second's results, and every call of those is in History.
 */
export const SAVE_EVERY_MS = 1_000

/** Told after each write of run `id`: undefined when it was written, else why it was not. */
export type SaveResult = (id: string, error: string | undefined) => void

let unsaved: StoredRun | undefined
let saveTimer: ReturnType<typeof setTimeout> | undefined
let lastSave = 0
let saving: Promise<void> = Promise.resolve()
let onResult: SaveResult = () => {}

/** Who hears how writes went (the run controller, to show a write that failed). */
export function onRunSaved(listener: SaveResult): void {
  onResult = listener
}

/** Writes `record` now (`now`) or within SAVE_EVERY_MS of the last write, whichever it may. */
export function saveRunSoon(record: StoredRun, { now }: { now: boolean }): void {
  unsaved = record
  if (saveTimer !== undefined) {
    if (!now) return
    clearTimeout(saveTimer)
    saveTimer = undefined
  }
  const wait = now ? 0 : lastSave + SAVE_EVERY_MS - Date.now()
  if (wait <= 0) writeUnsaved()
  else saveTimer = setTimeout(writeUnsaved, wait)
}

function writeUnsaved() {
  saveTimer = undefined
  const record = unsaved
  unsaved = undefined
  if (!record) return
  lastSave = Date.now()
  // One write at a time, in order: an older copy never lands after a newer one.
  saving = saving
    .then(() => saveRun({ ...record, updatedAt: lastSave }))
    .then(
      () => onResult(record.id, undefined),
      (error: unknown) =>
        onResult(record.id, error instanceof Error ? error.message : String(error)),
    )
}

/** Resolves once every change so far is written (one waiting for its turn is written now). */
export function runSaved(): Promise<void> {
  if (saveTimer !== undefined) {
    clearTimeout(saveTimer)
    writeUnsaved()
  }
  return saving
}

/** For tests: the next change is written at once. */
export function resetRunAutosave(): void {
  lastSave = 0
}

if (typeof window !== 'undefined') {
  // A reload or a closed tab: the last chance to write what the run did since its last write.
  window.addEventListener('pagehide', () => void runSaved())
  document.addEventListener('visibilitychange', () => {
    if (document.visibilityState === 'hidden') void runSaved()
  })
}
