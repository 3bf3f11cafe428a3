// What History files a call under (its filters, the list's columns) and what the activity tools
// query with, read from the request as toWire trims it, so it matches what is sent.
// Apart from to-wire.ts: only the send path and the panels loaded after first paint need it.
import { splitList } from './mpa/mpa-wire'
import type { RequestEntity } from './request-entity'
import { isMpaRequest } from './to-wire'

/** The SCID, session name and XUID as sent (MPA: the user, or the one user invited or queried). */
export function wireSummary(request: RequestEntity): {
  scid?: string
  sessionName?: string
  xuid?: string
} {
  if (isMpaRequest(request)) {
    const xuids =
      request.kind === 'mpaSetActivity' || request.kind === 'mpaDeleteActivity'
        ? [request.mpaUser.xuid.trim()]
        : request.kind === 'mpaSendInvites'
          ? splitList(request.mpaInvite.invitedUsers)
          : request.kind === 'mpaQueryActivities'
            ? splitList(request.mpaQuery.users)
            : []
    return xuids.length === 1 && xuids[0] ? { xuid: xuids[0] } : {}
  }
  const name = request.kind === 'searchQuery' ? '' : request.sessionRef.name.trim()
  const xuid =
    request.kind === 'invite'
      ? request.invite.invitedXuid.trim()
      : request.kind === 'session'
        ? request.session.memberXuid.trim()
        : ''
  return {
    scid: request.sessionRef.scid.trim(),
    ...(name ? { sessionName: name } : {}),
    ...(xuid ? { xuid } : {}),
  }
}
