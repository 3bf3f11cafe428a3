// The simulator's memory: handles, each user's recent calls (for MPSD's rate budgets) and a log of
// what it received, which tests and the e2e journeys read back through GET /sim/__requests.

export type StoredHandle = Record<string, unknown> & {
  id: string
  type: 'activity' | 'invite'
  ownerXuid: string
  scid: string
  expiresAt?: number
}

export type ReceivedRequest = {
  at: string
  method: string
  path: string
  headers: Record<string, string>
  body: string
}

export const REQUEST_LOG_LIMIT = 5_000

export function createSimulatorState() {
  return {
    handles: new Map<string, StoredHandle>(),
    calls: new Map<string, number[]>(),
    requests: [] as ReceivedRequest[],
    reset() {
      this.handles.clear()
      this.calls.clear()
      this.requests.length = 0
    },
  }
}

export type SimulatorState = ReturnType<typeof createSimulatorState>
