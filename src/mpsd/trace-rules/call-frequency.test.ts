import { describe, expect, it } from 'vitest'
import { buildHar, distinctCalls, findingsOf } from '../../testing/trace-har'

const range = (from: number, to: number) => Array.from({ length: to - from }, (_, i) => from + i)

describe('call-frequency', () => {
  it('reports 31 calls in 15 s as above the burst limit of 30, listing all 31 (trace A)', () => {
    const found = findingsOf(buildHar(distinctCalls(31, 500)), 'call-frequency')
    expect(found).toEqual([
      {
        level: 'warning',
        message: '31 calls within 15 s: above the burst limit of 30 per 15 s.',
        group: { by: 'console', name: 'this console', endpoint: 'sessiondirectory.xboxlive.com' },
        indexes: range(0, 31),
      },
    ])
  })

  it('finds nothing when the 31st call comes a millisecond after the 15 s window', () => {
    const calls = distinctCalls(31, 500)
    calls[30] = { ...calls[30], at: 15_001 }
    expect(findingsOf(buildHar(calls), 'call-frequency')).toEqual([])
  })

  it('reports 301 calls in 300 s as above the sustained limit of 300', () => {
    const found = findingsOf(buildHar(distinctCalls(301, 1000)), 'call-frequency')
    expect(found).toHaveLength(1)
    expect(found[0]).toMatchObject({
      level: 'warning',
      message: '301 calls within 300 s: above the sustained limit of 300 per 300 s.',
      indexes: range(0, 301),
    })
  })

  it('is an error at 3,000 calls in 300 s, the certification limit', () => {
    const found = findingsOf(buildHar(distinctCalls(3000, 100)), 'call-frequency')
    const errors = found.filter((f) => f.level === 'error')
    expect(errors).toHaveLength(1)
    expect(errors[0]?.message).toContain('certification limit of 3,000 per 300 s')
    expect(errors[0]?.indexes).toEqual(range(0, 3000))
    // The 15 s windows inside it are reported as bursts too.
    expect(found.filter((f) => f.level === 'warning').length).toBeGreaterThan(10)
  })

  it('finds nothing at the limits themselves: 300 calls in 300 s, 30 in 15 s', () => {
    expect(findingsOf(buildHar(distinctCalls(300, 1000)), 'call-frequency')).toEqual([])
    expect(findingsOf(buildHar(distinctCalls(30, 500)), 'call-frequency')).toEqual([])
  })
})
