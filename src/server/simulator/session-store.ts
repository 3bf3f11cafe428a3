// The simulator's sessions: the stored shape, the document MPSD renders from it
// (mpsd-sessions.md §1.7 and the examples of §6) and the lazy timers of §2.1 (MPSD applies timeouts
// only just before it serves a read or a write of the session).

export type SessionRefKey = { scid: string; templateName: string; name: string }

export type StoredMember = {
  index: number
  xuid: string
  /** constants.system beyond index and xuid (initialize, team, …), fixed at join or reservation. */
  constantsSystem: Record<string, unknown>
  constantsCustom: Record<string, unknown>
  propertiesSystem: Record<string, unknown>
  propertiesCustom: Record<string, unknown>
  reserved: boolean
  gamertag?: string
  joinTime: string
  /** When the member entered its current state (epoch ms): the start of its removal timer. */
  since: number
}

export type StoredSession = {
  ref: SessionRefKey
  branch: string
  changeNumber: number
  correlationId: string
  startTime: string
  constants: { system: Record<string, unknown>; custom: Record<string, unknown> }
  properties: { system: Record<string, unknown>; custom: Record<string, unknown> }
  /** By index, ascending; indices are never reused (§1.7). */
  members: StoredMember[]
  nextIndex: number
  etag: string
  searchHandle?: string
}

/** Contract version of every document: the one XSAPI and the community clients send (§1.7). */
export const SESSION_CONTRACT_VERSION = 107

/** Names compare case-insensitively (mpsd-sessions.md §1.1). */
export function sessionKey(ref: SessionRefKey): string {
  return `${ref.scid.toLowerCase()}~${ref.templateName.toLowerCase()}~${ref.name.toLowerCase()}`
}

/** The path-only form XSAPI parses from Content-Location (§1.7: an absolute URL breaks it). */
export function sessionPath(ref: SessionRefKey): string {
  return `/serviceconfigs/${ref.scid}/sessionTemplates/${ref.templateName}/sessions/${ref.name}`
}

/** An opaque quoted ETag (§7.9: clients echo it verbatim). */
export function newEtag(): string {
  return `"0x${crypto.randomUUID().replaceAll('-', '').slice(0, 15).toUpperCase()}"`
}

export function memberStatus(member: StoredMember): 'active' | 'ready' | 'reserved' | 'inactive' {
  // XSAPI's derivation (§1.7): active, else ready, else reserved, else inactive.
  if (member.propertiesSystem.active === true) return 'active'
  if (member.propertiesSystem.ready === true) return 'ready'
  if (member.reserved) return 'reserved'
  return 'inactive'
}

export function findMember(session: StoredSession, xuid: string): StoredMember | undefined {
  return session.members.find((m) => m.xuid === xuid)
}

export function isOwner(session: StoredSession, member: StoredMember | undefined): boolean {
  const owners = session.properties.system.owners
  return member !== undefined && Array.isArray(owners) && owners.includes(member.index)
}

export function hasOwnersCapability(session: StoredSession): boolean {
  const capabilities = session.constants.system.capabilities as Record<string, unknown> | undefined
  return capabilities?.hasOwners === true
}

/** The session document, in XSAPI's rendering order (§1.7, §6.1). */
export function sessionDocument(session: StoredSession): Record<string, unknown> {
  const members: Record<string, unknown> = {}
  session.members.forEach((member, i) => {
    const next = session.members[i + 1]?.index ?? session.nextIndex
    const status = memberStatus(member)
    members[String(member.index)] = {
      constants: {
        system: { index: member.index, xuid: member.xuid, ...member.constantsSystem },
        custom: member.constantsCustom,
      },
      properties: { system: member.propertiesSystem, custom: member.propertiesCustom },
      ...(member.reserved ? { reserved: true } : {}),
      // A gamertag only once the member has accepted (§1.7).
      ...(!member.reserved && member.gamertag ? { gamertag: member.gamertag } : {}),
      ...(status === 'active' ? { activeTitleId: SESSION_TITLE_ID } : {}),
      joinTime: member.joinTime,
      next,
    }
  })
  const accepted = session.members.filter((m) => !m.reserved).length
  const active = session.members.filter((m) => memberStatus(m) === 'active').length
  return {
    contractVersion: SESSION_CONTRACT_VERSION,
    branch: session.branch,
    changeNumber: session.changeNumber,
    correlationId: session.correlationId,
    startTime: session.startTime,
    constants: session.constants,
    properties: {
      system: { ...session.properties.system, turn: session.properties.system.turn ?? [] },
      custom: session.properties.custom,
    },
    members,
    membersInfo: {
      first: session.members[0]?.index ?? session.nextIndex,
      next: session.nextIndex,
      count: session.members.length,
      accepted,
      active,
    },
    servers: {},
    ...(session.searchHandle ? { searchHandle: session.searchHandle } : {}),
  }
}

/** The title the simulator reports for active members and activities (MPSD reads it from the token). */
export const SESSION_TITLE_ID = '1234567'

function timeoutOf(session: StoredSession, name: string): number | undefined {
  const value = session.constants.system[name]
  // null = infinite (§1.5).
  return typeof value === 'number' ? value : undefined
}

/**
 * MPSD's lazy timers (§2.1): reservations past reservedRemovalTimeout and inactive members past
 * inactiveRemovalTimeout are removed. Returns the members removed.
 */
export function sweepMembers(
  session: StoredSession,
  now: number,
  options: { removeInactive: boolean },
): StoredMember[] {
  const reservedTimeout = timeoutOf(session, 'reservedRemovalTimeout')
  const inactiveTimeout = timeoutOf(session, 'inactiveRemovalTimeout')
  const removed: StoredMember[] = []
  session.members = session.members.filter((member) => {
    const status = memberStatus(member)
    const expired =
      (status === 'reserved' &&
        reservedTimeout !== undefined &&
        member.since + reservedTimeout <= now) ||
      (status === 'inactive' &&
        options.removeInactive &&
        inactiveTimeout !== undefined &&
        member.since + inactiveTimeout <= now)
    if (expired) removed.push(member)
    return !expired
  })
  return removed
}
