// Sends a WireRequest through the Workbench proxy. The only place the Authorization value is
// attached: it goes straight into the fetch headers and is never returned, stored or logged.
import { ACT_AS_HEADER, PROXY_ERROR_HEADER, UPSTREAM_HEADER } from '../mpsd/proxy-protocol'
import type { WireRequest } from '../mpsd/request-builder'
import { upstreamFor } from '../mpsd/mpa/mpa-path'

export type ProxyTarget = {
  proxyUrl: string
  upstream: string
  authorization?: string
  /** X-Workbench-Act-As: who the proxy signs the call as (decision 022). */
  actAs?: string
}

export type ProxyResponse = {
  status: number
  statusText: string
  headers: Array<[string, string]>
  body: string
  sizeBytes: number
  durationMs: number
  upstreamMs: number | undefined
  proxyError: { code: string; message: string } | undefined
}

export class ProxyUnreachableError extends Error {
  constructor(
    readonly proxyUrl: string,
    cause: unknown,
  ) {
    super(`Proxy unreachable at ${proxyUrl}`, { cause })
    this.name = 'ProxyUnreachableError'
  }
}

export function proxyUrlFor(proxyUrl: string, path: string): string {
  return `${proxyUrl.replace(/\/+$/, '')}${path}`
}

/** The upstream's share of a call, from the proxy's `Server-Timing: upstream;dur=…` header. */
export function upstreamDuration(serverTiming: string | null | undefined): number | undefined {
  const match = serverTiming?.match(/upstream;dur=([\d.]+)/)
  return match?.[1] ? Number(match[1]) : undefined
}

/** A refusal or failure of the proxy itself: its code header and the message in its JSON body. */
export function proxyErrorFrom(
  code: string | null | undefined,
  body: string,
): ProxyResponse['proxyError'] {
  if (!code) return undefined
  let message = body
  try {
    const parsed = JSON.parse(body) as { message?: unknown }
    if (typeof parsed.message === 'string') message = parsed.message
  } catch {
    // The body is not JSON: keep it as the message.
  }
  return { code, message }
}

export async function sendThroughProxy(
  request: WireRequest,
  target: ProxyTarget,
  signal?: AbortSignal,
): Promise<ProxyResponse> {
  const headers = new Headers(request.headers)
  // "Xbox Live" covers both hosts: an MPA path goes to multiplayeractivity.xboxlive.com.
  headers.set(UPSTREAM_HEADER, upstreamFor(target.upstream, request.path))
  if (target.actAs) headers.set(ACT_AS_HEADER, target.actAs)
  if (target.authorization) headers.set('Authorization', target.authorization)
  const url = proxyUrlFor(target.proxyUrl, request.path)
  const started = performance.now()
  let response: Response
  try {
    response = await fetch(url, {
      method: request.method,
      headers,
      body: request.body,
      redirect: 'manual',
      credentials: 'same-origin',
      ...(signal ? { signal } : {}),
    })
  } catch (error) {
    if (signal?.aborted) throw error
    throw new ProxyUnreachableError(target.proxyUrl, error)
  }
  const bytes = new Uint8Array(await response.arrayBuffer())
  const durationMs = performance.now() - started
  const body = new TextDecoder().decode(bytes)
  const proxyError = proxyErrorFrom(response.headers.get(PROXY_ERROR_HEADER), body)
  return {
    status: response.status,
    statusText: response.statusText,
    headers: [...response.headers.entries()],
    body,
    sizeBytes: bytes.byteLength,
    durationMs,
    upstreamMs: upstreamDuration(response.headers.get('Server-Timing')),
    proxyError,
  }
}
