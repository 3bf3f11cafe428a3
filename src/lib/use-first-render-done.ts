import { useDeferredValue } from 'react'

/**
 * False during the first render, true in the render React does right after it. What the first
 * screen does not need (other panes, menus, panels that load their own chunk) waits for it:
 * even starting a chunk's import costs the main thread a moment, and the first render is what
 * the user waits for (decision 140; `npm run bench` measures it).
 */
export function useFirstRenderDone(): boolean {
  return useDeferredValue(true, false)
}
