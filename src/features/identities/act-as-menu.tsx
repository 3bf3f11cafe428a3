// "Act as" in the top bar: who sends (decision 022). Simulated players, signed-in Xbox accounts
// (gamertag, XUID, sandbox, time left, multiplayer privilege), your pasted token, or none. Small on
// purpose: it ships in the first load; signing in is on the lazily loaded Settings page.
import { Link } from 'wouter'
import { useIdentities } from '../../data/identities/identities-queries'
import { useSimPlayers } from '../../data/identities/players-queries'
import { useActing, useSetActAs } from '../../data/identities/use-acting'
import { useAuthorization, useSettings } from '../../data/settings/settings-queries'
import {
  ACT_AS_NONE,
  ACT_AS_SIM_PREFIX,
  ACT_AS_TOKEN,
  ACT_AS_XBL_PREFIX,
} from '../../mpsd/proxy-protocol'
import { DEFAULT_SIM_PLAYERS } from '../../mpsd/default-sim-players'
import { timeLeft } from './time-left'

export function ActAsMenu() {
  const settings = useSettings()
  const token = useAuthorization().value
  const players = useSimPlayers().data ?? DEFAULT_SIM_PLAYERS
  const identities = useIdentities().data ?? []
  const acting = useActing()
  const setActAs = useSetActAs()
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
      <select id="act-as" value={selected} onChange={(event) => setActAs(event.target.value)}>
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
      <Link href="/settings#sign-in" className="nav-link">
        Sign in…
      </Link>
    </div>
  )
}
