// The simulator's rule switches (src/mpsd/sim-rules.ts) and the answers it gives when a rule refuses
// a call: a switchable rule names itself in X-Workbench-Sim-Rule and `simRule`; a documented rule
// (no switch) names the documentation it follows in `rule`.
import {
  resolveSimRuleModes,
  SIM_RULE_HEADER,
  SIM_RULES,
  simRuleById,
  type SimRuleMode,
  type SimRuleModes,
  type SimRuleWithMode,
} from '../../mpsd/sim-rules'

export type SimRulesOption = SimRuleMode | SimRuleModes

export function createSimRulesState(initial?: SimRulesOption) {
  let modes = resolveSimRuleModes(initial)
  return {
    isStrict: (id: string) => modes[id] !== 'lenient',
    list: (): SimRuleWithMode[] =>
      SIM_RULES.map((rule) => ({ ...rule, mode: modes[rule.id] ?? 'strict' })),
    set(patch: SimRuleModes) {
      modes = { ...modes, ...patch }
    },
    reset() {
      modes = resolveSimRuleModes(initial)
    },
  }
}

export type SimRulesState = ReturnType<typeof createSimRulesState>

const JSON_TYPE = { 'Content-Type': 'application/json; charset=utf-8' }

/** A refusal by a switchable rule: the header, `simRule`, and a message that names the rule. */
export function simRuleRefusal(id: string, status: 403 | 400, message: string): Response {
  const rule = simRuleById(id)
  const title = rule?.title ?? id
  return new Response(
    JSON.stringify({
      simRule: id,
      message: `${message} (simulator rule "${title}", strict; switch it in Settings → Simulator rules)`,
      source: rule?.source ?? '',
    }),
    { status, headers: { ...JSON_TYPE, [SIM_RULE_HEADER]: id } },
  )
}

/** A refusal by a documented rule: no switch, the answer says which rule and where it comes from. */
export function documentedRefusal(
  status: 400 | 403 | 404 | 409 | 412,
  message: string,
  rule: string,
  extraHeaders: Record<string, string> = {},
): Response {
  return new Response(JSON.stringify({ message, rule }), {
    status,
    headers: { ...JSON_TYPE, ...extraHeaders },
  })
}
