// History as HAR 1.2 (opens in browser devtools, Charles, Fiddler, Insomnia…) and back.
// Export: the Authorization value is always the placeholder, whatever a record holds.
// Import: validated entry by entry; each skipped entry is reported with why; an Authorization or
// Cookie header in the file (a devtools HAR can carry a real token) never reaches storage.
// A HAR the browser recorded (devtools, Playwright) holds the calls to this server's /proxy: the
// upstream is read from the X-Workbench-Upstream header, the proxy's own answers from its headers,
// and the headers the browser added on its own are left out of "Request as sent".
import { z } from 'zod'
import { REDACTED_AUTHORIZATION } from '../../mpsd/request-builder'
import { XBOX_LIVE_ORIGIN } from '../../mpsd/limits'
import { MPA_ORIGIN } from '../../mpsd/mpa/mpa-limits'
import { isMpaPath, upstreamFor } from '../../mpsd/mpa/mpa-path'
import { proxyErrorFrom, upstreamDuration } from '../../lib/proxy-client'
import {
  PROXY_ERROR_HEADER,
  SIMULATOR_UPSTREAM as SIMULATOR,
  UPSTREAM_HEADER,
} from '../../mpsd/proxy-protocol'
import {
  historyEntrySchema,
  historyIdFor,
  requestKindSchema,
  statusClassOf,
  type HistoryEntry,
  type RequestKind,
} from './history-entry'

export const HAR_MAX_BYTES = 200 * 1024 * 1024
const SECRET_HEADERS = new Set(['authorization', 'cookie', 'set-cookie', 'proxy-authorization'])

/**
 * Request headers a browser, an HTTP client or a proxy adds on its own: not part of the request the
 * Workbench built (x-xbl-contract-version, Content-Type, Authorization), so not shown or replayed.
 */
const ADDED_REQUEST_HEADERS = new Set([
  // Transport (RFC 9110 hop-by-hop and framing).
  'host',
  'content-length',
  'connection',
  'keep-alive',
  'proxy-connection',
  'transfer-encoding',
  'te',
  'trailer',
  'upgrade',
  'expect',
  'http2-settings',
  // What a browser sends with every fetch.
  'origin',
  'referer',
  'user-agent',
  'accept-encoding',
  'accept-language',
  'accept-charset',
  'cache-control',
  'pragma',
  'priority',
  'dnt',
  'upgrade-insecure-requests',
  'purpose',
  'save-data',
  'device-memory',
  'dpr',
  'viewport-width',
  'width',
  'rtt',
  'downlink',
  'ect',
  // What proxies add.
  'forwarded',
  'via',
  'x-real-ip',
  // Credentials other than the Authorization placeholder.
  'cookie',
  'cookie2',
  'proxy-authorization',
])
/** Sec-Fetch-*, sec-ch-ua*, HTTP/2 pseudo-headers, X-Forwarded-*, and the proxy's own controls. */
const ADDED_REQUEST_HEADER_PREFIXES = ['sec-', ':', 'x-forwarded-', 'x-workbench-']
/** fetch's default Accept; a client that asked for something else keeps it. */
const DEFAULT_ACCEPT = '*/*'

function isAddedRequestHeader(name: string, value: string): boolean {
  const lower = name.toLowerCase()
  if (ADDED_REQUEST_HEADERS.has(lower)) return true
  if (ADDED_REQUEST_HEADER_PREFIXES.some((prefix) => lower.startsWith(prefix))) return true
  return lower === 'accept' && value.trim() === DEFAULT_ACCEPT
}

type HarHeader = { name: string; value: string }

function harHeaders(pairs: ReadonlyArray<readonly [string, string]>): HarHeader[] {
  return pairs.map(([name, value]) => ({
    name,
    value: name.toLowerCase() === 'authorization' ? REDACTED_AUTHORIZATION : value,
  }))
}

function isUpstream(value: string): boolean {
  if (value === SIMULATOR) return true
  try {
    return new URL(value).origin === value
  } catch {
    return false
  }
}

function headerValue(
  pairs: ReadonlyArray<readonly [string, string]>,
  name: string,
): string | undefined {
  return pairs.find(([n]) => n.toLowerCase() === name)?.[1]
}

function nonNegative(value: number): number {
  return Number.isFinite(value) && value > 0 ? value : 0
}

export function entryUrl(
  entry: Pick<HistoryEntry, 'upstream' | 'request'>,
  simulatorBase: string,
): string {
  // "Xbox Live" covers both hosts: an MPA path was sent to multiplayeractivity.xboxlive.com.
  const base =
    entry.upstream === SIMULATOR ? simulatorBase : upstreamFor(entry.upstream, entry.request.path)
  const url = `${base.replace(/\/+$/, '')}${entry.request.path}`
  // A record whose upstream is not an origin still exports (one bad record must not stop the file).
  return URL.canParse(url)
    ? url
    : `urn:handles-workbench:${encodeURIComponent(entry.upstream)}${encodeURIComponent(entry.request.path)}`
}

export function toHar(
  entries: readonly HistoryEntry[],
  options: { simulatorBase: string; version: string },
) {
  return {
    log: {
      version: '1.2',
      creator: { name: 'Handles Workbench', version: options.version },
      pages: [],
      entries: entries.map((entry) => {
        const url = new URL(entryUrl(entry, options.simulatorBase))
        const response = entry.response
        const contentType = headerValue(response?.headers ?? [], 'content-type') ?? ''
        const time = nonNegative(entry.durationMs)
        const sizeBytes = response ? Math.round(nonNegative(response.sizeBytes)) : undefined
        return {
          startedDateTime: new Date(entry.startedAt).toISOString(),
          time,
          request: {
            method: entry.request.method,
            url: url.href,
            httpVersion: 'HTTP/1.1',
            cookies: [],
            headers: harHeaders(entry.request.headers),
            queryString: [...url.searchParams].map(([name, value]) => ({ name, value })),
            ...(entry.request.body === undefined
              ? {}
              : {
                  postData: {
                    mimeType: headerValue(entry.request.headers, 'content-type') ?? '',
                    text: entry.request.body,
                  },
                }),
            headersSize: -1,
            bodySize:
              entry.request.body === undefined
                ? 0
                : new TextEncoder().encode(entry.request.body).byteLength,
          },
          response: {
            status: response?.status ?? 0,
            statusText: response?.statusText ?? '',
            httpVersion: response ? 'HTTP/1.1' : '',
            cookies: [],
            headers: harHeaders(response?.headers ?? []).filter(
              (h) => !SECRET_HEADERS.has(h.name.toLowerCase()),
            ),
            content: {
              size: sizeBytes ?? 0,
              mimeType: contentType,
              text: response?.body ?? '',
            },
            redirectURL: headerValue(response?.headers ?? [], 'location') ?? '',
            headersSize: -1,
            bodySize: sizeBytes ?? -1,
            ...(entry.proxyError || entry.networkError
              ? { _error: entry.proxyError?.message ?? entry.networkError }
              : {}),
          },
          cache: {},
          // HAR 1.2: time is the sum of the timings that are not -1. The Workbench measures the
          // whole call through its proxy (from the browser, all of it is waiting for the answer);
          // the upstream's share is kept in _workbench.upstreamMs. What it cannot know is -1.
          timings: {
            blocked: -1,
            dns: -1,
            connect: -1,
            ssl: -1,
            send: 0,
            wait: time,
            receive: 0,
          },
          // HAR allows custom fields with a leading underscore; other tools ignore them.
          _workbench: {
            id: entry.id,
            kind: entry.kind,
            upstream: entry.upstream,
            ...(entry.scid ? { scid: entry.scid } : {}),
            ...(entry.xuid ? { xuid: entry.xuid } : {}),
            ...(entry.sessionName ? { sessionName: entry.sessionName } : {}),
            ...(entry.handleId ? { handleId: entry.handleId } : {}),
            ...(entry.upstreamMs === undefined ? {} : { upstreamMs: entry.upstreamMs }),
            ...(entry.proxyError ? { proxyError: entry.proxyError } : {}),
            ...(entry.networkError ? { networkError: entry.networkError } : {}),
            ...(entry.response?.bodyTruncated ? { bodyTruncated: true } : {}),
          },
        }
      }),
    },
  }
}

const harHeaderSchema = z.object({ name: z.string(), value: z.string() })
/** One odd header (a number value, no name) is left out, not the whole list with it. */
const harHeadersSchema = z
  .array(z.unknown())
  .catch([])
  .transform((list) =>
    list.flatMap((raw) => {
      const header = harHeaderSchema.safeParse(raw)
      return header.success ? [header.data] : []
    }),
  )
/** Body text as HAR writes it: `encoding` (base64) when the text is not the body itself. */
const harTextSchema = { text: z.string().nullish(), encoding: z.string().nullish() }
const harEntrySchema = z.object({
  startedDateTime: z.string().refine((s) => !Number.isNaN(Date.parse(s)), 'not a date'),
  time: z.number().catch(-1),
  request: z.object({
    method: z.string(),
    url: z.string().url(),
    headers: harHeadersSchema,
    postData: z.object(harTextSchema).nullish(),
  }),
  response: z.object({
    // No answer: devtools writes status 0, Playwright -1.
    status: z.number().int().min(-1).max(999),
    statusText: z.string().catch(''),
    headers: harHeadersSchema,
    content: z.object({ size: z.number().catch(-1), ...harTextSchema }),
    // Devtools writes `_error: null` on every call that did get an answer; Playwright `_failureText`.
    _error: z.string().nullish().catch(undefined),
    _failureText: z.string().nullish().catch(undefined),
  }),
  timings: z.record(z.string(), z.unknown()).optional().catch(undefined),
  _workbench: z
    .object({
      id: z
        .string()
        .regex(/^[0-9a-z]{10}-[0-9a-f-]{36}$/)
        .optional(),
      kind: requestKindSchema.optional(),
      // The simulator or an origin: anything else could not be turned back into a URL on export.
      upstream: z.string().refine(isUpstream, 'not "simulator" or an origin').optional(),
      scid: z.string().optional(),
      xuid: z.string().optional(),
      sessionName: z.string().optional(),
      handleId: z.string().optional(),
      upstreamMs: z.number().optional(),
      proxyError: z.object({ code: z.string(), message: z.string() }).optional(),
      networkError: z.string().optional(),
      bodyTruncated: z.boolean().optional(),
    })
    .partial()
    .optional()
    .catch(undefined),
})
type HarEntry = z.infer<typeof harEntrySchema>

export type HarSkip = { index: number; reason: string }
export type HarImport =
  { ok: true; entries: HistoryEntry[]; skipped: HarSkip[] } | { ok: false; error: string }

function issueText(error: z.ZodError): string {
  const issue = error.issues[0]
  return issue ? `${issue.path.join('.') || 'entry'}: ${issue.message}` : 'invalid entry'
}

function inferKind(
  method: string,
  path: string,
  body: string | undefined,
): RequestKind | undefined {
  const pathname = path.split('?')[0] ?? ''
  if (isMpaPath(pathname)) return mpaKindOf(method, pathname)
  const session = /\/serviceconfigs\/[^/]+\/sessiontemplates\/[^/]+\/sessions\/[^/]+$/i
  if (method === 'PUT' && session.test(pathname)) return 'session'
  if (method === 'PUT' && /\/handles\/[^/]+\/session$/i.test(pathname)) return 'session'
  if (method === 'GET' && session.test(pathname)) return 'get'
  if (method === 'POST' && /\/handles\/query$/i.test(pathname))
    return jsonObject(body)?.type === 'search' ? 'searchQuery' : 'query'
  if (method === 'GET' && /\/handles\/[^/]+(\/session)?$/i.test(pathname)) return 'get'
  if (method === 'DELETE' && /\/handles\/[^/]+$/i.test(pathname)) return 'delete'
  if (method === 'POST' && /\/handles$/i.test(pathname)) {
    const type = jsonObject(body)?.type
    return type === 'activity' || type === 'invite' || type === 'transfer' || type === 'search'
      ? type
      : undefined
  }
  return undefined
}

/** The Multiplayer Activity call a method and path make [mpa.md §2]. */
function mpaKindOf(method: string, pathname: string): RequestKind | undefined {
  if (/^\/titles\/[^/]+\/users\/[^/]+\/activities$/.test(pathname))
    return method === 'PUT'
      ? 'mpaSetActivity'
      : method === 'DELETE'
        ? 'mpaDeleteActivity'
        : undefined
  if (method !== 'POST') return undefined
  if (/^\/titles\/[^/]+\/activities\/query$/.test(pathname)) return 'mpaQueryActivities'
  if (/^\/titles\/[^/]+\/invites$/.test(pathname)) return 'mpaSendInvites'
  if (/^\/titles\/[^/]+\/recentplayers$/.test(pathname)) return 'mpaRecentPlayers'
  return undefined
}

function jsonObject(text: string | undefined): Record<string, unknown> | undefined {
  try {
    const value: unknown = JSON.parse(text ?? '')
    return value && typeof value === 'object' && !Array.isArray(value)
      ? (value as Record<string, unknown>)
      : undefined
  } catch {
    return undefined
  }
}

const stringOr = (value: unknown): string | undefined =>
  typeof value === 'string' && value.trim() !== '' ? value.trim() : undefined

/** The filter fields a Send records (SCID, session, XUID), for a file that does not carry them. */
function metaFromBody(kind: RequestKind, body: string | undefined) {
  const json = jsonObject(body)
  if (!json) return {}
  const ref = json.sessionRef && typeof json.sessionRef === 'object' ? json.sessionRef : {}
  const { scid, name } = ref as { scid?: unknown; name?: unknown }
  const owners = json.owners && typeof json.owners === 'object' ? json.owners : {}
  const { xuids } = owners as { xuids?: unknown }
  const meta = {
    scid: stringOr(kind === 'query' || kind === 'searchQuery' ? json.scid : scid)?.toLowerCase(),
    sessionName: kind === 'query' || kind === 'searchQuery' ? undefined : stringOr(name),
    xuid:
      kind === 'invite'
        ? stringOr(json.invitedXuid)
        : kind === 'query' && Array.isArray(xuids) && xuids.length === 1
          ? stringOr(xuids[0])
          : undefined,
  }
  return Object.fromEntries(Object.entries(meta).filter(([, v]) => v !== undefined)) as {
    scid?: string
    sessionName?: string
    xuid?: string
  }
}

function harHeader(headers: readonly HarHeader[], name: string): string | undefined {
  return headers.find((h) => h.name.toLowerCase() === name.toLowerCase())?.value
}

/** An origin spelled as one (the proxy accepts nothing else in X-Workbench-Upstream). */
function originOf(value: string): string | undefined {
  try {
    const url = new URL(value)
    if (url.protocol !== 'http:' && url.protocol !== 'https:') return undefined
    return value.replace(/\/$/, '').toLowerCase() === url.origin.toLowerCase()
      ? url.origin
      : undefined
  } catch {
    return undefined
  }
}

type Located = { upstream: string; path: string } | { error: string }

function locate(url: URL, headers: readonly HarHeader[]): Located {
  const path = `${url.pathname}${url.search}`
  if (url.origin === XBOX_LIVE_ORIGIN) return { upstream: XBOX_LIVE_ORIGIN, path }
  // MPA's host is part of "Xbox Live" (decision 110): filed under it, as a Send would be.
  if (url.origin === MPA_ORIGIN) return { upstream: XBOX_LIVE_ORIGIN, path }
  // The Workbench's own simulator and proxy paths on any host: strip the prefix.
  const local = path.match(/^\/(sim|proxy)(\/.*)$/)
  if (!local?.[2]) return { upstream: url.origin, path }
  if (local[1] === 'sim') return { upstream: SIMULATOR, path: local[2] }
  // A call to the proxy went where its X-Workbench-Upstream said; the simulator when it said none.
  const named = harHeader(headers, UPSTREAM_HEADER)?.trim()
  if (!named || named === SIMULATOR) return { upstream: SIMULATOR, path: local[2] }
  const origin = originOf(named)
  return origin
    ? { upstream: origin, path: local[2] }
    : { error: `${UPSTREAM_HEADER} "${named}" is neither "simulator" nor an origin` }
}

type Decoded = { ok: true; text: string; bytes: number } | { ok: false; reason: string }

/**
 * HAR bodies are text, or base64 (`encoding: "base64"`) when the writer did not keep them as text:
 * browsers write every empty body (a 204) that way. Decoded bytes that are UTF-8 are an answer.
 */
function decodeHarText(
  text: string | null | undefined,
  encoding: string | null | undefined,
): Decoded {
  const raw = text ?? ''
  const scheme = (encoding ?? '').trim().toLowerCase()
  if (scheme === '') return { ok: true, text: raw, bytes: new TextEncoder().encode(raw).byteLength }
  if (scheme !== 'base64') return { ok: false, reason: `in an unknown encoding "${encoding}"` }
  let binary: string
  try {
    binary = atob(raw)
  } catch {
    return { ok: false, reason: 'marked base64 but is not base64' }
  }
  const bytes = Uint8Array.from(binary, (c) => c.charCodeAt(0))
  try {
    const decoded = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(bytes)
    return { ok: true, text: decoded, bytes: bytes.byteLength }
  } catch {
    return { ok: false, reason: 'base64-encoded binary, not an MPSD answer' }
  }
}

/** HAR `time`; a writer that left it out (or wrote -1) still has the timings it was the sum of. */
function durationOf(har: HarEntry): number {
  if (har.time >= 0) return har.time
  const parts = ['blocked', 'dns', 'connect', 'send', 'wait', 'receive'].map(
    (k) => har.timings?.[k],
  )
  return parts.reduce<number>((sum, t) => (typeof t === 'number' && t > 0 ? sum + t : sum), 0)
}

function toEntry(har: HarEntry, now: number): { entry: HistoryEntry } | { reason: string } {
  const method = har.request.method.toUpperCase()
  if (method !== 'GET' && method !== 'POST' && method !== 'PUT' && method !== 'DELETE')
    return {
      reason: `method ${method} is not one MPSD's handles and sessions APIs or Multiplayer Activity use`,
    }
  const url = new URL(har.request.url)
  const located = locate(url, har.request.headers)
  if ('error' in located) return { reason: located.error }
  const postData = har.request.postData
  const requestBody = postData ? decodeHarText(postData.text, postData.encoding) : undefined
  if (requestBody && !requestBody.ok) return { reason: `the request body is ${requestBody.reason}` }
  const body = requestBody?.text
  const wb = har._workbench
  const kind = wb?.kind ?? inferKind(method, located.path, body)
  if (!kind)
    return {
      reason: `${method} ${url.pathname} is not a handles call (activity, invite, transfer, search, query, get or delete) or a session write`,
    }
  const answered = har.response.status > 0
  const responseBody = answered
    ? decodeHarText(har.response.content.text, har.response.content.encoding)
    : ({ ok: true, text: '', bytes: 0 } as const)
  if (!responseBody.ok) return { reason: `the response body is ${responseBody.reason}` }
  const startedAt = Date.parse(har.startedDateTime)
  if (startedAt > now + 86_400_000) return { reason: 'startedDateTime is in the future' }
  const status = answered ? har.response.status : 0
  const responseHeaders = har.response.headers.filter(
    (h) => !SECRET_HEADERS.has(h.name.toLowerCase()),
  )
  const proxyError =
    wb?.proxyError ??
    (answered
      ? proxyErrorFrom(harHeader(responseHeaders, PROXY_ERROR_HEADER), responseBody.text)
      : undefined)
  const networkError = answered
    ? undefined
    : (wb?.networkError ?? har.response._error ?? har.response._failureText ?? 'No response')
  const upstreamMs = wb?.upstreamMs ?? upstreamDuration(harHeader(responseHeaders, 'server-timing'))
  const meta = wb ? {} : metaFromBody(kind, body)
  const entry: HistoryEntry = {
    id: wb?.id ?? historyIdFor(startedAt),
    startedAt,
    kind,
    upstream: wb?.upstream ?? located.upstream,
    request: {
      method,
      path: located.path,
      // As the Workbench records a call: what it built, the Authorization value redacted.
      headers: har.request.headers
        .filter((h) => !isAddedRequestHeader(h.name, h.value))
        .map((h) => [
          h.name,
          h.name.toLowerCase() === 'authorization' ? REDACTED_AUTHORIZATION : h.value,
        ]),
      ...(body === undefined ? {} : { body }),
    },
    ...(answered
      ? {
          response: {
            status,
            statusText: har.response.statusText,
            headers: responseHeaders.map((h): [string, string] => [h.name, h.value]),
            body: responseBody.text,
            sizeBytes:
              har.response.content.size >= 0 ? har.response.content.size : responseBody.bytes,
            ...(wb?.bodyTruncated ? { bodyTruncated: true } : {}),
          },
        }
      : {}),
    ...(proxyError ? { proxyError } : {}),
    ...(networkError ? { networkError } : {}),
    durationMs: durationOf(har),
    ...(upstreamMs === undefined ? {} : { upstreamMs }),
    statusClass: statusClassOf(status, Boolean(proxyError)),
    ...meta,
    ...(wb?.scid ? { scid: wb.scid.toLowerCase() } : {}),
    ...(wb?.xuid ? { xuid: wb.xuid } : {}),
    ...(wb?.sessionName ? { sessionName: wb.sessionName } : {}),
    ...(wb?.handleId ? { handleId: wb.handleId } : {}),
    imported: true,
  }
  const valid = historyEntrySchema.safeParse(entry)
  return valid.success ? { entry: valid.data } : { reason: issueText(valid.error) }
}

export function fromHar(text: string, now: number = Date.now()): HarImport {
  if (text.length > HAR_MAX_BYTES)
    return { ok: false, error: `The file is over ${HAR_MAX_BYTES / 1024 / 1024} MB.` }
  let data: unknown
  try {
    data = JSON.parse(text)
  } catch (error) {
    return {
      ok: false,
      error: `Not JSON: ${error instanceof Error ? error.message : String(error)}`,
    }
  }
  const log = z
    .object({ log: z.object({ version: z.string().optional(), entries: z.array(z.unknown()) }) })
    .safeParse(data)
  if (!log.success) return { ok: false, error: 'Not a HAR file: it has no log.entries list.' }
  const entries: HistoryEntry[] = []
  const skipped: HarSkip[] = []
  log.data.log.entries.forEach((raw, index) => {
    const parsed = harEntrySchema.safeParse(raw)
    if (!parsed.success) {
      skipped.push({ index, reason: issueText(parsed.error) })
      return
    }
    const result = toEntry(parsed.data, now)
    if ('entry' in result) entries.push(result.entry)
    else skipped.push({ index, reason: result.reason })
  })
  return { ok: true, entries, skipped }
}
