// Why entries left History without the user deleting them (retention, storage short): kept in
// localStorage so the notice survives a reload, shown in History until dismissed.

/** Why entries left without the user deleting them; shown in History until dismissed. */
export type PruneNotice = { at: number; removed: number; reason: 'count' | 'age' | 'storage' }

const NOTICE_KEY = 'handles-workbench:history-pruned'

export function writePruneNotice(notice: PruneNotice): void {
  try {
    const previous = readPruneNotice()
    // Notices add up until the user dismisses them: "1,204 entries removed", not just the last one.
    const removed =
      previous && previous.reason === notice.reason
        ? previous.removed + notice.removed
        : notice.removed
    localStorage.setItem(NOTICE_KEY, JSON.stringify({ ...notice, removed }))
  } catch {
    // No localStorage (Node tests, storage disabled): the count is still returned to the caller.
  }
}

export function readPruneNotice(): PruneNotice | undefined {
  try {
    const raw = localStorage.getItem(NOTICE_KEY)
    if (!raw) return undefined
    const data = JSON.parse(raw) as Partial<PruneNotice>
    if (typeof data.removed !== 'number' || typeof data.at !== 'number') return undefined
    if (data.reason !== 'count' && data.reason !== 'age' && data.reason !== 'storage')
      return undefined
    return { at: data.at, removed: data.removed, reason: data.reason }
  } catch {
    return undefined
  }
}

export function dismissPruneNotice(): void {
  try {
    localStorage.removeItem(NOTICE_KEY)
  } catch {
    // Nothing to dismiss.
  }
}
