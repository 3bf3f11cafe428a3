// X-Workbench-Act-As -> Authorization, in the server (decision 022). The browser names who a call is
// sent as; the token is made or fetched here and goes into the upstream request only, so neither a
// simulated player's token nor a signed-in account's XSTS token ever exists in the browser.
import { randomBytes } from 'node:crypto'
import {
  ACT_AS_HEADER,
  ACT_AS_NONE,
  ACT_AS_SIM_PREFIX,
  ACT_AS_TOKEN,
  ACT_AS_XBL_PREFIX,
  type ProxyErrorCode,
} from '../../mpsd/proxy-protocol'
import type { SimPlayer } from '../../mpsd/default-sim-players'

export type ActAsSources = {
  /** The simulator's roster, read per call (it can be edited while the server runs). */
  players: () => readonly SimPlayer[]
  /** A signed-in account's XUID, or undefined when it is not signed in. */
  xuidOf: (identityId: string) => string | undefined
  /**
   * `XBL3.0 x=<uhs>;<XSTS>` for a signed-in account, renewed as needed (always, with forceRefresh);
   * throws a sentence.
   */
  authorizationOf: (identityId: string, options?: { forceRefresh?: boolean }) => Promise<string>
}

export type ActAsOutcome =
  /** Leave the caller's Authorization as it came (no header, or `token`). */
  | { kind: 'keep' }
  /** `identityId`: set when the token is a signed-in account's, which the proxy may renew. */
  | { kind: 'set'; authorization: string; identityId?: string }
  | { kind: 'remove' }
  | { kind: 'refuse'; code: ProxyErrorCode; message: string }

/**
 * The simulator's token for every player: made by this server, never sent to the browser or to any
 * other upstream. The simulator reads only the userhash; the token part is there so the header has
 * the shape MPSD expects.
 */
export function createSimulatorToken(): string {
  return `sim-${randomBytes(24).toString('base64url')}`
}

function notAvailable(message: string): ActAsOutcome {
  return { kind: 'refuse', code: 'identity_not_available', message }
}

export async function resolveActAs(
  value: string | undefined,
  target: { simulator: boolean; xboxLive: boolean },
  sources: ActAsSources,
  simulatorToken: string,
): Promise<ActAsOutcome> {
  const actAs = value?.trim()
  if (actAs === undefined || actAs === '' || actAs === ACT_AS_TOKEN) return { kind: 'keep' }
  if (actAs === ACT_AS_NONE) return { kind: 'remove' }

  if (actAs.startsWith(ACT_AS_SIM_PREFIX)) {
    if (!target.simulator)
      return notAvailable(
        'Simulated players exist only in the simulator: sign in with Microsoft or use your own token for this upstream.',
      )
    const xuid = actAs.slice(ACT_AS_SIM_PREFIX.length)
    const players = sources.players()
    const player = xuid ? players.find((p) => p.xuid === xuid) : players[0]
    if (!player) return notAvailable(`No simulated player has XUID ${xuid || '(none)'}.`)
    return { kind: 'set', authorization: `XBL3.0 x=${player.userhash};${simulatorToken}` }
  }

  if (actAs.startsWith(ACT_AS_XBL_PREFIX)) {
    const id = actAs.slice(ACT_AS_XBL_PREFIX.length)
    const xuid = sources.xuidOf(id)
    if (xuid === undefined)
      return notAvailable(`The account ${id} is not signed in: sign in again in Settings.`)
    // In the simulator a signed-in account plays as its own XUID (a decimal userhash is the XUID
    // there), with our token: its real one never goes to the simulator.
    if (target.simulator)
      return { kind: 'set', authorization: `XBL3.0 x=${xuid};${simulatorToken}` }
    // Security: an account's XSTS token goes to the Xbox Live origin and nowhere else.
    if (!target.xboxLive)
      return notAvailable("A signed-in account's token is sent to Xbox Live only.")
    try {
      return { kind: 'set', authorization: await sources.authorizationOf(id), identityId: id }
    } catch (error) {
      return {
        kind: 'refuse',
        code: 'sign_in_required',
        message: error instanceof Error ? error.message : String(error),
      }
    }
  }

  return notAvailable(
    `${ACT_AS_HEADER} must be sim:<xuid>, xbl:<identity id>, token or none, not "${actAs.slice(0, 80)}".`,
  )
}
