import { describe, expect, it } from 'vitest'
import { compileFilter, parseOrderBy, type FilterValue } from './search-filter'

const item: Record<string, FilterValue> = {
  'strings/mode': 'Coop',
  'numbers/level': 7,
  tags: ['Casual', 'voice'],
  'session/memberxuids': ['2535411111111111'],
}
const resolve = (path: string) => item[path]

function matches(filter: string): boolean {
  const compiled = compileFilter(filter)
  if (!compiled.ok) throw new Error(compiled.error)
  return compiled.test(resolve)
}

describe('search filter (OData subset of mpsd-handles §2.6)', () => {
  it('compares strings and numbers, with tolower and any() lambdas, field names in any case', () => {
    expect(matches("tolower(Strings/Mode) eq 'coop'")).toBe(true)
    expect(matches("strings/mode eq 'coop'")).toBe(false)
    expect(matches('numbers/level gt 5 and numbers/level le 7')).toBe(true)
    expect(matches('numbers/level lt 7')).toBe(false)
    expect(matches("Tags/any(d:tolower(d) eq 'casual')")).toBe(true)
    expect(matches("tags/any(d:d eq 'casual')")).toBe(false)
    expect(matches("session/memberXuids/any(x:x eq '2535411111111111')")).toBe(true)
    expect(
      matches("numbers/level eq 1 or (strings/mode ne 'Versus' and not numbers/level gt 9)"),
    ).toBe(true)
    expect(matches("strings/missing eq 'x'")).toBe(false)
  })

  it('reports a filter that does not parse, with the reason', () => {
    for (const bad of ["strings/mode eq 'coop", "strings/mode eq 'a' or", 'numbers/level # 3', ')'])
      expect(compileFilter(bad)).toMatchObject({
        ok: false,
        error: expect.stringMatching(/^filter: /),
      })
  })

  it('reads orderBy as "<attribute> asc|desc", Timestamp asc by default', () => {
    expect(parseOrderBy(undefined)).toEqual({ ok: true, path: 'timestamp', descending: false })
    expect(parseOrderBy('Numbers/Level desc')).toEqual({
      ok: true,
      path: 'numbers/level',
      descending: true,
    })
    expect(parseOrderBy('level sideways').ok).toBe(false)
  })
})
