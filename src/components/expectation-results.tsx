import type { ExpectationResult } from '../mpsd/expectations'

/**
 * The "Expectations" list of an answer: each check, passed or failed, with what was found. A failed
 * one makes the list an alert (role="alert"), as every failure the user must hear.
 */
export function ExpectationResults({ results }: { results: readonly ExpectationResult[] }) {
  const failed = results.filter((result) => !result.passed).length
  return (
    <div
      className={failed > 0 ? 'expectation-results alert' : 'expectation-results'}
      role={failed > 0 ? 'alert' : undefined}
      aria-label="Expectations"
    >
      <h3>
        Expectations:{' '}
        {failed > 0 ? `${failed} of ${results.length} failed` : `all ${results.length} passed`}
      </h3>
      <ul>
        {results.map((result, index) => (
          <li key={index} className={result.passed ? 'passed' : 'failed'}>
            <strong>{result.passed ? 'Passed' : 'Failed'}</strong>: {result.label} —{' '}
            {result.message}
          </li>
        ))}
      </ul>
    </div>
  )
}
