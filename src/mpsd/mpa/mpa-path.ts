// Which service a path belongs to, and where a call goes: "Xbox Live" in Settings covers both
// hosts (decision 110), so an MPA path sent to it goes to multiplayeractivity.xboxlive.com. Read
// from the path alone, so History records, HAR entries and replays need no extra field.
import { XBOX_LIVE_ORIGIN } from '../limits'
import { MPA_ORIGIN, MPA_PATH_PREFIX } from './mpa-limits'

/** The path part of a path or URL, without its query. */
function pathOnly(target: string): string {
  try {
    return new URL(target, 'http://wire.invalid').pathname
  } catch {
    return target
  }
}

export function isMpaPath(target: string): boolean {
  return pathOnly(target).startsWith(MPA_PATH_PREFIX)
}

/** The upstream to name for a call: MPA's origin for an MPA path sent to "Xbox Live". */
export function upstreamFor(upstream: string, path: string): string {
  return upstream === XBOX_LIVE_ORIGIN && isMpaPath(path) ? MPA_ORIGIN : upstream
}
