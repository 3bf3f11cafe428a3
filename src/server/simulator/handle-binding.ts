// What POST /handles checks against the session a handle points to (mpsd-sessions.md §3, §4):
// activities need an active member, invites a session and a sender in it, transfers a target.
// Each check answers undefined (go ahead) or the refusal, naming the rule that applied.
import { SIM_RULE_IDS } from '../../mpsd/sim-rules'
import {
  findMember,
  hasOwnersCapability,
  isOwner,
  memberStatus,
  type SessionRefKey,
  type StoredSession,
} from './session-store'
import { documentedRefusal, simRuleRefusal, type SimRulesState } from './sim-rules-state'
import type { SessionService } from './simulator-sessions'

export type BindingDeps = { sessions: SessionService; rules: SimRulesState }

/** POST /handles type activity: the caller must be an active member (§3, community-observed 403). */
export function activityRefusal(
  deps: BindingDeps,
  ref: SessionRefKey | undefined,
  xuid: string,
): Response | undefined {
  if (!deps.rules.isStrict(SIM_RULE_IDS.activityNeedsActiveMember)) return undefined
  const session = ref ? deps.sessions.read(ref) : undefined
  const member = session ? findMember(session, xuid) : undefined
  if (member && memberStatus(member) === 'active') return undefined
  return simRuleRefusal(
    SIM_RULE_IDS.activityNeedsActiveMember,
    403,
    session
      ? "The activity's owner isn't active in the referenced session."
      : "The activity's owner isn't active in the referenced session: the session does not exist.",
  )
}

/** POST /handles type invite: a session to invite to, and a sender allowed to (§3). */
export function inviteRefusal(
  deps: BindingDeps,
  ref: SessionRefKey,
  senderXuid: string,
): { refusal?: Response; session?: StoredSession } {
  const session = deps.sessions.read(ref)
  if (!session) {
    if (!deps.rules.isStrict(SIM_RULE_IDS.inviteNeedsSession)) return {}
    return {
      refusal: simRuleRefusal(
        SIM_RULE_IDS.inviteNeedsSession,
        403,
        'The invite points to a session that does not exist.',
      ),
    }
  }
  const sender = findMember(session, senderXuid)
  if (hasOwnersCapability(session)) {
    const policies = session.constants.system.ownershipPolicies as
      { allowNonOwnerInviteHandles?: unknown } | undefined
    // Documented: with hasOwners, non-owners cannot send invites unless the template allows it.
    if (!isOwner(session, sender) && policies?.allowNonOwnerInviteHandles !== true)
      return {
        refusal: documentedRefusal(
          403,
          'Only an owner of the session can send invites (allowNonOwnerInviteHandles is false).',
          'With hasOwners, non-owners cannot create invite handles (mpsd-sessions.md §1.5, §3; docs template constants)',
        ),
        session,
      }
    return { session }
  }
  if (sender && !sender.reserved) return { session }
  if (!deps.rules.isStrict(SIM_RULE_IDS.inviteSenderMember)) return { session }
  return {
    refusal: simRuleRefusal(
      SIM_RULE_IDS.inviteSenderMember,
      403,
      'The sender is not a member of the session the invite points to.',
    ),
    session,
  }
}

/** POST /handles type transfer: MPSD answers 403 when the target does not exist (§4, XSAPI). */
export function transferRefusal(deps: BindingDeps, target: SessionRefKey): Response | undefined {
  if (deps.sessions.read(target)) return undefined
  return documentedRefusal(
    403,
    'The transfer handle’s target session does not exist.',
    'A transfer handle needs an existing target session: 403 (mpsd-sessions.md §4, XSAPI multiplayer_lobby_client.cpp)',
  )
}
