// For tests only (run-lock, run-controller): the part of the Web Locks API a run's lock uses, one
// per origin as the browser's is, so two "tabs" in a test share it. Node has no navigator.locks.

type LockCallback = (lock: { name: string }) => unknown

/** navigator.locks as run-lock.ts uses it: request (held until the callback settles) and query. */
export function fakeLockManager() {
  const held = new Set<string>()
  return {
    async request(name: string, callback: LockCallback): Promise<unknown> {
      // Exclusive, as the run's lock is: a second request waits for the first to be let go.
      while (held.has(name)) await new Promise((resolve) => setTimeout(resolve, 1))
      held.add(name)
      try {
        return await callback({ name })
      } finally {
        held.delete(name)
      }
    },
    async query(): Promise<{ held: Array<{ name: string; mode: 'exclusive' }> }> {
      return { held: [...held].map((name) => ({ name, mode: 'exclusive' as const })) }
    },
  }
}
