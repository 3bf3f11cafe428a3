import { describe, expect, it } from 'vitest'
import { resolveSimRuleModes, SIM_RULES, simRulesPutSchema } from './sim-rules'

describe('simulator rules', () => {
  it('has unique ids, and a title, source and description for each rule', () => {
    expect(new Set(SIM_RULES.map((r) => r.id)).size).toBe(SIM_RULES.length)
    for (const rule of SIM_RULES) {
      expect(rule.title.length).toBeGreaterThan(5)
      expect(rule.source).toMatch(/mpsd-|mpa\.md/)
      expect(rule.description.length).toBeGreaterThan(20)
    }
  })

  it('resolves one mode for all, or a partial map with strict for the rest', () => {
    expect(Object.values(resolveSimRuleModes('lenient'))).toEqual(SIM_RULES.map(() => 'lenient'))
    const modes = resolveSimRuleModes({ 'invite-needs-session': 'lenient' })
    expect(modes['invite-needs-session']).toBe('lenient')
    expect(modes['activity-needs-active-member']).toBe('strict')
    expect(Object.keys(resolveSimRuleModes())).toEqual(SIM_RULES.map((r) => r.id))
  })

  it('accepts a PUT body of known ids and modes only', () => {
    expect(
      simRulesPutSchema.safeParse({ modes: { 'invite-needs-session': 'lenient' } }).success,
    ).toBe(true)
    expect(simRulesPutSchema.safeParse({ modes: { unknown: 'lenient' } }).success).toBe(false)
    expect(simRulesPutSchema.safeParse({ modes: { 'invite-needs-session': 'off' } }).success).toBe(
      false,
    )
  })
})
