// The command palette with the app's sources: one chunk, loaded on the first Ctrl/Cmd+K.
import { CommandPalette } from '../features/palette/command-palette'
import { usePaletteGroups } from './palette-sources'

export function PaletteHost({ open, onClose }: { open: boolean; onClose: () => void }) {
  return <CommandPalette open={open} onClose={onClose} useGroups={usePaletteGroups} />
}
