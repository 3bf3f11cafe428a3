// The simulator's assumptions, in the open (issue 14, decision 100): each rule is a behaviour that
// ../shared/mpsd-sessions.md marks unverified, or that the simulator infers. "strict" applies it,
// "lenient" accepts without the check (the simulator before sessions existed). Rules that the
// sources verify have no switch: the simulator always applies them and names them in its answer.
import { z } from 'zod'

export type SimRuleMode = 'strict' | 'lenient'
export type SimRule = { id: string; title: string; source: string; description: string }
export type SimRuleModes = Record<string, SimRuleMode>
export type SimRuleWithMode = SimRule & { mode: SimRuleMode }

/** Response header naming the rule that refused a call (contract 2 of the session plan). */
export const SIM_RULE_HEADER = 'X-Workbench-Sim-Rule'
/**
 * Response header naming the documented rule behind a refusal whose body must be the session
 * document (a join of a closed session: 403 with the session, mpsd-sessions.md §2.4).
 */
export const SIM_DOC_RULE_HEADER = 'X-Workbench-Sim-Doc-Rule'

export const SIM_RULE_IDS = {
  inviteNeedsSession: 'invite-needs-session',
  inviteSenderMember: 'invite-sender-member',
  activityNeedsActiveMember: 'activity-needs-active-member',
  inactiveRemovedAtOnce: 'inactive-removed-at-once',
  mpaStaleSequence: 'mpa-stale-sequence',
} as const

export const SIM_RULES: readonly SimRule[] = [
  {
    id: SIM_RULE_IDS.inviteNeedsSession,
    title: 'Invite needs an existing session',
    source: 'mpsd-sessions.md §3 (invite for a session that does not exist), §7.1',
    description:
      'An invite to a session nobody created is refused with 403. Unverified: the docs only say a handle may point to a missing session; the 403 is by analogy with transfer handles, which MPSD refuses with 403 when the target is missing (XSAPI multiplayer_lobby_client.cpp).',
  },
  {
    id: SIM_RULE_IDS.inviteSenderMember,
    title: 'Invite sender must be a session member',
    source: 'mpsd-sessions.md §3 (sender is not a member), §7.1; mpsd-handles.md §6',
    description:
      'An invite from a player who is not a member of the session is refused with 403. Unverified for sessions without owners (with hasOwners, non-owners are refused always: documented).',
  },
  {
    id: SIM_RULE_IDS.activityNeedsActiveMember,
    title: 'Activity needs an active member',
    source: 'mpsd-sessions.md §3 (activity when the caller is not an active member), §2.1',
    description:
      'Setting an activity for a session the caller is not an active member of is refused with 403 "the owner isn\'t active in the referenced session". Observed by a community client, not documented.',
  },
  {
    id: SIM_RULE_IDS.inactiveRemovedAtOnce,
    title: 'Inactive members are removed at once',
    source: 'mpsd-sessions.md §1.5 (inactiveRemovalTimeout), §2.1, §7.7',
    description:
      "An inactive member is removed once the session's inactiveRemovalTimeout has passed, checked at the next call that touches the session. The default template sets 0 ms (the contract 107 default; older pages and the XSAPI fixture say 2 hours), so an inactive member goes at once. Lenient keeps inactive members.",
  },
  {
    id: SIM_RULE_IDS.mpaStaleSequence,
    title: 'MPA refuses a stale sequence number',
    source: 'mpa.md §2.1 (sequenceNumber "monotonically increasing"), §8.1; decision 110',
    description:
      'A Multiplayer Activity PUT or DELETE whose sequenceNumber is not above the last one the user sent for the title is refused with 400 RequestValidationError. Unverified: the REST reference asks for increasing numbers but does not say what the service answers to a stale one (ignored, 400 or 409). Lenient accepts it and applies the write.',
  },
]

export const SIM_RULE_MODES = ['strict', 'lenient'] as const satisfies readonly SimRuleMode[]

export const simRuleModeSchema = z.enum(SIM_RULE_MODES)

/** PUT /api/sim/rules: only known rule ids. */
export const simRulesPutSchema = z.object({
  modes: z.record(z.string(), simRuleModeSchema).superRefine((modes, ctx) => {
    for (const id of Object.keys(modes))
      if (!SIM_RULES.some((rule) => rule.id === id))
        ctx.addIssue({ code: 'custom', path: [id], message: `Unknown simulator rule "${id}"` })
  }),
})

export const simRulesResponseSchema = z.object({
  rules: z.array(
    z.object({
      id: z.string(),
      title: z.string(),
      source: z.string(),
      description: z.string(),
      mode: simRuleModeSchema,
    }),
  ),
})

/** Every rule's mode, from one mode for all or a partial map (missing ids: strict). */
export function resolveSimRuleModes(input?: SimRuleMode | SimRuleModes): SimRuleModes {
  const modes: SimRuleModes = {}
  for (const rule of SIM_RULES) {
    modes[rule.id] = typeof input === 'string' ? input : (input?.[rule.id] ?? 'strict')
  }
  return modes
}

export function simRuleById(id: string): SimRule | undefined {
  return SIM_RULES.find((rule) => rule.id === id)
}
