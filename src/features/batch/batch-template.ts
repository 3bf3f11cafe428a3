// The batch sends the Compose request's invite once per XUID: the request as the template (its
// XUID left for the batch to supply), and its problems other than the XUID, by the same rules as
// the form.
import type { InviteRequest } from '../../mpsd/request-entity'
import { requestIssues } from '../../mpsd/request-validate'

export function templateOf(request: InviteRequest): InviteRequest {
  return { ...request, invite: { ...request.invite, invitedXuid: '' } }
}

/** The request's problems, other than the XUID (which the batch supplies). */
export function templateIssues(template: InviteRequest): string[] {
  return requestIssues(template)
    .filter((issue) => issue.field !== 'invitedXuid')
    .map((issue) => issue.message)
}
