import { render, screen } from '@testing-library/react'
import { describe, expect, it } from 'vitest'
import { formatRelative, RelativeTime } from './relative-time'

describe('formatRelative', () => {
  const now = Date.UTC(2026, 10, 29, 22, 0, 0)
  it('says how long ago, in the largest whole unit', () => {
    expect(formatRelative(now - 5_000, now, 'en')).toBe('now')
    expect(formatRelative(now - 3 * 60_000, now, 'en')).toBe('3 minutes ago')
    expect(formatRelative(now - 2 * 3600_000, now, 'en')).toBe('2 hours ago')
    expect(formatRelative(now - 26 * 3600_000, now, 'en')).toBe('yesterday')
    expect(formatRelative(now - 40 * 24 * 3600_000, now, 'en')).toBe('last month')
  })
})

describe('RelativeTime', () => {
  it('keeps the exact time on hover and in the machine-readable value', () => {
    const time = Date.now() - 5 * 60_000
    render(<RelativeTime time={time} />)
    const element = screen.getByText(/5 minutes ago/)
    expect(element.closest('time')?.getAttribute('dateTime')).toBe(new Date(time).toISOString())
    expect(element.closest('time')?.getAttribute('title')).toContain(
      String(new Date(time).getFullYear()),
    )
  })
})

describe('RelativeTime with a time that did not parse', () => {
  it('says it is unknown instead of failing', () => {
    render(<RelativeTime time={Number.NaN} />)
    expect(screen.getByText('unknown time')).toBeInTheDocument()
  })
})
