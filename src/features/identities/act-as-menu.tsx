// "Act as" in the top bar: who sends (decision 022). Simulated players, signed-in Xbox accounts
// (gamertag, XUID, sandbox, time left, multiplayer privilege), your pasted token, or none. Its own
// chunk, loaded right after the composer's first render (decision 140); signing in is on the
// lazily loaded Settings page. When the active environment's `actAs` overrides the choice for
// Compose (decision 131), the menu says so and who sends instead; the choice can still be made (it
// applies again without that environment).
import { useId } from 'react'
import { Link } from 'wouter'
import { useComposeTarget } from '../../data/environments/compose-target'
import { useIdentities } from '../../data/identities/identities-queries'
import { useSimPlayers } from '../../data/identities/players-queries'
import { useActing, useSetActAs } from '../../data/identities/use-acting'
import { useAuthorization, useSettings } from '../../data/settings/settings-queries'
import { describeSender, senderOf } from '../../mpsd/acting-identity'
import {
  ACT_AS_NONE,
  ACT_AS_SIM_PREFIX,
  ACT_AS_TOKEN,
  ACT_AS_XBL_PREFIX,
} from '../../mpsd/proxy-protocol'
import { DEFAULT_SIM_PLAYERS } from '../../mpsd/default-sim-players'
import { timeLeft } from './time-left'

function describeSenderOf(acting: Parameters<typeof senderOf>[0]): string {
  const sender = senderOf(acting)
  return sender ? describeSender(sender) : ''
}

export function ActAsMenu() {
  const settings = useSettings()
  const token = useAuthorization().value
  const players = useSimPlayers().data ?? DEFAULT_SIM_PLAYERS
  const identities = useIdentities().data ?? []
  const acting = useActing()
  const setActAs = useSetActAs()
  const target = useComposeTarget()
  // Who Compose sends as: the same resolution as Send's (the environment's upstream included).
  const composeActing = useActing(target.upstream, target.actAs)
  const overrideId = useId()
  const overriddenBy = target.overrides.actAs === undefined ? undefined : target.overriddenBy
  // "Your token" stays picked when it resolves to the server's token or, with none set, to no
  // Authorization in the simulator: the menu shows the choice, the preview what goes out.
  const selected =
    acting.kind === 'blocked' || settings.actAs === ACT_AS_TOKEN
      ? settings.actAs
      : acting.kind === 'server'
        ? ACT_AS_TOKEN
        : acting.header
  return (
    <div className="act-as">
      <label htmlFor="act-as">Act as</label>{' '}
      <select
        id="act-as"
        value={selected}
        onChange={(event) => setActAs(event.target.value)}
        aria-describedby={overriddenBy === undefined ? undefined : overrideId}
      >
        {acting.kind === 'blocked' ? (
          <option value={settings.actAs}>(not available: {settings.actAs})</option>
        ) : null}
        <optgroup label="Simulated players">
          {players.map((p) => (
            <option key={p.xuid} value={`${ACT_AS_SIM_PREFIX}${p.xuid}`}>
              {p.gamertag} · {p.xuid}
            </option>
          ))}
        </optgroup>
        {identities.length > 0 ? (
          <optgroup label="Signed in to Xbox Live">
            {identities.map((i) => (
              <option key={i.id} value={`${ACT_AS_XBL_PREFIX}${i.id}`}>
                {i.gamertag} · {i.xuid} · {i.sandbox} · {timeLeft(i.expiresAt)}
                {i.canJoinMultiplayer ? '' : ' · cannot join multiplayer'}
              </option>
            ))}
          </optgroup>
        ) : null}
        <option value={ACT_AS_TOKEN}>Your token{token ? ' (pasted)' : ' (not set)'}</option>
        <option value={ACT_AS_NONE}>No Authorization</option>
      </select>{' '}
      {overriddenBy === undefined ? null : (
        <span id={overrideId} role="note" className="act-as-override">
          Overridden by environment “{overriddenBy}”:{' '}
          {composeActing.kind === 'blocked'
            ? `Compose cannot send as ${target.actAs}. ${composeActing.message}`
            : `Compose sends as ${describeSenderOf(composeActing)}.`}
        </span>
      )}
      <Link href="/settings#sign-in" className="nav-link">
        Sign in…
      </Link>
    </div>
  )
}
