import { describe, expect, it } from 'vitest'
import { filterFromSearch, searchFromFilter } from './history-filter'

describe('the History filter in the URL', () => {
  it('round-trips every filter', () => {
    const filter = {
      kind: 'invite',
      status: '4xx',
      upstream: 'simulator',
      scid: 'bd6c41c3-01c3-468a-a3b5-3e0fe8133862',
      xuid: '2533274790000001',
      from: '2814679796296491',
      text: 'too many',
      expect: 'failed',
    } as const
    const search = searchFromFilter(filter, { id: 'abc' })
    expect(search).toContain('type=invite')
    expect(search).toContain('id=abc')
    // Not `from`: Analysis keeps its time range there.
    expect(search).toContain('sender=2814679796296491')
    expect(filterFromSearch(search)).toEqual(filter)
  })

  it('drops unknown or invalid values instead of failing', () => {
    expect(filterFromSearch('?type=party&status=9xx&q=%20%20&xuid=1')).toEqual({ xuid: '1' })
  })

  it('lower-cases a SCID so a pasted upper-case GUID still matches', () => {
    expect(filterFromSearch('?scid=BD6C41C3-01C3-468A-A3B5-3E0FE8133862').scid).toBe(
      'bd6c41c3-01c3-468a-a3b5-3e0fe8133862',
    )
  })
})
