// The proxy forwards only to origins on this list, compared after normalisation, so no spelling of
// an address (IP literal, decimal or octal IP, userinfo, another port, a trailing dot) can reach a
// host the user did not allow. This is the SSRF fence (compare Hoppscotch's CVE-2022-25850).
import { XBOX_LIVE_ORIGIN } from '../../mpsd/limits'
import { MPA_ORIGIN } from '../../mpsd/mpa/mpa-limits'
import { SIMULATOR_UPSTREAM } from '../../mpsd/proxy-protocol'

/**
 * `origin` is the id callers name; `target` where the proxy sends (WORKBENCH_XBOXLIVE_ORIGIN,
 * WORKBENCH_MPA_ORIGIN). `service: 'mpa'` marks Multiplayer Activity's host, part of "Xbox Live"
 * (decision 110): allowed like session directory, not a choice of its own in Settings.
 */
export type Upstream = { origin: string; label: string; target?: string; service?: 'mpa' }

/** The Xbox Live hosts: the ones a server-held or signed-in account's token may go to. */
export const XBOX_LIVE_ORIGINS: readonly string[] = [XBOX_LIVE_ORIGIN, MPA_ORIGIN]

/** The canonical origin of a value, or undefined when it is anything but a bare origin. */
export function normalizeOrigin(value: string): string | undefined {
  const trimmed = value.trim()
  if (!/^https?:\/\/[^/?#@\\\s]+\/?$/i.test(trimmed)) return undefined
  let url: URL
  try {
    url = new URL(trimmed)
  } catch {
    return undefined
  }
  if (url.username || url.password || url.search || url.hash || url.pathname !== '/')
    return undefined
  return url.origin
}

export function allowedUpstreams(
  extra: readonly string[],
  xboxLiveTarget: string = XBOX_LIVE_ORIGIN,
  mpaTarget: string = MPA_ORIGIN,
): Upstream[] {
  const list: Upstream[] = [
    { origin: SIMULATOR_UPSTREAM, label: 'Simulator' },
    {
      origin: XBOX_LIVE_ORIGIN,
      label: 'Xbox Live',
      ...(xboxLiveTarget === XBOX_LIVE_ORIGIN ? {} : { target: xboxLiveTarget }),
    },
    {
      origin: MPA_ORIGIN,
      label: 'Xbox Live',
      service: 'mpa',
      ...(mpaTarget === MPA_ORIGIN ? {} : { target: mpaTarget }),
    },
  ]
  for (const value of extra) {
    const origin = normalizeOrigin(value)
    if (origin && !list.some((u) => u.origin === origin)) list.push({ origin, label: origin })
  }
  return list
}

/**
 * Resolves the X-Workbench-Upstream header. The header must spell an allowed origin exactly
 * (modulo a trailing slash and case of the scheme/host), not merely normalise to one.
 */
export function resolveUpstream(
  header: string | undefined,
  allowed: readonly Upstream[],
): { ok: true; origin: string; target: string } | { ok: false } {
  if (header === undefined || header.trim() === '' || header.trim() === SIMULATOR_UPSTREAM) {
    return { ok: true, origin: SIMULATOR_UPSTREAM, target: SIMULATOR_UPSTREAM }
  }
  const origin = normalizeOrigin(header)
  if (!origin) return { ok: false }
  if (header.trim().replace(/\/$/, '').toLowerCase() !== origin.toLowerCase()) return { ok: false }
  const found = allowed.find((u) => u.origin === origin)
  return found ? { ok: true, origin, target: found.target ?? origin } : { ok: false }
}
