// The top bar's Theme menu and "Go to…", and the dialogs the shortcuts open (the command palette,
// the shortcut list). One chunk, loaded right after the first paint; the keyboard listener itself is
// in the first load (app-layout.tsx), so Ctrl/Cmd+Enter sends as soon as Send can.
import { lazy, Suspense, useState } from 'react'
import { useCommand } from '../lib/commands'
import { ThemeSelect } from './theme-select'

// The palette and the shortcut list load on their first use (Ctrl/Cmd+K, "?").
const PaletteHost = lazy(() => import('./palette-host').then((m) => ({ default: m.PaletteHost })))
const ShortcutsDialog = lazy(() =>
  import('./shortcuts-dialog').then((m) => ({ default: m.ShortcutsDialog })),
)

/** A dialog mounted on its first opening and kept (closing and reopening is instant). */
function useOnDemandDialog() {
  const [open, setOpen] = useState(false)
  const [mounted, setMounted] = useState(false)
  return {
    open,
    mounted,
    show: () => {
      setMounted(true)
      setOpen(true)
    },
    close: () => setOpen(false),
  }
}

export function WorkspaceTools() {
  const palette = useOnDemandDialog()
  const shortcuts = useOnDemandDialog()
  useCommand('open-palette', palette.show)
  useCommand('show-shortcuts', shortcuts.show)
  return (
    <div className="workspace-tools">
      <ThemeSelect />
      <button
        type="button"
        className="palette-button"
        onClick={palette.show}
        aria-keyshortcuts="Control+K Meta+K"
      >
        Go to…
      </button>
      {/* Modal <dialog>s open in the top layer, wherever they sit in the page. */}
      <Suspense fallback={null}>
        {palette.mounted ? <PaletteHost open={palette.open} onClose={palette.close} /> : null}
        {shortcuts.mounted ? (
          <ShortcutsDialog open={shortcuts.open} onClose={shortcuts.close} />
        ) : null}
      </Suspense>
    </div>
  )
}
