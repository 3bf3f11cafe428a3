// "Compare": what differs between two calls, request (method, path, body) and answer (status,
// headers, body). Fields that change on every call (ids, expirations, dates, timings) are marked
// volatile so the view can hide them. Values keep their JSON type: the number 1 shows as 1, the
// text "1" as "1", so a value that changed type reads as the change it is.
import diff from 'microdiff'
import { parse, isLosslessNumber } from 'lossless-json'
import type { HistoryEntry } from './history-entry'

export type Difference = {
  /** "response.status", "response.headers.content-type", "request.body.sessionRef.name"… */
  path: string
  change: 'added' | 'removed' | 'changed'
  left?: string
  right?: string
  volatile: boolean
}

const VOLATILE_KEYS = new Set([
  'id',
  'expiration',
  'createtime',
  'created',
  'timestamp',
  'starttime',
  'endtime',
])
const VOLATILE_HEADERS = new Set([
  'date',
  'server-timing',
  'ms-cv',
  'x-request-id',
  'request-id',
  'etag',
  'age',
  'content-length',
  'retry-after',
])
const ISO_DATE = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/

/**
 * How a JSON number is held while comparing: as its digits behind a mark, so microdiff compares
 * numbers exactly (lossless: two 64-bit XUIDs that differ in the last digit must not compare
 * equal) and a number never equals the text of its digits.
 */
const NUMBER_MARK = '\u2063number:'

/** A body as JSON values; text that is not JSON stays one string. */
function bodyValue(body: string | undefined): unknown {
  if (body === undefined || body === '') return null
  try {
    return toPlain(parse(body))
  } catch {
    return body
  }
}

function toPlain(value: unknown): unknown {
  if (isLosslessNumber(value)) return `${NUMBER_MARK}${value.value}`
  if (Array.isArray(value)) return value.map(toPlain)
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, toPlain(v)]))
  }
  return value
}

function comparable(entry: HistoryEntry): Record<string, unknown> {
  const headers: Record<string, string> = {}
  for (const [name, value] of entry.response?.headers ?? []) {
    const key = name.toLowerCase()
    headers[key] = key in headers ? `${headers[key]}, ${value}` : value
  }
  return {
    request: {
      method: entry.request.method,
      path: entry.request.path,
      body: bodyValue(entry.request.body),
    },
    response: {
      status: entry.response
        ? `${NUMBER_MARK}${entry.response.status}`
        : entry.proxyError
          ? `proxy error ${entry.proxyError.code}`
          : 'no response',
      headers,
      body: bodyValue(entry.response?.body),
    },
  }
}

/** A value as JSON text, numbers bare and every digit kept. */
function json(value: unknown): string {
  if (typeof value === 'string')
    return value.startsWith(NUMBER_MARK) ? value.slice(NUMBER_MARK.length) : JSON.stringify(value)
  if (Array.isArray(value)) return `[${value.map(json).join(',')}]`
  if (value && typeof value === 'object')
    return `{${Object.entries(value)
      .map(([k, v]) => `${JSON.stringify(k)}:${json(v)}`)
      .join(',')}}`
  return JSON.stringify(value) ?? String(value)
}

/** Header values, the method and the path are text by nature: shown without quotes. */
function show(value: unknown, path: ReadonlyArray<string | number>): string | undefined {
  if (value === undefined) return undefined
  const [section, part] = path
  const text = section === 'request' ? part === 'method' || part === 'path' : part === 'headers'
  if (text && typeof value === 'string') return value
  return json(value)
}

function isVolatile(path: ReadonlyArray<string | number>, values: unknown[]): boolean {
  const [, part, key] = path
  if (part === 'headers') return typeof key === 'string' && VOLATILE_HEADERS.has(key)
  const last = path.at(-1)
  if (typeof last === 'string' && VOLATILE_KEYS.has(last.toLowerCase())) return true
  return values.some((v) => typeof v === 'string' && ISO_DATE.test(v))
}

export function compareEntries(left: HistoryEntry, right: HistoryEntry): Difference[] {
  const a = comparable(left)
  const b = comparable(right)
  return diff(a, b).map((d) => {
    const path = d.path.join('.')
    const before = d.type === 'CREATE' ? undefined : d.oldValue
    const after = d.type === 'REMOVE' ? undefined : d.value
    const l = show(before, d.path)
    const r = show(after, d.path)
    return {
      path,
      change: d.type === 'CREATE' ? 'added' : d.type === 'REMOVE' ? 'removed' : 'changed',
      ...(l === undefined ? {} : { left: l }),
      ...(r === undefined ? {} : { right: r }),
      volatile: isVolatile(d.path, [before, after]),
    }
  })
}
