// Where and as whom Compose's calls go (decision 131): the active environment's `upstream` and
// `actAs` when it sets them, else Settings' upstream and the Act as menu's choice. Send and its
// preview, the Session panel (its check, its session writes and the send after them) and the Act
// as menu's note all read it here, so none of them can go elsewhere, or as someone else, than Send.
import { useQueryClient, type QueryClient } from '@tanstack/react-query'
import { useMemo } from 'react'
import type { SendOverrides } from '../../mpsd/environment'
import { recordingSendFor, type RecordingSend } from '../send/recording-send'
import { settingsQueries, useSettingsChecked } from '../settings/settings-queries'
import { currentVariableScope, useVariableScopeOf, type VariableScope } from './environment-queries'

export type ComposeTarget = {
  /** The chosen environment, or the settings, are still being read: nothing may go out yet. */
  waiting: boolean
  /** The upstream the call goes to. */
  upstream: string
  /** The Act as value it goes out as. */
  actAs: string
  /**
   * What a send carries (SendInput's `upstream`, `actAs`): the environment's overrides only, so
   * what the environment leaves alone is read from the settings of the moment the call goes out.
   */
  overrides: SendOverrides
  /** The environment that overrides `upstream` or `actAs`; undefined when none does. */
  overriddenBy: string | undefined
  /** The active environment's variables this target was worked out from. */
  scope: VariableScope
}

export function composeTargetOf(
  scope: VariableScope,
  settings: { upstream: string; actAs: string },
  /** False while the settings are the first render's quick read, not yet checked (decision 140). */
  settingsChecked = true,
): ComposeTarget {
  const { overrides } = scope
  return {
    waiting: scope.status === 'loading' || !settingsChecked,
    upstream: overrides.upstream ?? settings.upstream,
    actAs: overrides.actAs ?? settings.actAs,
    overrides,
    overriddenBy:
      overrides.upstream !== undefined || overrides.actAs !== undefined
        ? scope.environment?.name
        : undefined,
    scope,
  }
}

/** Compose's target now; stable while the settings and the environment's scope are. */
export function useComposeTarget(): ComposeTarget {
  const { settings, checked } = useSettingsChecked()
  const { upstream, actAs, activeEnvironmentId } = settings
  // One settings read for both: the composer's first render pays for each query it observes.
  const scope = useVariableScopeOf(activeEnvironmentId)
  return useMemo(
    () => composeTargetOf(scope, { upstream, actAs }, checked),
    [scope, upstream, actAs, checked],
  )
}

/** Compose's target as the queries hold it now, for code outside render (a batch run starting). */
export async function currentComposeTarget(queryClient: QueryClient): Promise<ComposeTarget> {
  const [settings, scope] = await Promise.all([
    queryClient.fetchQuery(settingsQueries.current()),
    currentVariableScope(queryClient),
  ])
  return composeTargetOf(scope, settings)
}

/**
 * For panels that send beside Compose (Activity tools, MPA batch invites): Compose's target and a
 * send that goes there, as its player. Wait while `target.waiting`.
 */
export function useComposeSend(): { target: ComposeTarget; send: RecordingSend } {
  const target = useComposeTarget()
  return { target, send: recordingSendFor(useQueryClient(), target.overrides) }
}
