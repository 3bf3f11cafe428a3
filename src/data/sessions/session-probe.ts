// "Would Send be refused?": a GET of the composed request's session, as the acting player, before
// anything is sent (issue 14 item 4). Not recorded in History: it runs by itself as the user types,
// and History is the record of what the user sent. Simulator only, by default (decision 101): there
// it costs nothing real, while against Xbox Live each read spends the player's MPSD budget and
// Microsoft's trace analyzer flags reads nobody asked for as polling.
import { resolveActing } from '../../mpsd/acting-identity'
import { DEFAULT_SIM_PLAYERS } from '../../mpsd/default-sim-players'
import { XBOX_LIVE_ORIGIN } from '../../mpsd/limits'
import {
  readSessionDocument,
  sessionCall,
  type SessionRef,
  type SessionView,
} from '../../mpsd/session-document'
import { ProxyUnreachableError, sendThroughProxy } from '../../lib/proxy-client'
import type { SendSettings } from '../settings/settings-queries'

export type SessionProbe =
  | { state: 'exists'; session: SessionView; actingXuid: string | undefined }
  | { state: 'missing'; actingXuid: string | undefined }
  /** An answer that is neither: a 403 for a private session, a 429, a proxy refusal. */
  | { state: 'unknown'; message: string }

/** The XUID the acting identity plays as, when one is known (a pasted token's decimal userhash). */
export function actingXuidOf(acting: ReturnType<typeof resolveActing>): string | undefined {
  if (acting.kind === 'sim') return acting.player.xuid
  if (acting.kind === 'xbl') return acting.identity.xuid
  if (acting.kind === 'token' && acting.userhash && /^\d+$/.test(acting.userhash))
    return acting.userhash
  return undefined
}

/**
 * Checks `ref` at `target.upstream` as `target.actAs` (Compose's target: an environment may set
 * both), with the token and roster of `sendSettings`.
 */
export async function probeSession(
  ref: SessionRef,
  target: { upstream: string; actAs: string },
  { settings, authorization, actors }: SendSettings,
  signal?: AbortSignal,
): Promise<SessionProbe> {
  const acting = resolveActing({
    actAs: target.actAs,
    upstream: target.upstream,
    xboxLiveUpstream: XBOX_LIVE_ORIGIN,
    token: authorization,
    serverTokenConfigured: actors?.serverTokenConfigured ?? false,
    players: actors?.players ?? DEFAULT_SIM_PLAYERS,
    identities: actors?.identities ?? [],
  })
  if (acting.kind === 'blocked') return { state: 'unknown', message: acting.message }
  const actingXuid = actingXuidOf(acting)
  try {
    const check = sessionCall('check', ref, actingXuid, settings.contractVersion)
    const response = await sendThroughProxy(
      // Not a call the user made: it must not spend the player's budget (the simulator's
      // per-request switch, README "Send, through the proxy").
      { ...check, path: `${check.path}?sim_throttle=off` },
      {
        proxyUrl: settings.proxyUrl,
        upstream: target.upstream,
        actAs: acting.header,
        ...(acting.kind === 'token' ? { authorization } : {}),
      },
      signal,
    )
    // XSAPI reads a 204 to a session GET as "no such session" [sessions §1.8].
    if (response.status === 204 || response.status === 404) return { state: 'missing', actingXuid }
    if (response.status === 200) {
      const read = readSessionDocument(response.body)
      if (read.ok) return { state: 'exists', session: read.session, actingXuid }
      return { state: 'unknown', message: read.error }
    }
    return {
      state: 'unknown',
      message:
        response.proxyError?.message ?? `The session check answered HTTP ${response.status}.`,
    }
  } catch (error) {
    if (error instanceof ProxyUnreachableError) return { state: 'unknown', message: error.message }
    throw error
  }
}
