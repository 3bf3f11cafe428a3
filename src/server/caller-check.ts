// Who may talk to the Workbench server. Every path (the dashboard's pages, /proxy, /sim, /api,
// /healthz) answers only requests addressed to one of its own host names: a page on evil.example
// that rebinds its DNS name to 127.0.0.1 gets 403, never our data. The paths that act (the proxy,
// the simulator) also take browser callers only from the dashboard's own origin, and callers
// without an Origin header only from this machine.
import type { Context, MiddlewareHandler } from 'hono'
import type { ProxyErrorCode } from '../mpsd/proxy-protocol'
import { proxyError } from './error-response'

export type CallerPolicy = {
  /** Host names the dashboard is served under (DNS-rebinding defence). */
  allowedHosts: readonly string[]
  /** Whether the TCP peer is on this machine; decides whether Origin-less callers are let in. */
  isLoopbackPeer: (c: Context) => boolean
}

export type Refusal = { code: ProxyErrorCode; message: string }

/** The host names a server bound to `host` answers under. */
export function allowedHostsFor(host: string): string[] {
  return [...new Set(['127.0.0.1', 'localhost', '::1', host.toLowerCase()])]
}

function hostnameOf(hostHeader: string): string {
  return hostHeader
    .replace(/:\d+$/, '')
    .replace(/^\[|\]$/g, '')
    .toLowerCase()
}

/** A refusal when the Host header names anything but the Workbench itself. */
export function checkHost(c: Context, policy: CallerPolicy): Refusal | undefined {
  const hostname = hostnameOf(c.req.header('host') ?? '')
  if (policy.allowedHosts.includes(hostname)) return undefined
  return {
    code: 'origin_not_allowed',
    message: `Requests must address the Workbench by one of its own host names, not "${hostname}".`,
  }
}

/** checkHost, then: a browser caller must be the dashboard; an Origin-less one must be local. */
export function checkCaller(c: Context, policy: CallerPolicy, what: string): Refusal | undefined {
  const host = checkHost(c, policy)
  if (host) return host
  const origin = c.req.header('origin')
  if (origin !== undefined) {
    const self = `${new URL(c.req.url).protocol}//${c.req.header('host') ?? ''}`.toLowerCase()
    if (origin.toLowerCase() === self) return undefined
    return {
      code: 'origin_not_allowed',
      message: `Only the Workbench dashboard itself may use ${what} from a browser.`,
    }
  }
  if (policy.isLoopbackPeer(c)) return undefined
  return {
    code: 'origin_not_allowed',
    message: 'Callers without an Origin header are allowed only from this machine.',
  }
}

/** checkCaller as a middleware for the APIs that act or hold secrets; refusals read as the proxy's. */
export function callerGuard(policy: CallerPolicy, what: string): MiddlewareHandler {
  return async (c, next) => {
    const refusal = checkCaller(c, policy, what)
    if (refusal) return proxyError(refusal.code, refusal.message)
    await next()
  }
}
