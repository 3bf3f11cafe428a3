// The proxy forwards only to origins on this list, compared after normalisation, so no spelling of
// an address (IP literal, decimal or octal IP, userinfo, another port, a trailing dot) can reach a
// host the user did not allow. This is the SSRF fence (compare Hoppscotch's CVE-2022-25850).
import { XBOX_LIVE_ORIGIN } from '../../mpsd/limits'
import { SIMULATOR_UPSTREAM } from '../../mpsd/proxy-protocol'

/** `origin` is the id callers name; `target` where the proxy sends (WORKBENCH_XBOXLIVE_ORIGIN). */
export type Upstream = { origin: string; label: string; target?: string }

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
): Upstream[] {
  const list: Upstream[] = [
    { origin: SIMULATOR_UPSTREAM, label: 'Simulator' },
    {
      origin: XBOX_LIVE_ORIGIN,
      label: 'Xbox Live',
      ...(xboxLiveTarget === XBOX_LIVE_ORIGIN ? {} : { target: xboxLiveTarget }),
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
