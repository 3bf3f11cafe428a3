// What History files a call under (its filters, the list's columns) and what the activity tools
// query with, read from the request as toWire trims it, so it matches what is sent.
// Apart from to-wire.ts: only the send path and the panels loaded after first paint need it.
import type { RequestEntity } from './request-entity'

/** The SCID, session name and invited XUID as sent. */
export function wireSummary(request: RequestEntity): {
  scid: string
  sessionName?: string
  xuid?: string
} {
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
