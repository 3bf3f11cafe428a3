// A response body with a search box: every match highlighted, the count said politely.
import { useDeferredValue, useId, useMemo, useState } from 'react'
import { findMatches, HIGHLIGHT_LIMIT } from './find-matches'

export function SearchableBody({ text }: { text: string }) {
  const [query, setQuery] = useState('')
  // A big body re-highlights after the keystroke is painted, not before.
  const deferred = useDeferredValue(query)
  const { count, segments } = useMemo(() => findMatches(text, deferred), [text, deferred])
  const id = useId()
  return (
    <>
      <div className="body-search">
        <label htmlFor={id}>Search the body</label>
        <input
          id={id}
          type="search"
          value={query}
          onChange={(event) => setQuery(event.target.value)}
          autoComplete="off"
          spellCheck={false}
        />
        <span role="status" aria-live="polite">
          {deferred === ''
            ? ''
            : count === 0
              ? 'No match'
              : `${count.toLocaleString()} ${count === 1 ? 'match' : 'matches'}${count > HIGHLIGHT_LIMIT ? ` (the first ${HIGHLIGHT_LIMIT.toLocaleString()} highlighted)` : ''}`}
        </span>
      </div>
      <pre aria-label="Response body">
        {segments.map((segment, index) =>
          segment.match ? <mark key={index}>{segment.text}</mark> : segment.text,
        )}
      </pre>
    </>
  )
}
