// Under 900 px the workspace's two panes are tabs. Its own chunk: only a narrow window needs it.
import type { KeyboardEvent } from 'react'

export type Pane = 'request' | 'response'

const PANES: ReadonlyArray<{ id: Pane; label: string }> = [
  { id: 'request', label: 'Request' },
  { id: 'response', label: 'Response' },
]

/** Under 900 px: the request and the Response as two tabs (ARIA tabs, Left/Right to switch). */
export function PaneTabs({ pane, onPane }: { pane: Pane; onPane: (pane: Pane) => void }) {
  function onKeyDown(event: KeyboardEvent<HTMLDivElement>) {
    if (!['ArrowLeft', 'ArrowRight', 'Home', 'End'].includes(event.key)) return
    event.preventDefault()
    const next: Pane =
      event.key === 'Home'
        ? 'request'
        : event.key === 'End'
          ? 'response'
          : pane === 'request'
            ? 'response'
            : 'request'
    onPane(next)
    document.getElementById(`pane-tab-${next}`)?.focus()
  }
  return (
    <div role="tablist" aria-label="Panes" className="tab-list pane-tabs" onKeyDown={onKeyDown}>
      {PANES.map(({ id, label }) => (
        <button
          key={id}
          type="button"
          role="tab"
          id={`pane-tab-${id}`}
          aria-selected={pane === id}
          aria-controls={`workspace-${id}`}
          tabIndex={pane === id ? 0 : -1}
          className="tab"
          onClick={() => onPane(id)}
        >
          {label}
        </button>
      ))}
    </div>
  )
}
