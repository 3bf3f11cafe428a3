import { describe, expect, it } from 'vitest'
import { buildHar, findingsOf } from '../../testing/trace-har'
import { harCalls } from './har-calls'
import { analyzeTrace } from './analyze-trace'

const at = (seconds: number[]) => seconds.map((s) => ({ at: s * 1000 }))

describe('polling', () => {
  it('reports identical calls at a near-constant interval (trace C), from the second call on', () => {
    const har = buildHar(at([0, 30, 60, 90.2, 120.2, 150.2, 180.2]))
    expect(findingsOf(har, 'polling')).toEqual([
      {
        level: 'warning',
        message: 'Polling: 6 identical calls at a near-constant interval of about 30.040 s.',
        group: { by: 'console', name: 'this console', endpoint: 'sessiondirectory.xboxlive.com' },
        indexes: [1, 2, 3, 4, 5, 6],
      },
    ])
  })

  it('finds nothing when the interval drifts by more than 1 %', () => {
    const har = buildHar(at([0, 30, 60, 90.4, 120.4, 150.4, 180.4]))
    expect(findingsOf(har, 'polling')).toEqual([])
  })

  it('needs 6 identical calls, as LTA (the first call is left out of the sequence)', () => {
    expect(findingsOf(buildHar(at([0, 10, 20, 30, 40])), 'polling')).toEqual([])
    expect(findingsOf(buildHar(at([0, 10, 20, 30, 40, 50])), 'polling')).toEqual([
      expect.objectContaining({ indexes: [1, 2, 3, 4, 5] }),
    ])
  })

  it('reports a long steady poll once, not its every-other-call subsequences', () => {
    const har = buildHar(at(Array.from({ length: 100 }, (_, i) => i * 10)))
    const found = findingsOf(har, 'polling')
    expect(found).toHaveLength(1)
    expect(found[0]?.indexes).toHaveLength(99)
    expect(found[0]?.message).toContain('about 10.000 s')
  })

  it('does not link gaps over 1 h', () => {
    const hour = 3600
    expect(
      findingsOf(buildHar(at([0, 1, 2, 3, 4, 5].map((i) => i * (hour + 1)))), 'polling'),
    ).toEqual([])
  })

  it('checks the first 1,000 of a huge poll quickly and says so', () => {
    const read = harCalls(JSON.stringify(buildHar(at(Array.from({ length: 1500 }, (_, i) => i)))))
    if (!read.ok) throw new Error(read.error)
    const started = performance.now()
    const report = analyzeTrace(read.calls)
    expect(performance.now() - started).toBeLessThan(5000)
    expect(report.findings.filter((f) => f.rule === 'polling').map((f) => f.calls.length)).toEqual([
      1000,
    ])
    expect(report.notes).toEqual([
      expect.stringContaining('only the first 1,000 of 1,499 identical calls'),
    ])
  })
})
