// Would the simulator refuse this Send? Read from a GET of the request's session (session-probe.ts)
// and the simulator's rules (decision 100): the refusals a newcomer meets first, said before
// sending, with the rule that refuses (issue 14 item 4). Refusals the sources document (a transfer
// or search handle for a missing session) have no switch; the others are off in lenient mode.
import type { RequestKind } from './request-kinds'
import type { SessionView } from './session-document'
import { SIM_RULE_IDS, SIM_RULES, type SimRuleMode } from './sim-rules'

export type SessionState =
  | { state: 'exists'; session: SessionView; actingXuid: string | undefined }
  | { state: 'missing'; actingXuid: string | undefined }

export type PredictedRefusal = {
  /** What fixes it: create the session, or join it. */
  fix: 'create' | 'join'
  message: string
  /** The simulator rule that refuses, when a switch governs it. */
  ruleTitle?: string
}

const title = (id: string) => SIM_RULES.find((rule) => rule.id === id)?.title

export function predictRefusal(
  kind: RequestKind,
  sessionName: string,
  probe: SessionState,
  modes: Readonly<Record<string, SimRuleMode>>,
): PredictedRefusal | undefined {
  const strict = (id: string) => modes[id] !== 'lenient'
  const missing = probe.state === 'missing'
  const member =
    probe.state === 'exists' && probe.actingXuid
      ? probe.session.members.find((m) => m.xuid === probe.actingXuid)
      : undefined
  // Without the acting XUID (no Authorization, a token of unknown userhash) membership is unknown.
  const knownOutsider = probe.state === 'exists' && probe.actingXuid !== undefined && !member
  const rule = (id: string, fix: 'create' | 'join', message: string) =>
    strict(id) ? { fix, message, ruleTitle: title(id) ?? id } : undefined
  switch (kind) {
    case 'invite':
      if (missing)
        return rule(
          SIM_RULE_IDS.inviteNeedsSession,
          'create',
          `Session ${sessionName} does not exist: the simulator refuses an invite to it.`,
        )
      if (knownOutsider)
        return rule(
          SIM_RULE_IDS.inviteSenderMember,
          'join',
          `You are not a member of session ${sessionName}: the simulator refuses your invite.`,
        )
      return undefined
    case 'activity':
      if (missing)
        return rule(
          SIM_RULE_IDS.activityNeedsActiveMember,
          'create',
          `Session ${sessionName} does not exist: the simulator refuses an activity for it.`,
        )
      if (knownOutsider || (member && member.status !== 'active'))
        return rule(
          SIM_RULE_IDS.activityNeedsActiveMember,
          'join',
          `You are not an active member of session ${sessionName}: the simulator refuses the activity.`,
        )
      return undefined
    case 'transfer':
    case 'search':
      // Documented, so never switched off: MPSD refuses a transfer to a missing target with 403
      // (XSAPI multiplayer_lobby_client.cpp) and a search handle needs its session [sessions §4].
      return missing
        ? {
            fix: 'create',
            message: `Session ${sessionName} does not exist: MPSD refuses a ${kind} handle for it.`,
          }
        : undefined
    default:
      return undefined
  }
}
