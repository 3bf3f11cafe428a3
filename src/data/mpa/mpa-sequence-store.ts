// The last MPA sequence number sent per user and title, so "auto" stays above it across PUT and
// DELETE (mpa.md §7) even after a number typed by hand that is ahead of the clock. Synchronous
// (localStorage, with memory behind it when storage is blocked) because toWire, which reads it,
// is: the preview and Send compute the same number the same way. Survives a reload: the service
// remembers the last number longer than a tab does.
import type { WireRequest } from '../../mpsd/request-builder'

const KEY = 'workbench.mpa.sequence'
const ACTIVITY_PATH = /^\/titles\/(\d+)\/users\/(\d+)\/activities\/?$/
const SEQUENCE = /^\{"sequenceNumber":(\d{1,20})[,}]/

let memory: Record<string, string> = {}

function read(): Record<string, string> {
  try {
    const raw = localStorage.getItem(KEY)
    const parsed: unknown = raw ? JSON.parse(raw) : {}
    if (typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed))
      memory = Object.fromEntries(
        Object.entries(parsed).filter(
          (e): e is [string, string] => typeof e[1] === 'string' && /^\d{1,20}$/.test(e[1]),
        ),
      )
  } catch {
    // Storage blocked or damaged: the numbers of this tab still count.
  }
  return memory
}

/** The last sequence number sent as this user for this title, if any. */
export function lastSequence(titleId: string, xuid: string): bigint | undefined {
  const value = read()[`${titleId}:${xuid}`]
  return value === undefined ? undefined : BigInt(value)
}

/** Notes the number an MPA PUT or DELETE carried (called as it is sent); higher ones only. */
export function rememberSequence(request: Pick<WireRequest, 'method' | 'path' | 'body'>): void {
  if (request.method !== 'PUT' && request.method !== 'DELETE') return
  const path = ACTIVITY_PATH.exec(request.path)
  const sequence = SEQUENCE.exec(request.body ?? '')
  if (!path || !sequence?.[1]) return
  const key = `${path[1]}:${path[2]}`
  const numbers = read()
  const previous = numbers[key]
  if (previous !== undefined && BigInt(previous) >= BigInt(sequence[1])) return
  memory = { ...numbers, [key]: sequence[1] }
  try {
    localStorage.setItem(KEY, JSON.stringify(memory))
  } catch {
    // Kept in memory only.
  }
}
