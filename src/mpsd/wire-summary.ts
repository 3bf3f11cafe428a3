// What History files a call under (its filters, the list's columns) and what the activity tools
// query with, read from the body toWire builds, so it is trimmed by the same code as what is sent.
// Apart from to-wire.ts: only the send path and the panels loaded after first paint need it.
import type { RequestEntity } from './request-entity'
import { handleBodyOf } from './to-wire'

/** The SCID, session name and invited XUID as sent. */
export function wireSummary(request: RequestEntity): {
  scid: string
  sessionName?: string
  xuid?: string
} {
  const body = handleBodyOf(request)
  return {
    scid: body.sessionRef.scid,
    ...(body.sessionRef.name ? { sessionName: body.sessionRef.name } : {}),
    ...(body.type === 'invite' ? { xuid: body.invitedXuid } : {}),
  }
}
