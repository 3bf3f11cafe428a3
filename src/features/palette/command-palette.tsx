// Ctrl/Cmd+K: one search over views, actions, presets, History… (the groups come from the caller,
// src/app/palette-sources.ts). The APG combobox pattern: focus stays in the field, Up/Down move
// the active option, Enter runs it, Escape closes. Loaded on demand.
import { useId, useState, type KeyboardEvent } from 'react'
import { Dialog } from '../../components/dialog'

export type PaletteItem = { id: string; label: string; detail?: string; run: () => void }
export type PaletteGroup = { id: string; heading: string; items: readonly PaletteItem[] }

type CommandPaletteProps = {
  open: boolean
  onClose: () => void
  /** A hook: the groups for the query (called on every render, like any hook). */
  useGroups: (query: string) => readonly PaletteGroup[]
}

export function CommandPalette({ open, onClose, useGroups }: CommandPaletteProps) {
  return (
    <Dialog open={open} title="Command palette" onClose={onClose}>
      <PaletteBody onClose={onClose} useGroups={useGroups} />
    </Dialog>
  )
}

function PaletteBody({ onClose, useGroups }: Omit<CommandPaletteProps, 'open'>) {
  const [query, setQuery] = useState('')
  const [active, setActive] = useState(0)
  const base = useId()
  const groups = useGroups(query.trim()).filter((group) => group.items.length > 0)
  const items = groups.flatMap((group) => group.items)
  const current = Math.min(active, Math.max(0, items.length - 1))
  const optionId = (index: number) => `${base}-option-${index}`

  function run(item: PaletteItem | undefined) {
    if (!item) return
    onClose()
    item.run()
  }

  function onKeyDown(event: KeyboardEvent<HTMLInputElement>) {
    if (event.nativeEvent.isComposing) return
    if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
      event.preventDefault()
      if (items.length === 0) return
      const step = event.key === 'ArrowDown' ? 1 : -1
      const next = (current + step + items.length) % items.length
      setActive(next)
      document.getElementById(optionId(next))?.scrollIntoView({ block: 'nearest' })
    } else if (event.key === 'Enter') {
      event.preventDefault()
      run(items[current])
    }
  }

  // Each group's first option's index in the flat list (for the active option and its id).
  const starts = groups.map((_, g) =>
    groups.slice(0, g).reduce((sum, group) => sum + group.items.length, 0),
  )
  return (
    <div className="palette">
      <input
        type="text"
        role="combobox"
        aria-label="Go to or run"
        aria-expanded="true"
        aria-controls={`${base}-list`}
        aria-autocomplete="list"
        aria-activedescendant={items.length > 0 ? optionId(current) : undefined}
        placeholder="Views, presets, History, actions…"
        value={query}
        onChange={(event) => {
          setQuery(event.target.value)
          setActive(0)
        }}
        onKeyDown={onKeyDown}
        autoComplete="off"
        spellCheck={false}
        // The dialog opens to type in: focus goes straight to the search.
        autoFocus
      />
      <div id={`${base}-list`} role="listbox" aria-label="Results" className="palette-list">
        {groups.map((group, g) => (
          <div
            key={group.id}
            role="group"
            aria-labelledby={`${base}-${group.id}`}
            className="palette-group"
          >
            <div role="presentation" id={`${base}-${group.id}`} className="palette-heading">
              {group.heading}
            </div>
            {group.items.map((item, i) => {
              const mine = (starts[g] ?? 0) + i
              return (
                <div
                  key={item.id}
                  id={optionId(mine)}
                  role="option"
                  aria-selected={mine === current}
                  className="palette-option"
                  onPointerMove={() => setActive(mine)}
                  onClick={() => run(item)}
                >
                  <span>{item.label}</span>
                  {item.detail ? <span className="muted small">{item.detail}</span> : null}
                </div>
              )
            })}
          </div>
        ))}
      </div>
      {items.length === 0 ? (
        <p role="status" className="muted">
          Nothing matches “{query}”.
        </p>
      ) : null}
    </div>
  )
}
