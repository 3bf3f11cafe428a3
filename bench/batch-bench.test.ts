import { describe, expect, it } from 'vitest'
import { timeInvites } from './batch-bench'

describe('timeInvites (the bench entry point)', () => {
  it('times N invites through the runner with pacing off, and counts outcomes', async () => {
    const seen: string[] = []
    const timing = await timeInvites({
      count: 1_000,
      budgets: [],
      send: async (xuid) => (
        seen.push(xuid),
        xuid.endsWith('7')
          ? { kind: 'failed', status: 400, error: 'HTTP 400' }
          : { kind: 'sent', status: 201 }
      ),
    })
    expect(seen).toHaveLength(1_000)
    expect(new Set(seen).size).toBe(1_000)
    expect(timing).toMatchObject({ count: 1_000, sent: 900, failed: 100, throttled: 0 })
    // The runner's own overhead stays small next to a network call.
    expect(timing.msPerInvite).toBeLessThan(5)
  })
})
