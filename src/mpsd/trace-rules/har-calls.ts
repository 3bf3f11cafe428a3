// A HAR 1.2 file as trace calls [trace-rules.md §5]: from the Workbench's History export or from a
// browser's devtools. One file is one console. Entries the rules must not see are skipped with why:
// CONNECT frames and CORS preflights (the browser's, not the caller's), WebSocket frames, answers
// served from the browser cache (they never reached the service), and, unless `allEndpoints`, calls
// that are not session directory calls (a devtools file also holds the page's scripts and images).
import { z } from 'zod'
import { XBOX_LIVE_ORIGIN } from '../limits'
import { endpointOfUpstream, userhashOf, type TraceCall } from './trace-call'

export type HarSkipReason = 'invalid' | 'connect' | 'preflight' | 'websocket' | 'cache' | 'not-mpsd'
export type HarSkip = { index: number; reason: HarSkipReason; detail: string }

/** Each reason in a few words, for summaries ("3 skipped: 2 CORS preflight, 1 …"). */
export const HAR_SKIP_LABELS: Record<HarSkipReason, string> = {
  invalid: 'unreadable',
  connect: 'CONNECT',
  preflight: 'CORS preflight',
  websocket: 'WebSocket',
  cache: 'from the browser cache',
  'not-mpsd': 'not a session directory call',
}

/** "3 skipped: 2 CORS preflight, 1 not a session directory call", or '' when none were. */
export function skippedSummary(skipped: readonly HarSkip[]): string {
  if (skipped.length === 0) return ''
  const counts = new Map<HarSkipReason, number>()
  for (const skip of skipped) counts.set(skip.reason, (counts.get(skip.reason) ?? 0) + 1)
  const parts = [...counts].map(
    ([reason, n]) => `${n.toLocaleString('en-US')} ${HAR_SKIP_LABELS[reason]}`,
  )
  return `${skipped.length.toLocaleString('en-US')} skipped: ${parts.join(', ')}`
}

export type HarCalls =
  | { ok: true; entryCount: number; calls: TraceCall[]; skipped: HarSkip[] }
  | { ok: false; error: string }

export type HarCallsOptions = {
  /** The console's name in findings (the CLI passes the file name). */
  console?: string
  /** Analyse every call, not only session directory calls (LTA's -allendpoints). */
  allEndpoints?: boolean
}

const header = z.object({ name: z.string(), value: z.string() })

const entrySchema = z.object({
  startedDateTime: z.string().refine((value) => !Number.isNaN(Date.parse(value)), 'not a date'),
  request: z.object({
    method: z.string(),
    url: z.string().refine((value) => URL.canParse(value), 'not a URL'),
    headers: z.array(header).catch([]),
    postData: z.object({ text: z.string().optional() }).optional().catch(undefined),
  }),
  response: z
    .object({
      status: z.number().catch(0),
      content: z
        .object({ text: z.string().optional(), encoding: z.string().optional() })
        .optional()
        .catch(undefined),
    })
    .optional()
    .catch(undefined),
  _fromCache: z.unknown().optional(),
  _resourceType: z.unknown().optional(),
  _workbench: z.object({ upstream: z.string().optional() }).optional().catch(undefined),
})

const SESSION_DIRECTORY_HOST = new URL(XBOX_LIVE_ORIGIN).hostname
// MPSD's resources, also when called through the Workbench's /proxy or /sim on any host.
const MPSD_PATH = /^(?:\/proxy|\/sim)?\/(?:handles|serviceconfigs)(?:\/|$)/i

function headerValue(headers: ReadonlyArray<{ name: string; value: string }>, name: string) {
  return headers.find((h) => h.name.toLowerCase() === name)?.value
}

function decodedBody(content: { text?: string; encoding?: string } | undefined): string {
  const text = content?.text ?? ''
  if (content?.encoding !== 'base64') return text
  try {
    return new TextDecoder().decode(Uint8Array.from(atob(text), (c) => c.charCodeAt(0)))
  } catch {
    return ''
  }
}

function issueText(error: z.ZodError): string {
  const issue = error.issues[0]
  return issue ? `${issue.path.join('.') || 'entry'}: ${issue.message}` : 'invalid entry'
}

export function harCalls(text: string, options: HarCallsOptions = {}): HarCalls {
  let data: unknown
  try {
    data = JSON.parse(text)
  } catch (error) {
    return {
      ok: false,
      error: `not JSON (${error instanceof Error ? error.message : String(error)})`,
    }
  }
  const log = z.object({ log: z.object({ entries: z.array(z.unknown()) }) }).safeParse(data)
  if (!log.success) return { ok: false, error: 'not a HAR file: it has no log.entries list' }
  const calls: TraceCall[] = []
  const skipped: HarSkip[] = []
  log.data.log.entries.forEach((raw, index) => {
    const parsed = entrySchema.safeParse(raw)
    if (!parsed.success) {
      skipped.push({ index, reason: 'invalid', detail: issueText(parsed.error) })
      return
    }
    const entry = parsed.data
    const method = entry.request.method.toUpperCase()
    const url = new URL(entry.request.url)
    const headers = entry.request.headers
    const skip = (reason: HarSkipReason, detail: string) => skipped.push({ index, reason, detail })
    if (method === 'CONNECT') return skip('connect', 'a CONNECT frame, not a call')
    if (method === 'OPTIONS') return skip('preflight', 'a CORS preflight, sent by the browser')
    if (url.protocol === 'ws:' || url.protocol === 'wss:' || entry._resourceType === 'websocket')
      return skip('websocket', 'a WebSocket connection')
    if (entry._fromCache) return skip('cache', 'served from the browser cache, never sent')
    if (
      !options.allEndpoints &&
      url.hostname !== SESSION_DIRECTORY_HOST &&
      !MPSD_PATH.test(url.pathname)
    )
      return skip(
        'not-mpsd',
        `${method} ${url.host}${url.pathname} is not a session directory call`,
      )
    // Through the Workbench's proxy the real endpoint is in its upstream header or record.
    const upstream = headerValue(headers, 'x-workbench-upstream') ?? entry._workbench?.upstream
    const endpoint = upstream
      ? endpointOfUpstream(upstream)
      : (headerValue(headers, 'host') ?? headerValue(headers, ':authority') ?? url.host)
    const status = entry.response?.status ?? 0
    const userhash = userhashOf(headerValue(headers, 'authorization'))
    calls.push({
      index,
      startedAt: Date.parse(entry.startedDateTime),
      method,
      url: entry.request.url,
      endpoint,
      body: entry.request.postData?.text ?? '',
      status,
      // Only a 429's body is read (its "Allowed: …" note).
      ...(status === 429 ? { responseBody: decodedBody(entry.response?.content) } : {}),
      ...(userhash ? { userhash } : {}),
      ...(options.console ? { console: options.console } : {}),
    })
  })
  return { ok: true, entryCount: log.data.log.entries.length, calls, skipped }
}
