// A session document as MPSD answers it (mpsd-sessions.md §1.7), read for the Session panel and the
// Inbox's Accept: who is in it and in which state. Lenient, as XSAPI's reader is: members it
// cannot read are skipped, unknown fields ignored. Also the calls the panel makes on a session.
import {
  getSessionRequest,
  putSessionRequest,
  sessionPath,
  type SessionWriteMode,
  type WireRequest,
} from './request-builder'

export type SessionRef = { scid: string; templateName: string; name: string }

/** XSAPI's member status (MultiplayerSessionMember::Deserialize) [sessions §1.7]. */
export type MemberStatus = 'active' | 'ready' | 'reserved' | 'inactive'

export type SessionMemberView = {
  index: string
  xuid: string
  gamertag?: string
  status: MemberStatus
}

export type SessionView = {
  members: SessionMemberView[]
  changeNumber?: number
  inviteProtocol?: string
  maxMembersCount?: number
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

const objectAt = (value: unknown, key: string) =>
  isObject(value) && isObject(value[key]) ? value[key] : {}

/** active → Active; else ready → Ready; else reserved → Reserved; else Inactive (XSAPI's order). */
export function memberStatusOf(member: Record<string, unknown>): MemberStatus {
  const system = objectAt(objectAt(member, 'properties'), 'system')
  if (system.active === true) return 'active'
  if (system.ready === true) return 'ready'
  if (member.reserved === true) return 'reserved'
  return 'inactive'
}

/** The session a 200/201/412 answer carries, or why it carries none. */
export function readSessionDocument(
  body: string,
): { ok: true; session: SessionView } | { ok: false; error: string } {
  let value: unknown
  try {
    value = JSON.parse(body)
  } catch {
    return { ok: false, error: 'The answer is not JSON.' }
  }
  if (!isObject(value) || !isObject(value.members))
    return { ok: false, error: 'The answer is not a session document (no members).' }
  const members: SessionMemberView[] = []
  for (const [index, member] of Object.entries(value.members)) {
    if (!isObject(member)) continue
    const xuid = objectAt(objectAt(member, 'constants'), 'system').xuid
    members.push({
      index,
      xuid: typeof xuid === 'string' ? xuid : '',
      ...(typeof member.gamertag === 'string' ? { gamertag: member.gamertag } : {}),
      status: memberStatusOf(member),
    })
  }
  members.sort((a, b) => Number(a.index) - Number(b.index))
  const system = objectAt(objectAt(value, 'constants'), 'system')
  return {
    ok: true,
    session: {
      members,
      ...(typeof value.changeNumber === 'number' ? { changeNumber: value.changeNumber } : {}),
      ...(typeof system.inviteProtocol === 'string'
        ? { inviteProtocol: system.inviteProtocol }
        : {}),
      ...(typeof system.maxMembersCount === 'number'
        ? { maxMembersCount: system.maxMembersCount }
        : {}),
    },
  }
}

/** The member a XUID is, as XSAPI finds "me": by constants.system.xuid [sessions §1.7]. */
export function memberOf(session: SessionView, xuid: string): SessionMemberView | undefined {
  return session.members.find((member) => member.xuid === xuid)
}

/**
 * The minimal join body every client sends (§1.4): the XUID on the member's first write when it is
 * known, `active: true`. No RTA connection: the simulator's templates do not require one.
 */
export function joinBody(xuid: string | undefined) {
  return {
    members: {
      me: {
        ...(xuid ? { constants: { system: { xuid } } } : {}),
        properties: { system: { active: true } },
      },
    },
  }
}

/** What the Session panel sends: XSAPI's write modes for create, join and leave [§1.2]. */
export function sessionCall(
  action: 'check' | 'create' | 'join' | 'leave',
  ref: SessionRef,
  xuid: string | undefined,
  contractVersion: number,
): WireRequest {
  const path = sessionPath(ref)
  if (action === 'check') return getSessionRequest(path, contractVersion)
  const mode: SessionWriteMode = action === 'create' ? 'create' : 'update'
  const body = action === 'leave' ? { members: { me: null } } : joinBody(xuid)
  return putSessionRequest(path, body, contractVersion, mode)
}

/** Create or join in one write (UpdateOrCreateNew, no precondition): "Create session and send". */
export function createOrJoinCall(
  ref: SessionRef,
  xuid: string | undefined,
  contractVersion: number,
): WireRequest {
  return putSessionRequest(sessionPath(ref), joinBody(xuid), contractVersion)
}

/** Accepting an invite: the invitee writes themselves into the session through the handle [§3]. */
export function acceptInviteCall(
  handleId: string,
  xuid: string | undefined,
  contractVersion: number,
): WireRequest {
  return putSessionRequest(
    `/handles/${encodeURIComponent(handleId)}/session`,
    joinBody(xuid),
    contractVersion,
  )
}
