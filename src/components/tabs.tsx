// ARIA tabs (WAI-ARIA Authoring Practices, "Tabs with automatic activation"): one tab stop for the
// list, Left/Right (and Home/End) move between tabs and show their panel. A panel is rendered the
// first time its tab is chosen and then kept, hidden, so what was typed in it survives a switch.
import { useId, useRef, useState, type KeyboardEvent, type ReactNode } from 'react'

export type TabItem = { id: string; label: string; content: () => ReactNode }

type TabsProps = {
  /** The tab list's accessible name. */
  label: string
  tabs: readonly TabItem[]
  selected: string
  onSelect: (id: string) => void
  className?: string
  panelClassName?: string
}

export function Tabs({ label, tabs, selected, onSelect, className, panelClassName }: TabsProps) {
  const base = useId()
  const listRef = useRef<HTMLDivElement>(null)
  const current = tabs.some((tab) => tab.id === selected) ? selected : (tabs[0]?.id ?? '')
  const [visited, setVisited] = useState<ReadonlySet<string>>(() => new Set([current]))
  if (!visited.has(current)) setVisited(new Set([...visited, current]))

  function move(event: KeyboardEvent<HTMLDivElement>) {
    const index = tabs.findIndex((tab) => tab.id === current)
    const steps: Record<string, number> = {
      ArrowRight: index + 1,
      ArrowLeft: index - 1,
      Home: 0,
      End: tabs.length - 1,
    }
    const step = steps[event.key]
    if (step === undefined) return
    event.preventDefault()
    // Left from the first wraps to the last, Right from the last to the first.
    const tab = tabs[(step + tabs.length) % tabs.length]
    if (!tab) return
    onSelect(tab.id)
    listRef.current?.querySelector<HTMLElement>(`[data-tab="${tab.id}"]`)?.focus()
  }

  return (
    <div className={className}>
      <div role="tablist" aria-label={label} className="tab-list" ref={listRef} onKeyDown={move}>
        {tabs.map((tab) => (
          <button
            key={tab.id}
            type="button"
            role="tab"
            id={`${base}-tab-${tab.id}`}
            data-tab={tab.id}
            aria-selected={tab.id === current}
            // Only a rendered panel can be referenced (an id that is nowhere is an ARIA error).
            aria-controls={
              visited.has(tab.id) || tab.id === current ? `${base}-panel-${tab.id}` : undefined
            }
            tabIndex={tab.id === current ? 0 : -1}
            className="tab"
            onClick={() => onSelect(tab.id)}
          >
            {tab.label}
          </button>
        ))}
      </div>
      {tabs.map((tab) =>
        visited.has(tab.id) || tab.id === current ? (
          <div
            key={tab.id}
            role="tabpanel"
            id={`${base}-panel-${tab.id}`}
            aria-labelledby={`${base}-tab-${tab.id}`}
            hidden={tab.id !== current}
            className={panelClassName}
          >
            {tab.content()}
          </div>
        ) : null,
      )}
    </div>
  )
}
