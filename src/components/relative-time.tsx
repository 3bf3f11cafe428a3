// "3 minutes ago", with the exact date and time on hover and for assistive technology (the
// <time> element's dateTime and title). One clock for every instance, ticking once a minute.
import { useSyncExternalStore } from 'react'

const UNITS: Array<[Intl.RelativeTimeFormatUnit, number]> = [
  ['year', 365 * 24 * 3600_000],
  ['month', 30 * 24 * 3600_000],
  ['week', 7 * 24 * 3600_000],
  ['day', 24 * 3600_000],
  ['hour', 3600_000],
  ['minute', 60_000],
]

export function formatRelative(time: number, now: number, locale?: string): string {
  const format = new Intl.RelativeTimeFormat(locale, { numeric: 'auto' })
  const delta = time - now
  for (const [unit, size] of UNITS) {
    if (Math.abs(delta) >= size) return format.format(Math.round(delta / size), unit)
  }
  return format.format(Math.round(delta / 1000 / 10) * 10, 'second')
}

export function formatExact(time: number, locale?: string): string {
  return new Date(time).toLocaleString(locale, { dateStyle: 'medium', timeStyle: 'medium' })
}

let now = Date.now()
const listeners = new Set<() => void>()
let timer: ReturnType<typeof setInterval> | undefined

function subscribe(listener: () => void): () => void {
  listeners.add(listener)
  now = Date.now()
  timer ??= setInterval(() => {
    now = Date.now()
    for (const l of listeners) l()
  }, 30_000)
  return () => {
    listeners.delete(listener)
    if (listeners.size === 0 && timer !== undefined) {
      clearInterval(timer)
      timer = undefined
    }
  }
}

export function RelativeTime({ time, className }: { time: number; className?: string }) {
  const current = useSyncExternalStore(subscribe, () => now)
  // A stored time that did not parse: say so rather than throw (toISOString does on NaN).
  if (!Number.isFinite(time)) return <span className={className}>unknown time</span>
  const exact = formatExact(time)
  return (
    <time dateTime={new Date(time).toISOString()} title={exact} className={className}>
      {formatRelative(time, Math.max(current, time))}
      <span className="visually-hidden"> ({exact})</span>
    </time>
  )
}
