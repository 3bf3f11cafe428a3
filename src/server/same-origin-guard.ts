// The proxy's caller check as a Hono middleware, for APIs that hold or act on secrets: the request
// must name one of the Workbench's own host names (DNS-rebinding defence), a browser caller must be
// the dashboard's own origin (a page elsewhere cannot sign accounts in or out), and a caller without
// an Origin header (curl, a script) must be on this machine.
import type { Context, MiddlewareHandler } from 'hono'

export type SameOriginGuardOptions = {
  /** Host names the dashboard is served under. */
  allowedHosts: readonly string[]
  isLoopbackPeer: (c: Context) => boolean
}

export function sameOriginGuard(options: SameOriginGuardOptions): MiddlewareHandler {
  return async (c, next) => {
    const refuse = (message: string) => c.json({ error: 'origin_not_allowed', message }, 403)
    const hostHeader = c.req.header('host') ?? ''
    const hostname = hostHeader
      .replace(/:\d+$/, '')
      .replace(/^\[|\]$/g, '')
      .toLowerCase()
    if (!options.allowedHosts.includes(hostname))
      return refuse(
        `Requests must address the Workbench by one of its own host names, not "${hostname}".`,
      )
    const origin = c.req.header('origin')
    if (origin !== undefined) {
      const self = `${new URL(c.req.url).protocol}//${hostHeader}`.toLowerCase()
      if (origin.toLowerCase() !== self)
        return refuse('Only the Workbench dashboard itself may use this API from a browser.')
    } else if (!options.isLoopbackPeer(c)) {
      return refuse('Callers without an Origin header are allowed only from this machine.')
    }
    await next()
  }
}
