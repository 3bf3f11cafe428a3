// Which tab has a run going: a Web Lock per run, held from start until the run is done or
// cancelled (a paused run can still be resumed in its tab), so another tab reads a run still
// going as going, not as interrupted.

const lockName = (id: string) => `handles-workbench:run:${id}`
let releaseLock: (() => void) | undefined

/** Without Web Locks (old browsers) another tab's run reads as interrupted until it finishes: a known limit. */
export function holdRunLock(id: string): void {
  const locks = typeof navigator === 'undefined' ? undefined : navigator.locks
  if (!locks?.request) return
  locks
    .request(lockName(id), () => new Promise<void>((resolve) => (releaseLock = resolve)))
    .catch(() => undefined)
}

export function dropRunLock(): void {
  releaseLock?.()
  releaseLock = undefined
}

/** Does a tab still open (this one or another) hold run `id`'s lock? */
export async function isRunLockHeld(id: string): Promise<boolean> {
  const locks = typeof navigator === 'undefined' ? undefined : navigator.locks
  if (!locks?.query) return false
  try {
    const state = await locks.query()
    return (state.held ?? []).some((lock) => lock.name === lockName(id))
  } catch {
    return false
  }
}
