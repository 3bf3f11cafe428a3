// The simulator's players as plain data, apart from their schema (sim-players.ts), so the Act as
// menu in the dashboard's first load needs no validation code (decision 022).

export type SimPlayer = { xuid: string; gamertag: string; userhash: string }

/**
 * The roster a fresh simulator starts with. The first is the default sender; its XUID is the one
 * the README and the journeys use (decimal userhashes are their own XUID in the simulator).
 */
export const DEFAULT_SIM_PLAYERS: readonly SimPlayer[] = [
  { xuid: '2814679796296491', gamertag: 'Sim Ana', userhash: '2814679796296491' },
  { xuid: '2533274790000001', gamertag: 'Sim Ben', userhash: '2533274790000001' },
  { xuid: '2533274790000002', gamertag: 'Sim Cleo', userhash: '2533274790000002' },
  { xuid: '2533274790000003', gamertag: 'Sim Dev', userhash: '2533274790000003' },
]
