// History as HAR 1.2 (opens in browser devtools, Charles, Fiddler, Insomnia…) and back.
// Export: the Authorization value is always the placeholder, whatever a record holds.
// Import: validated entry by entry; each skipped entry is reported with why; an Authorization or
// Cookie header in the file (a devtools HAR can carry a real token) never reaches storage.
import { z } from 'zod'
import { REDACTED_AUTHORIZATION } from '../../mpsd/request-builder'
import { XBOX_LIVE_ORIGIN } from '../../mpsd/limits'
import {
  historyEntrySchema,
  historyIdFor,
  requestKindSchema,
  statusClassOf,
  type HistoryEntry,
  type RequestKind,
} from './history-entry'

export const HAR_MAX_BYTES = 200 * 1024 * 1024
const SIMULATOR = 'simulator'
const SECRET_HEADERS = new Set(['authorization', 'cookie', 'set-cookie', 'proxy-authorization'])

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

export function entryUrl(
  entry: Pick<HistoryEntry, 'upstream' | 'request'>,
  simulatorBase: string,
): string {
  const base = entry.upstream === SIMULATOR ? simulatorBase : entry.upstream
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
        const contentType =
          response?.headers.find(([n]) => n.toLowerCase() === 'content-type')?.[1] ?? ''
        return {
          startedDateTime: new Date(entry.startedAt).toISOString(),
          time: entry.durationMs,
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
                    mimeType: 'application/json; charset=utf-8',
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
            httpVersion: 'HTTP/1.1',
            cookies: [],
            headers: harHeaders(response?.headers ?? []).filter(
              (h) => !SECRET_HEADERS.has(h.name.toLowerCase()),
            ),
            content: {
              size: response?.sizeBytes ?? 0,
              mimeType: contentType,
              text: response?.body ?? '',
            },
            redirectURL: '',
            headersSize: -1,
            bodySize: response?.sizeBytes ?? -1,
            ...(entry.proxyError || entry.networkError
              ? { _error: entry.proxyError?.message ?? entry.networkError }
              : {}),
          },
          cache: {},
          timings: { send: 0, wait: entry.upstreamMs ?? entry.durationMs, receive: 0 },
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
const harEntrySchema = z.object({
  startedDateTime: z.string().refine((s) => !Number.isNaN(Date.parse(s)), 'not a date'),
  time: z.number().nonnegative().catch(0),
  request: z.object({
    method: z.string(),
    url: z.string().url(),
    headers: z.array(harHeaderSchema).catch([]),
    postData: z.object({ text: z.string().optional() }).optional(),
  }),
  response: z.object({
    status: z.number().int().min(0).max(999),
    statusText: z.string().catch(''),
    headers: z.array(harHeaderSchema).catch([]),
    content: z.object({
      size: z.number().catch(-1),
      text: z.string().optional(),
      encoding: z.string().optional(),
    }),
    _error: z.string().optional(),
  }),
  timings: z.object({ wait: z.number().optional() }).optional(),
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
  if (method === 'POST' && /\/handles\/query$/i.test(pathname)) return 'query'
  if (method === 'GET' && /\/handles\/[^/]+$/i.test(pathname)) return 'get'
  if (method === 'DELETE' && /\/handles\/[^/]+$/i.test(pathname)) return 'delete'
  if (method === 'POST' && /\/handles$/i.test(pathname)) {
    try {
      const type = (JSON.parse(body ?? '') as { type?: unknown }).type
      return type === 'activity' || type === 'invite' ? type : undefined
    } catch {
      return undefined
    }
  }
  return undefined
}

function upstreamAndPath(url: URL): { upstream: string; path: string } {
  const path = `${url.pathname}${url.search}`
  if (url.origin === XBOX_LIVE_ORIGIN) return { upstream: XBOX_LIVE_ORIGIN, path }
  // The Workbench's own simulator and proxy paths on any host: strip the prefix.
  const local = path.match(/^\/(?:sim|proxy)(\/.*)$/)
  if (local?.[1]) return { upstream: SIMULATOR, path: local[1] }
  return { upstream: url.origin, path }
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
    const har = parsed.data
    const method = har.request.method.toUpperCase()
    if (method !== 'GET' && method !== 'POST' && method !== 'DELETE') {
      skipped.push({ index, reason: `method ${method} is not one MPSD's handles API uses` })
      return
    }
    const url = new URL(har.request.url)
    const located = upstreamAndPath(url)
    const body = har.request.postData?.text
    const kind = har._workbench?.kind ?? inferKind(method, located.path, body)
    if (!kind) {
      skipped.push({
        index,
        reason: `${method} ${url.pathname} is not a handles call (activity, invite, query, get or delete)`,
      })
      return
    }
    if (har.response.content.encoding === 'base64') {
      skipped.push({
        index,
        reason: 'the response body is base64-encoded binary, not an MPSD answer',
      })
      return
    }
    const startedAt = Date.parse(har.startedDateTime)
    const status = har.response.status
    const wb = har._workbench
    const proxyError = wb?.proxyError
    const networkError =
      status === 0 ? (wb?.networkError ?? har.response._error ?? 'No response') : undefined
    const responseBody = har.response.content.text ?? ''
    const candidate: HistoryEntry = {
      id: wb?.id ?? historyIdFor(startedAt),
      startedAt,
      kind,
      upstream: wb?.upstream ?? located.upstream,
      request: {
        method,
        path: located.path,
        headers: har.request.headers
          .filter(
            (h) =>
              !SECRET_HEADERS.has(h.name.toLowerCase()) || h.name.toLowerCase() === 'authorization',
          )
          .map((h) => [
            h.name,
            h.name.toLowerCase() === 'authorization' ? REDACTED_AUTHORIZATION : h.value,
          ]),
        ...(body === undefined ? {} : { body }),
      },
      ...(status === 0
        ? {}
        : {
            response: {
              status,
              statusText: har.response.statusText,
              headers: har.response.headers
                .filter((h) => !SECRET_HEADERS.has(h.name.toLowerCase()))
                .map((h): [string, string] => [h.name, h.value]),
              body: responseBody,
              sizeBytes:
                har.response.content.size >= 0 ? har.response.content.size : responseBody.length,
              ...(wb?.bodyTruncated ? { bodyTruncated: true } : {}),
            },
          }),
      ...(proxyError ? { proxyError } : {}),
      ...(networkError ? { networkError } : {}),
      durationMs: har.time,
      ...(wb?.upstreamMs === undefined ? {} : { upstreamMs: wb.upstreamMs }),
      statusClass: statusClassOf(status, Boolean(proxyError)),
      ...(wb?.scid ? { scid: wb.scid.toLowerCase() } : {}),
      ...(wb?.xuid ? { xuid: wb.xuid } : {}),
      ...(wb?.sessionName ? { sessionName: wb.sessionName } : {}),
      ...(wb?.handleId ? { handleId: wb.handleId } : {}),
      imported: true,
    }
    if (startedAt > now + 86_400_000) {
      skipped.push({ index, reason: 'startedDateTime is in the future' })
      return
    }
    const valid = historyEntrySchema.safeParse(candidate)
    if (valid.success) entries.push(valid.data)
    else skipped.push({ index, reason: issueText(valid.error) })
  })
  return { ok: true, entries, skipped }
}
