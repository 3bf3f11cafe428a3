// Who a call is sent as, decided once for the preview, the send and History (decision 022): the
// "Act as" setting, the upstream and what the server holds resolve to one acting identity, the
// X-Workbench-Act-As header the proxy turns into Authorization, and the line the preview shows.
import type { IdentityView } from './identity'
import {
  ACT_AS_NONE,
  ACT_AS_SIM_PREFIX,
  ACT_AS_TOKEN,
  ACT_AS_XBL_PREFIX,
  SIMULATOR_UPSTREAM,
} from './proxy-protocol'
import type { SimPlayer } from './default-sim-players'

/**
 * request-builder's REDACTED_AUTHORIZATION, spelled here so the Act as menu's first load does not
 * pull the request builder (a test keeps the two equal).
 */
export const TOKEN_PLACEHOLDER_SENT = 'XBL3.0 x=<userhash>;<token> (redacted)'

/** The "Act as" setting's default: the roster's first player, whoever that is today. */
export const DEFAULT_ACT_AS = ACT_AS_SIM_PREFIX

export type ActingInput = {
  /** The "Act as" setting: `sim:<xuid>`, `xbl:<identityId>`, `token` or `none`. */
  actAs: string
  upstream: string
  /** The Xbox Live upstream's id (what Settings stores for "Xbox Live"). */
  xboxLiveUpstream: string
  /** The token typed in Settings, '' when none. */
  token: string
  /** The server has XBL_AUTHORIZATION for Xbox Live. */
  serverTokenConfigured: boolean
  players: readonly SimPlayer[]
  identities: readonly IdentityView[]
}

export type ActingIdentity =
  | { kind: 'sim'; header: string; player: SimPlayer }
  | { kind: 'xbl'; header: string; identity: IdentityView; toSimulator: boolean }
  | { kind: 'token'; header: typeof ACT_AS_TOKEN; userhash: string | undefined }
  | { kind: 'server'; header: typeof ACT_AS_TOKEN }
  | { kind: 'none'; header: typeof ACT_AS_NONE }
  | { kind: 'blocked'; message: string }

export const SENDER_KINDS = ['sim', 'xbl', 'token', 'server', 'none'] as const
/** The senders known by their kind alone (no XUID names them), as History's "Sent by" filter lists them. */
export const SENDER_KINDS_WITHOUT_XUID = [
  'token',
  'server',
  'none',
] as const satisfies ReadonlyArray<(typeof SENDER_KINDS)[number]>

/** Who sent a call, as History keeps it: names and XUIDs, never a token. */
export type Sender = {
  kind: (typeof SENDER_KINDS)[number]
  gamertag?: string
  xuid?: string
}

const SIGN_IN_HINT =
  'Sign in with Microsoft (Settings → Sign in, or the Act as menu), or paste a token in Settings, then pick it in Act as.'

function userhashOf(token: string): string | undefined {
  return /^XBL3\.0 x=([^;\s]+);/.exec(token.trim())?.[1]
}

export function resolveActing(input: ActingInput): ActingIdentity {
  const toSimulator = input.upstream === SIMULATOR_UPSTREAM
  const toXboxLive = input.upstream === input.xboxLiveUpstream
  const token = input.token.trim()
  const ownToken = (): ActingIdentity => {
    if (token) return { kind: 'token', header: ACT_AS_TOKEN, userhash: userhashOf(token) }
    if (toXboxLive && input.serverTokenConfigured) return { kind: 'server', header: ACT_AS_TOKEN }
    if (toSimulator) return { kind: 'none', header: ACT_AS_NONE }
    return { kind: 'blocked', message: `No token is set for ${input.upstream}. ${SIGN_IN_HINT}` }
  }

  if (input.actAs === ACT_AS_NONE) return { kind: 'none', header: ACT_AS_NONE }
  // A pasted token speaks for the user until they pick someone in Act as (item 4: it still works).
  if (input.actAs === ACT_AS_TOKEN || (input.actAs === DEFAULT_ACT_AS && token)) return ownToken()

  if (input.actAs.startsWith(ACT_AS_XBL_PREFIX)) {
    const id = input.actAs.slice(ACT_AS_XBL_PREFIX.length)
    const identity = input.identities.find((i) => i.id === id)
    if (!identity)
      return {
        kind: 'blocked',
        message: `The account ${id} is not signed in (any more). ${SIGN_IN_HINT}`,
      }
    if (!toSimulator && !toXboxLive)
      return {
        kind: 'blocked',
        message: `A signed-in account's token goes to Xbox Live only, not to ${input.upstream}. Pick your token or No Authorization in Act as.`,
      }
    return { kind: 'xbl', header: input.actAs, identity, toSimulator }
  }

  // `sim:<xuid>`, `sim:` (the first player), or anything unknown: a simulated player.
  const xuid = input.actAs.startsWith(ACT_AS_SIM_PREFIX)
    ? input.actAs.slice(ACT_AS_SIM_PREFIX.length)
    : ''
  if (!toSimulator) {
    // A pasted token or the server's still speak for the user, as before identities existed.
    const fallback = ownToken()
    if (fallback.kind !== 'blocked' && fallback.kind !== 'none') return fallback
    return {
      kind: 'blocked',
      message: `Simulated players exist only in the simulator; ${input.upstream === input.xboxLiveUpstream ? 'Xbox Live' : input.upstream} needs a real account. ${SIGN_IN_HINT}`,
    }
  }
  const player = xuid ? input.players.find((p) => p.xuid === xuid) : input.players[0]
  if (!player)
    return {
      kind: 'blocked',
      message: xuid
        ? `No simulated player has XUID ${xuid} any more: pick another in Act as.`
        : 'The simulator has no players: add one in Settings.',
    }
  return { kind: 'sim', header: `${ACT_AS_SIM_PREFIX}${player.xuid}`, player }
}

/** The Authorization header as it goes out, with the token part redacted; undefined when none does. */
export function sentAuthorization(acting: ActingIdentity): string | undefined {
  switch (acting.kind) {
    case 'sim':
      return `XBL3.0 x=${acting.player.userhash};<server token> (redacted)`
    case 'xbl':
      // In the simulator the account plays as its XUID with a simulator token (decision 022).
      return acting.toSimulator
        ? `XBL3.0 x=${acting.identity.xuid};<server token> (redacted)`
        : `XBL3.0 x=${acting.identity.userhash};<Xbox Live token> (redacted)`
    case 'server':
      return 'XBL3.0 x=<userhash>;<server token> (redacted)'
    case 'token':
      return TOKEN_PLACEHOLDER_SENT
    default:
      return undefined
  }
}

/** Who History records as the sender. */
export function senderOf(acting: ActingIdentity): Sender | undefined {
  switch (acting.kind) {
    case 'sim':
      return { kind: 'sim', gamertag: acting.player.gamertag, xuid: acting.player.xuid }
    case 'xbl':
      return { kind: 'xbl', gamertag: acting.identity.gamertag, xuid: acting.identity.xuid }
    case 'blocked':
      return undefined
    default:
      return { kind: acting.kind }
  }
}

/** A sender in one line: "Sim Ana (2814679796296491)", "your token", "no Authorization". */
export function describeSender(sender: Sender): string {
  if (sender.gamertag) return `${sender.gamertag} (${sender.xuid ?? '?'})`
  if (sender.kind === 'token') return 'your token'
  if (sender.kind === 'server') return 'server token'
  return 'no Authorization'
}

/**
 * The "Act as" value that sends as `sender` again (a History replay), or undefined when that
 * identity is gone: a player no longer in the roster, an account signed out.
 */
export function actAsFor(
  sender: Sender,
  players: readonly SimPlayer[],
  identities: readonly IdentityView[],
): string | undefined {
  switch (sender.kind) {
    case 'sim':
      return players.some((p) => p.xuid === sender.xuid)
        ? `${ACT_AS_SIM_PREFIX}${sender.xuid}`
        : undefined
    case 'xbl': {
      const identity = identities.find((i) => i.xuid === sender.xuid)
      return identity ? `${ACT_AS_XBL_PREFIX}${identity.id}` : undefined
    }
    case 'none':
      return ACT_AS_NONE
    default:
      // A pasted or server token: whichever token is set now speaks for the user.
      return ACT_AS_TOKEN
  }
}
