import { describe, expect, it } from 'vitest'
import { DEFAULT_SIM_PLAYERS } from './default-sim-players'
import { simRosterSchema } from './sim-players'

describe('the simulator roster', () => {
  it("takes the default roster, where each decimal userhash is the player's own XUID", () => {
    expect(simRosterSchema.safeParse(DEFAULT_SIM_PLAYERS).success).toBe(true)
  })

  it("refuses a userhash that is another player's XUID, at that userhash, saying why", () => {
    const players = [
      { xuid: '2533274711111111', gamertag: 'Rae', userhash: '2533274722222222' },
      { xuid: '2533274722222222', gamertag: 'Sam', userhash: 'samHash' },
    ]
    const result = simRosterSchema.safeParse(players)
    expect(result.success).toBe(false)
    expect(result.error?.issues).toEqual([
      expect.objectContaining({
        path: [0, 'userhash'],
        message: 'Userhash is the XUID of player 2: calls as that player would be sent as this one',
      }),
    ])
  })
})
