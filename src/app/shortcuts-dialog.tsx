// "?": every keyboard shortcut, read from the one table in shortcuts.ts. Loaded on demand.
import { Dialog } from '../components/dialog'
import { describeKeys } from './describe-keys'
import { SHORTCUTS } from './shortcuts'

export function ShortcutsDialog({ open, onClose }: { open: boolean; onClose: () => void }) {
  return (
    <Dialog open={open} title="Keyboard shortcuts" onClose={onClose}>
      <table className="table shortcuts-table">
        <thead>
          <tr>
            <th scope="col">Keys</th>
            <th scope="col">Does</th>
          </tr>
        </thead>
        <tbody>
          {SHORTCUTS.map((shortcut) => (
            <tr key={shortcut.command}>
              <td>
                <kbd>{describeKeys(shortcut)}</kbd>
              </td>
              <td>{shortcut.description}</td>
            </tr>
          ))}
          <tr>
            <td>
              <kbd>←</kbd> <kbd>→</kbd>
            </td>
            <td>Move between tabs, or resize a pane from its splitter</td>
          </tr>
        </tbody>
      </table>
      <p className="muted small">
        Ctrl (⌘ on a Mac) shortcuts work in a field too; “?” does not while you type. None fires
        while an input method is composing or while a dialog is open.
      </p>
      <div className="button-row">
        <button type="button" onClick={onClose}>
          Close
        </button>
      </div>
    </Dialog>
  )
}
