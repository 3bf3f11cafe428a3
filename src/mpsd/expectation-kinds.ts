// The expectation kinds and the reader of their stored shape: all that a draft needs at first load
// (request-migrate.ts reads a stored draft's rows). What each kind means, its checks and its
// evaluation are in expectations.ts, loaded with the composer's rules and the send path.

export const EXPECTATION_KINDS = [
  'statusIs',
  'statusIn',
  'headerPresent',
  'headerMatches',
  'jsonExists',
  'jsonEquals',
  'jsonMatches',
  'expiresAfter',
  'fasterThan',
] as const
export type ExpectationKind = (typeof EXPECTATION_KINDS)[number]

/** `target`: a header name or JSON path, for the kinds that name one; `value`: what it must be. */
export type Expectation = { kind: ExpectationKind; target: string; value: string }

/** Bounds on what a request may carry: a check list, not a program. */
export const EXPECTATIONS_MAX = 50
export const EXPECTATION_TEXT_MAX = 500

function isExpectationKind(value: unknown): value is ExpectationKind {
  return (EXPECTATION_KINDS as readonly unknown[]).includes(value)
}

/**
 * Expectations from any stored value, leniently (drafts): entries of an unknown kind are dropped,
 * a value that is not text opens empty. Undefined when there is no list.
 */
export function readExpectations(input: unknown): Expectation[] | undefined {
  if (!Array.isArray(input)) return undefined
  const text = (value: unknown) => (typeof value === 'string' ? value : '')
  return input
    .filter(
      (item): item is Record<string, unknown> =>
        typeof item === 'object' &&
        item !== null &&
        isExpectationKind((item as { kind?: unknown }).kind),
    )
    .slice(0, EXPECTATIONS_MAX)
    .map((item) => ({
      kind: item.kind as ExpectationKind,
      target: text(item.target),
      value: text(item.value),
    }))
}
