// The simulator's memory: handles, each user's recent calls (for MPSD's rate budgets) and a log of
// what it received, which tests and the e2e journeys read back through GET /sim/__requests. The log
// is bounded three ways (entries, a body prefix per entry, bytes in all): twenty 10 MiB bodies once
// took the server from 165 MB to 590 MB when it kept every body whole. It also holds the roster of
// simulated players (decision 022), whom the proxy signs calls for.
import { DEFAULT_SIM_PLAYERS, type SimPlayer } from '../../mpsd/default-sim-players'
import { createMpaStore } from './mpa-store'
import type { StoredSession } from './session-store'

export type StoredHandle = Record<string, unknown> & {
  id: string
  type: 'activity' | 'invite' | 'transfer' | 'search'
  ownerXuid: string
  scid: string
  expiresAt?: number
  /** When the simulator received it (epoch ms): the Inbox's "sent" time. */
  sentAt?: number
}

export type ReceivedRequest = {
  at: string
  method: string
  path: string
  headers: Record<string, string>
  /** The first LOG_BODY_PREFIX characters of the body. */
  body: string
  /** The body's full size in bytes, as received (or as declared, when it was refused unread). */
  bodyBytes: number
  bodyTruncated: boolean
}

export const REQUEST_LOG_LIMIT = 5_000
/** Enough for any body the dashboard sends (an invite is under 1 KB), short of a flood. */
export const LOG_BODY_PREFIX = 4 * 1024
export const REQUEST_LOG_MAX_BYTES = 4 * 1024 * 1024

/** What an entry costs in memory, near enough: its strings (UTF-16) and a fixed overhead. */
function entrySize(entry: ReceivedRequest): number {
  let chars = entry.at.length + entry.method.length + entry.path.length + entry.body.length
  for (const [name, value] of Object.entries(entry.headers)) chars += name.length + value.length
  return chars * 2 + 200
}

export function createSimulatorState() {
  const sizes: number[] = []
  let logBytes = 0
  return {
    handles: new Map<string, StoredHandle>(),
    /** By sessionKey (scid~template~name, lower case). */
    sessions: new Map<string, StoredSession>(),
    /** correlationId survives an empty session's deletion and restart under the same name (§1.7). */
    correlationIds: new Map<string, string>(),
    calls: new Map<string, number[]>(),
    requests: [] as ReceivedRequest[],
    players: [...DEFAULT_SIM_PLAYERS] as SimPlayer[],
    /** Multiplayer Activity: activities, invites, recent players, rate windows (mpa-store.ts). */
    mpa: createMpaStore(),
    /** Appends to the log, dropping the oldest entries past either limit. */
    record(entry: ReceivedRequest) {
      const size = entrySize(entry)
      this.requests.push(entry)
      sizes.push(size)
      logBytes += size
      while (
        this.requests.length > REQUEST_LOG_LIMIT ||
        (logBytes > REQUEST_LOG_MAX_BYTES && this.requests.length > 1)
      ) {
        this.requests.shift()
        logBytes -= sizes.shift() ?? 0
      }
    },
    logBytes: () => logBytes,
    reset() {
      this.handles.clear()
      this.sessions.clear()
      this.correlationIds.clear()
      this.calls.clear()
      this.requests.length = 0
      this.players = [...DEFAULT_SIM_PLAYERS]
      this.mpa.reset()
      sizes.length = 0
      logBytes = 0
    },
  }
}

export type SimulatorState = ReturnType<typeof createSimulatorState>
