// What a run sends, next to what the form would send now: a run always sends the request and the
// XUIDs it was started with, so the panel says so when the form has moved on. Compared on the wire
// body (what MPSD receives), whatever shape the stored template takes.
import type { BatchRun } from '../../data/batch/batch-run'
import { inviteBodyFor } from '../../data/batch/batch-send'
import type { InviteRequest } from '../../mpsd/request-entity'

const wireBody = (template: InviteRequest) => JSON.stringify(inviteBodyFor(template, ''))

export function sameRequest(a: InviteRequest, b: InviteRequest): boolean {
  return wireBody(a) === wireBody(b)
}

export function sameXuids(run: BatchRun, xuids: readonly string[]): boolean {
  const listed = new Set(xuids)
  return run.items.length === listed.size && run.items.every((item) => listed.has(item.xuid))
}

/** One line for the run's request: session, template, SCID and title ID. */
export function describeRequest(template: InviteRequest): string {
  const body = inviteBodyFor(template, '')
  return `session “${body.sessionRef.name ?? ''}” (template “${body.sessionRef.templateName}”, SCID ${body.sessionRef.scid}, title ${body.inviteAttributes.titleId})`
}
