import { describe, expect, it } from 'vitest'
import { excessWindows } from './excess-windows'

describe('excessWindows (LTA’s sliding window)', () => {
  it('counts a call exactly at the window’s end, and not one a millisecond later', () => {
    expect(excessWindows([0, 500, 1000], { limit: 2, windowMs: 1000 })).toEqual([[0, 3]])
    expect(excessWindows([0, 500, 1001], { limit: 2, windowMs: 1000 })).toEqual([])
  })

  it('truncates gaps to whole ms before comparing', () => {
    expect(excessWindows([0, 500, 1000.9], { limit: 2, windowMs: 1000 })).toEqual([[0, 3]])
  })

  it('reports windows that never overlap: the next anchor is the first call outside', () => {
    // Six calls 100 ms apart, then six more 5 s later.
    const times = [0, 100, 200, 300, 400, 500, 5000, 5100, 5200, 5300, 5400, 5500]
    expect(excessWindows(times, { limit: 3, windowMs: 1000 })).toEqual([
      [0, 6],
      [6, 12],
    ])
  })

  it('finds a dense stretch in the middle of a slow trace', () => {
    const times = [0, 3000, 6000, 6100, 6200, 6300, 9000]
    expect(excessWindows(times, { limit: 3, windowMs: 2000 })).toEqual([[2, 6]])
  })

  it('finds nothing in fewer than two calls', () => {
    expect(excessWindows([0], { limit: 0, windowMs: 1000 })).toEqual([])
  })
})
