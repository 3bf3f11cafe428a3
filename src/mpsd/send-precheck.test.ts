import { describe, expect, it } from 'vitest'
import { predictRefusal } from './send-precheck'
import type { SessionView } from './session-document'

const ANA = '2814679796296491'
const session = (members: SessionView['members']) => ({
  state: 'exists' as const,
  session: { members },
  actingXuid: ANA,
})
const missing = { state: 'missing' as const, actingXuid: ANA }

describe('predictRefusal', () => {
  it('names the rule that refuses an invite to a missing session, and the fix', () => {
    expect(predictRefusal('invite', 'lobby', missing, {})).toEqual({
      fix: 'create',
      message: 'Session lobby does not exist: the simulator refuses an invite to it.',
      ruleTitle: 'Invite needs an existing session',
    })
  })

  it('asks an outsider to join first, for an invite and an activity', () => {
    const other = session([{ index: '0', xuid: '1', status: 'active' }])
    expect(predictRefusal('invite', 'lobby', other, {})).toMatchObject({
      fix: 'join',
      ruleTitle: 'Invite sender must be a session member',
    })
    expect(predictRefusal('activity', 'lobby', other, {})).toMatchObject({
      fix: 'join',
      ruleTitle: 'Activity needs an active member',
    })
  })

  it('says nothing for a member, an unknown caller, a lenient rule or a session write', () => {
    const mine = session([{ index: '0', xuid: ANA, status: 'active' }])
    expect(predictRefusal('invite', 'lobby', mine, {})).toBeUndefined()
    expect(predictRefusal('activity', 'lobby', mine, {})).toBeUndefined()
    expect(
      predictRefusal('invite', 'lobby', { ...session([]), actingXuid: undefined }, {}),
    ).toBeUndefined()
    expect(
      predictRefusal('invite', 'lobby', missing, { 'invite-needs-session': 'lenient' }),
    ).toBeUndefined()
    expect(predictRefusal('session', 'lobby', missing, {})).toBeUndefined()
  })

  it('wants an inactive member active before an activity', () => {
    const inactive = session([{ index: '0', xuid: ANA, status: 'inactive' }])
    expect(predictRefusal('activity', 'lobby', inactive, {})?.fix).toBe('join')
  })

  it('refuses a transfer to a missing session whatever the rules, as MPSD documents', () => {
    expect(
      predictRefusal('transfer', 'game', missing, { 'invite-needs-session': 'lenient' }),
    ).toMatchObject({ fix: 'create' })
  })
})
