// "Find activities" and "Clear activity" for Multiplayer Activity (decision 110): a batch query
// (`POST /titles/{titleId}/activities/query`, at most 30 users) read as the SDK reads it, and a
// DELETE of the caller's own activity with the next sequence number. Every call goes through the
// send given (the app's recording send), so each is in History.
import { parseQueryAnswer, type MpaActivity } from '../../mpsd/mpa/mpa-activities'
import type { MpaDeleteActivityRequest } from '../../mpsd/request-entity'
import { requestFromFields } from '../../mpsd/request-fields'
import { requestIssues } from '../../mpsd/request-validate'
import { toWire } from '../../mpsd/to-wire'
import { lastSequence } from '../mpa/mpa-sequence-store'
import { failureOf, type Send, type ToolResult } from './activity-tools'

/** Settings' contract version is MPSD's: MPA calls send 1 whatever it says. */
const WIRE = { contractVersion: 0, lastSequence }

export async function findMpaActivities(
  input: { titleId: string; users: string[] },
  send: Send,
): Promise<ToolResult<MpaActivity[]>> {
  const request = requestFromFields({
    kind: 'mpaQueryActivities',
    mpaTitleId: input.titleId,
    users: input.users.join('\n'),
  })
  const issues = requestIssues(request)
  if (issues[0])
    return { ok: false, error: `${issues[0].label}: ${issues[0].message}`, entries: [] }
  const entry = await send({
    request: toWire(request, WIRE),
    composed: request,
    kind: request.kind,
  })
  const failure = failureOf(entry)
  if (failure) return { ok: false, error: failure, entries: [entry] }
  const answer = parseQueryAnswer(entry.response?.body ?? '', input.titleId.trim())
  return answer.ok
    ? { ok: true, value: answer.activities, entries: [entry] }
    : { ok: false, error: answer.error, entries: [entry] }
}

/** The caller's own activity for the title, deleted with an "auto" sequence number. */
export async function clearMpaActivity(
  input: { titleId: string; xuid: string },
  send: Send,
): Promise<ToolResult<{ xuid: string }>> {
  const request = requestFromFields({
    kind: 'mpaDeleteActivity',
    mpaTitleId: input.titleId,
    mpaXuid: input.xuid,
    sequenceNumber: 'auto',
  }) as MpaDeleteActivityRequest
  const issues = requestIssues(request)
  if (issues[0])
    return { ok: false, error: `${issues[0].label}: ${issues[0].message}`, entries: [] }
  const entry = await send({
    request: toWire(request, WIRE),
    composed: request,
    kind: request.kind,
  })
  const failure = failureOf(entry)
  return failure
    ? { ok: false, error: `DELETE activity: ${failure}`, entries: [entry] }
    : { ok: true, value: { xuid: input.xuid.trim() }, entries: [entry] }
}

/** What a title that tries to join gets: the connection string, or why MPA withheld it. */
export function joinOutcome(
  activity: MpaActivity,
): { ok: true; connectionString: string } | { ok: false; reason: string } {
  if (activity.connectionString !== null)
    return { ok: true, connectionString: activity.connectionString }
  const full =
    activity.maxPlayers !== undefined &&
    activity.currentPlayers !== undefined &&
    activity.currentPlayers >= activity.maxPlayers
  return {
    ok: false,
    reason: full
      ? `The activity is full (${activity.currentPlayers} of ${activity.maxPlayers}): MPA withholds the connection string, so the title cannot join.`
      : activity.joinRestriction === 'InviteOnly'
        ? 'The activity is invite-only: MPA withholds the connection string until its owner invites you.'
        : activity.joinRestriction === 'Followed'
          ? 'The activity is for players its owner follows: MPA withholds the connection string from you.'
          : 'MPA withheld the connection string: you may not join this activity.',
  }
}
