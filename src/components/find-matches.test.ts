import { describe, expect, it } from 'vitest'
import { findMatches, HIGHLIGHT_LIMIT } from './find-matches'

describe('findMatches', () => {
  it('finds every occurrence, case-insensitively, keeping the text as it is', () => {
    const { count, segments } = findMatches('{"id":"AbC","x":"abc abc"}', 'abc')
    expect(count).toBe(3)
    expect(segments.filter((s) => s.match).map((s) => s.text)).toEqual(['AbC', 'abc', 'abc'])
    expect(segments.map((s) => s.text).join('')).toBe('{"id":"AbC","x":"abc abc"}')
  })

  it('counts all but highlights at most HIGHLIGHT_LIMIT', () => {
    const text = 'a'.repeat(HIGHLIGHT_LIMIT + 5)
    const { count, segments } = findMatches(text, 'a')
    expect(count).toBe(HIGHLIGHT_LIMIT + 5)
    expect(segments.filter((s) => s.match)).toHaveLength(HIGHLIGHT_LIMIT)
    expect(segments.map((s) => s.text).join('')).toBe(text)
  })

  it('matches nothing for an empty query or an absent one', () => {
    expect(findMatches('abc', '')).toEqual({ count: 0, segments: [{ text: 'abc', match: false }] })
    expect(findMatches('abc', 'z').count).toBe(0)
  })
})
