// The OData subset of search-handle queries (mpsd-handles.md §2.6, mpsd-sessions.md §4): eq ne gt
// ge lt le, and/or/not, parentheses, tolower(), and any() lambdas over collections such as
// `tags/any(d:tolower(d) eq 'x')`. Field names match case-insensitively (XSAPI's header writes
// PascalCase, the docs lower case). A filter that does not parse is a 400, with the reason.

type Token =
  | { kind: 'string'; value: string }
  | { kind: 'number'; value: number }
  | { kind: 'name'; value: string }
  | { kind: 'punct'; value: '(' | ')' | ',' | ':' }

export type FilterValue = string | number | boolean | null | undefined | FilterValue[]
/** Looks a path (lower case, `/`-separated) up in the item being tested. */
export type Resolve = (path: string) => FilterValue

type Node =
  | { kind: 'literal'; value: FilterValue }
  | { kind: 'path'; path: string }
  | { kind: 'call'; name: string; args: Node[] }
  | { kind: 'compare'; op: string; left: Node; right: Node }
  | { kind: 'logic'; op: 'and' | 'or'; left: Node; right: Node }
  | { kind: 'not'; operand: Node }
  | { kind: 'lambda'; path: string; quantifier: 'any' | 'all'; variable: string; body: Node }

const COMPARISONS = new Set(['eq', 'ne', 'gt', 'ge', 'lt', 'le'])

function tokenize(text: string): Token[] {
  const tokens: Token[] = []
  let i = 0
  while (i < text.length) {
    const ch = text[i] ?? ''
    if (/\s/.test(ch)) {
      i++
    } else if (ch === "'") {
      let value = ''
      i++
      for (;;) {
        if (i >= text.length) throw new Error('a string is not closed')
        if (text[i] === "'") {
          if (text[i + 1] === "'") {
            value += "'"
            i += 2
            continue
          }
          i++
          break
        }
        value += text[i]
        i++
      }
      tokens.push({ kind: 'string', value })
    } else if (/[-\d]/.test(ch)) {
      const match = /^-?\d+(\.\d+)?/.exec(text.slice(i))
      if (!match) throw new Error(`unexpected "${ch}"`)
      tokens.push({ kind: 'number', value: Number(match[0]) })
      i += match[0].length
    } else if (/[A-Za-z_]/.test(ch)) {
      const match = /^[A-Za-z_][\w/.]*/.exec(text.slice(i)) as RegExpExecArray
      tokens.push({ kind: 'name', value: match[0] })
      i += match[0].length
    } else if ('(),:'.includes(ch)) {
      tokens.push({ kind: 'punct', value: ch as '(' | ')' | ',' | ':' })
      i++
    } else {
      throw new Error(`unexpected "${ch}"`)
    }
  }
  return tokens
}

function parse(text: string): Node {
  const tokens = tokenize(text)
  let at = 0
  const peek = () => tokens[at]
  const isWord = (word: string) => {
    const t = peek()
    return t?.kind === 'name' && t.value.toLowerCase() === word
  }
  const expect = (value: string) => {
    const t = tokens[at++]
    if (t?.kind !== 'punct' || t.value !== value) throw new Error(`expected "${value}"`)
  }

  function value(): Node {
    const t = tokens[at++]
    if (!t) throw new Error('the filter ends too early')
    if (t.kind === 'string' || t.kind === 'number') return { kind: 'literal', value: t.value }
    if (t.kind === 'punct') {
      if (t.value !== '(') throw new Error(`unexpected "${t.value}"`)
      const inner = or()
      expect(')')
      return inner
    }
    const lower = t.value.toLowerCase()
    if (lower === 'true' || lower === 'false') return { kind: 'literal', value: lower === 'true' }
    if (lower === 'null') return { kind: 'literal', value: null }
    const lambda = /^(.*)\/(any|all)$/i.exec(t.value)
    if (lambda && peek()?.kind === 'punct' && (peek() as { value: string }).value === '(') {
      at++
      const variable = tokens[at++]
      if (variable?.kind !== 'name') throw new Error('expected a lambda variable')
      expect(':')
      const body = or()
      expect(')')
      return {
        kind: 'lambda',
        path: (lambda[1] ?? '').toLowerCase(),
        quantifier: (lambda[2] ?? 'any').toLowerCase() as 'any' | 'all',
        variable: variable.value.toLowerCase(),
        body,
      }
    }
    const next = peek()
    if (next?.kind === 'punct' && next.value === '(') {
      at++
      const args: Node[] = []
      if (!(peek()?.kind === 'punct' && (peek() as { value: string }).value === ')')) {
        args.push(or())
        while (peek()?.kind === 'punct' && (peek() as { value: string }).value === ',') {
          at++
          args.push(or())
        }
      }
      expect(')')
      return { kind: 'call', name: lower, args }
    }
    return { kind: 'path', path: lower }
  }
  function comparison(): Node {
    if (isWord('not')) {
      at++
      return { kind: 'not', operand: comparison() }
    }
    const left = value()
    const t = peek()
    if (t?.kind === 'name' && COMPARISONS.has(t.value.toLowerCase())) {
      at++
      return { kind: 'compare', op: t.value.toLowerCase(), left, right: value() }
    }
    return left
  }
  function and(): Node {
    let left = comparison()
    while (isWord('and')) {
      at++
      left = { kind: 'logic', op: 'and', left, right: comparison() }
    }
    return left
  }
  function or(): Node {
    let left = and()
    while (isWord('or')) {
      at++
      left = { kind: 'logic', op: 'or', left, right: and() }
    }
    return left
  }
  const tree = or()
  if (at < tokens.length) throw new Error('unexpected text after the filter')
  return tree
}

function evaluate(node: Node, resolve: Resolve, vars: Map<string, FilterValue>): FilterValue {
  switch (node.kind) {
    case 'literal':
      return node.value
    case 'path':
      return vars.has(node.path) ? vars.get(node.path) : resolve(node.path)
    case 'call': {
      const args = node.args.map((arg) => evaluate(arg, resolve, vars))
      if (node.name === 'tolower')
        return typeof args[0] === 'string' ? args[0].toLowerCase() : args[0]
      if (node.name === 'toupper')
        return typeof args[0] === 'string' ? args[0].toUpperCase() : args[0]
      throw new Error(`unknown function ${node.name}()`)
    }
    case 'not':
      return !truthy(evaluate(node.operand, resolve, vars))
    case 'logic': {
      const left = truthy(evaluate(node.left, resolve, vars))
      if (node.op === 'and') return left && truthy(evaluate(node.right, resolve, vars))
      return left || truthy(evaluate(node.right, resolve, vars))
    }
    case 'compare':
      return compare(
        node.op,
        evaluate(node.left, resolve, vars),
        evaluate(node.right, resolve, vars),
      )
    case 'lambda': {
      const collection = resolve(node.path)
      const items = Array.isArray(collection) ? collection : []
      const test = (item: FilterValue) =>
        truthy(evaluate(node.body, resolve, new Map([...vars, [node.variable, item]])))
      return node.quantifier === 'any' ? items.some(test) : items.every(test)
    }
  }
}

function truthy(value: FilterValue): boolean {
  return value === true
}

function compare(op: string, a: FilterValue, b: FilterValue): boolean {
  if (op === 'eq') return a === b
  if (op === 'ne') return a !== b
  if (typeof a !== typeof b || (typeof a !== 'number' && typeof a !== 'string')) return false
  const order = typeof a === 'number' ? a - (b as number) : a.localeCompare(b as string)
  if (op === 'gt') return order > 0
  if (op === 'ge') return order >= 0
  if (op === 'lt') return order < 0
  return order <= 0
}

/** A predicate for `filter`, or the reason it does not parse. */
export function compileFilter(
  filter: string,
): { ok: true; test: (resolve: Resolve) => boolean } | { ok: false; error: string } {
  try {
    const tree = parse(filter)
    return {
      ok: true,
      test: (resolve) => {
        try {
          return truthy(evaluate(tree, resolve, new Map()))
        } catch {
          return false
        }
      },
    }
  } catch (error) {
    return { ok: false, error: `filter: ${(error as Error).message}` }
  }
}

/** `orderBy` as "<path> asc|desc" (the default direction is asc); XSAPI's default is Timestamp asc. */
export function parseOrderBy(
  orderBy: string | undefined,
): { ok: true; path: string; descending: boolean } | { ok: false; error: string } {
  const text = (orderBy ?? 'Timestamp asc').trim()
  const match = /^([A-Za-z_][\w/.]*)(?:\s+(asc|desc))?$/i.exec(text)
  if (!match)
    return { ok: false, error: 'orderBy must be "<attribute> asc" or "<attribute> desc".' }
  return {
    ok: true,
    path: (match[1] ?? '').toLowerCase(),
    descending: (match[2] ?? 'asc').toLowerCase() === 'desc',
  }
}
