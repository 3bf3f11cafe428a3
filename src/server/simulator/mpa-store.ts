// The simulator's Multiplayer Activity memory: one activity per user per title, the last sequence
// number each user sent per title (kept after a delete: the counter only goes up), the invites sent
// through MPA (each invitee's Inbox reads them), recent players, and each user's recent calls per
// rate bucket (mpa.md §3).

export type StoredMpaActivity = {
  titleId: string
  xuid: string
  sequenceNumber: bigint
  connectionString: string
  joinRestriction: string
  maxPlayers?: number
  currentPlayers?: number
  groupId?: string
  platform?: string
  /** Epoch ms of the last PUT: MPA removes an activity 24 h after it [§2.1]. */
  updatedAt: number
}

export type StoredMpaInvite = {
  id: string
  titleId: string
  sender: string
  invitedUser: string
  connectionString: string
  platform?: string
  sentAt: number
  expiresAt: number
}

export type StoredRecentPlayer = { id: string; timestamp: string; encounterType: string }

/** `${titleId}:${xuid}`: activities, sequence numbers and recent players are per user per title. */
export function userKey(titleId: string, xuid: string): string {
  return `${titleId}:${xuid}`
}

/** Invites kept per simulator: far more than any journey sends, short of a flood. */
export const MPA_INVITES_KEPT = 5_000

export function createMpaStore() {
  return {
    activities: new Map<string, StoredMpaActivity>(),
    lastSequence: new Map<string, bigint>(),
    invites: [] as StoredMpaInvite[],
    recentPlayers: new Map<string, StoredRecentPlayer[]>(),
    calls: new Map<string, number[]>(),
    addInvite(invite: StoredMpaInvite) {
      this.invites.push(invite)
      if (this.invites.length > MPA_INVITES_KEPT) this.invites.shift()
    },
    reset() {
      this.activities.clear()
      this.lastSequence.clear()
      this.invites.length = 0
      this.recentPlayers.clear()
      this.calls.clear()
    },
  }
}

export type MpaStore = ReturnType<typeof createMpaStore>
