// Who the next call to `upstream` goes out as, for the preview and the Act as menu: the same
// resolution the send path makes (resolveActing), from the queries the send reads.
import { useMemo } from 'react'
import { resolveActing, type ActingIdentity } from '../../mpsd/acting-identity'
import { XBOX_LIVE_ORIGIN } from '../../mpsd/limits'
import { DEFAULT_SIM_PLAYERS } from '../../mpsd/default-sim-players'
import { useAuthorization, useSettings, useUpdateSettings } from '../settings/settings-queries'
import { useUpstreams } from '../settings/upstreams-queries'
import { useIdentities } from './identities-queries'
import { useSimPlayers } from './players-queries'

/** `actAs` resolves another "Act as" value than the setting's (the sender a batch run pinned). */
export function useActing(upstream?: string, actAs?: string): ActingIdentity {
  const settings = useSettings()
  const authorization = useAuthorization()
  const players = useSimPlayers().data ?? DEFAULT_SIM_PLAYERS
  const identities = useIdentities().data
  const serverTokenConfigured = useUpstreams().data?.xblAuthorizationConfigured ?? false
  const target = upstream ?? settings.upstream
  const who = actAs ?? settings.actAs
  return useMemo(
    () =>
      resolveActing({
        actAs: who,
        upstream: target,
        xboxLiveUpstream: XBOX_LIVE_ORIGIN,
        token: authorization.value,
        serverTokenConfigured,
        players,
        identities: identities ?? [],
      }),
    [who, target, authorization.value, serverTokenConfigured, players, identities],
  )
}

/** Sets the "Act as" setting (kept with the other settings, so it survives a reload). */
export function useSetActAs() {
  const settings = useSettings()
  const update = useUpdateSettings()
  return (actAs: string) => update.mutate({ ...settings, actAs })
}
