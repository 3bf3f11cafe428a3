// HAR files built to break (or respect) one trace rule, for the rule tests and the CLI test.
// Times are ms after T0; the session URL is the one ../shared/trace-rules.md §6 uses.
import { analyzeTrace } from '../mpsd/trace-rules/analyze-trace'
import { harCalls } from '../mpsd/trace-rules/har-calls'
import type { Grouping, TraceRule } from '../mpsd/trace-rules/trace-call'

export const T0 = Date.parse('2026-01-01T00:00:00.000Z')
export const SESSION_URL =
  'https://sessiondirectory.xboxlive.com/serviceconfigs/00000000-0000-0000-0000-000000001234/sessiontemplates/lobby/sessions/abc'

export type HarCallSpec = {
  /** ms after T0 */
  at: number
  method?: string
  url?: string
  body?: string
  status?: number
  responseBody?: string
  /** Sent as `Authorization: XBL3.0 x=<userhash>;secret-token-…` */
  userhash?: string
}

/** MPSD's 429 body as the Resiliency plugin's burst template has it [trace-rules.md §4]. */
export const THROTTLE_BODY =
  '{ "version":1, "currentRequests":13, "maxRequests":10, "periodInSeconds":15, "limitType":"Rate" }'

export function harEntry(spec: HarCallSpec) {
  return {
    startedDateTime: new Date(T0 + spec.at).toISOString(),
    time: 100,
    request: {
      method: spec.method ?? 'GET',
      url: spec.url ?? SESSION_URL,
      httpVersion: 'HTTP/1.1',
      cookies: [],
      headers: spec.userhash
        ? [
            {
              name: 'Authorization',
              value: `XBL3.0 x=${spec.userhash};secret-token-${spec.userhash}`,
            },
          ]
        : [],
      queryString: [],
      ...(spec.body === undefined
        ? {}
        : { postData: { mimeType: 'application/json', text: spec.body } }),
      headersSize: -1,
      bodySize: -1,
    },
    response: {
      status: spec.status ?? 200,
      statusText: '',
      httpVersion: 'HTTP/1.1',
      cookies: [],
      headers: [],
      content: { size: -1, mimeType: 'application/json', text: spec.responseBody ?? '' },
      redirectURL: '',
      headersSize: -1,
      bodySize: -1,
    },
    cache: {},
    timings: { send: 0, wait: 100, receive: 0 },
  }
}

export function buildHar(calls: readonly HarCallSpec[], extra: readonly unknown[] = []) {
  return {
    log: {
      version: '1.2',
      creator: { name: 'trace rule tests', version: '1' },
      entries: [...calls.map(harEntry), ...extra],
    },
  }
}

/** `count` calls `stepMs` apart from `from`, each to its own session so none repeats another. */
export function distinctCalls(count: number, stepMs: number, from = 0): HarCallSpec[] {
  return Array.from({ length: count }, (_, i) => ({
    at: from + i * stepMs,
    url: SESSION_URL.replace(/abc$/, `s${i + 1}`),
  }))
}

/** Runs a built HAR through the HAR reader and every rule; one rule's findings, with call indexes. */
export function findingsOf(
  har: unknown,
  rule: TraceRule,
  options: { grouping?: Grouping; allEndpoints?: boolean } = {},
) {
  const read = harCalls(JSON.stringify(har), { allEndpoints: options.allEndpoints ?? false })
  if (!read.ok) throw new Error(read.error)
  return analyzeTrace(read.calls, { grouping: options.grouping ?? 'console' })
    .findings.filter((finding) => finding.rule === rule)
    .map((finding) => ({
      level: finding.level,
      message: finding.message,
      group: finding.group,
      indexes: finding.calls.map((call) => call.index),
    }))
}
