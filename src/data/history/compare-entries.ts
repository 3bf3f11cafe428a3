// "Compare": what differs between two calls' answers (status, headers, body). Fields that change on
// every call (ids, expirations, dates, timings) are marked volatile so the view can hide them.
import diff from 'microdiff'
import { parse, isLosslessNumber } from 'lossless-json'
import type { HistoryEntry } from './history-entry'

export type Difference = {
  /** "status", "headers.content-type", "body.inviteAttributes.titleId"… */
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

function bodyValue(body: string | undefined): unknown {
  if (body === undefined || body === '') return null
  try {
    // Lossless: two 64-bit XUIDs that differ in the last digit must not compare equal.
    return toPlain(parse(body))
  } catch {
    return body
  }
}

function toPlain(value: unknown): unknown {
  if (isLosslessNumber(value)) return value.value
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
    status:
      entry.response?.status ??
      (entry.proxyError ? `proxy error ${entry.proxyError.code}` : 'no response'),
    headers,
    body: bodyValue(entry.response?.body),
  }
}

function show(value: unknown): string | undefined {
  if (value === undefined) return undefined
  return typeof value === 'string' ? value : JSON.stringify(value)
}

function isVolatile(path: ReadonlyArray<string | number>, values: unknown[]): boolean {
  const [section, key] = path
  if (section === 'headers') return typeof key === 'string' && VOLATILE_HEADERS.has(key)
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
    const l = show(before)
    const r = show(after)
    return {
      path,
      change: d.type === 'CREATE' ? 'added' : d.type === 'REMOVE' ? 'removed' : 'changed',
      ...(l === undefined ? {} : { left: l }),
      ...(r === undefined ? {} : { right: r }),
      volatile: isVolatile(d.path, [before, after]),
    }
  })
}
