// Two calls side by side: what differs in their requests (method, path, body) and answers (status,
// headers, body). Long values wrap inside their cell: the table never spills out of its dialog. Volatile fields (ids,
// expirations, dates, timings) are hidden unless the user asks for them.
import { useMemo, useState } from 'react'
import { compareEntries } from '../../data/history/compare-entries'
import type { HistoryEntry } from '../../data/history/history-entry'

export function CompareView({ left, right }: { left: HistoryEntry; right: HistoryEntry }) {
  const [showVolatile, setShowVolatile] = useState(false)
  const differences = useMemo(() => compareEntries(left, right), [left, right])
  const shown = showVolatile ? differences : differences.filter((d) => !d.volatile)
  const hidden = differences.length - shown.length
  return (
    <section aria-label="Comparison">
      <p>
        Left: {new Date(left.startedAt).toLocaleString()} ({left.kind}) · Right:{' '}
        {new Date(right.startedAt).toLocaleString()} ({right.kind})
      </p>
      <label>
        <input
          type="checkbox"
          checked={showVolatile}
          onChange={(e) => setShowVolatile(e.target.checked)}
        />{' '}
        Show volatile fields
      </label>
      <p role="status">
        {shown.length === 0
          ? 'No differences'
          : `${shown.length} ${shown.length === 1 ? 'difference' : 'differences'}`}
        {hidden > 0 ? ` (${hidden} volatile hidden)` : ''}
      </p>
      {shown.length > 0 ? (
        <div className="compare-scroll">
          <table aria-label="Differences" className="table compare-table">
            <thead>
              <tr>
                <th scope="col">Field</th>
                <th scope="col">Left</th>
                <th scope="col">Right</th>
              </tr>
            </thead>
            <tbody>
              {shown.map((d) => (
                <tr key={d.path} className={`diff-${d.change}`}>
                  <th scope="row">
                    <code>{d.path}</code>
                    {d.volatile ? <span className="muted"> (volatile)</span> : null}
                  </th>
                  <td className="mono">{d.left ?? <span className="muted">absent</span>}</td>
                  <td className="mono">{d.right ?? <span className="muted">absent</span>}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
    </section>
  )
}
