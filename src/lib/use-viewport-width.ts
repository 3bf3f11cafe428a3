// The viewport's width in CSS pixels, following resizes: the workspace picks its layout from it.
import { useSyncExternalStore } from 'react'

function subscribeResize(onChange: () => void): () => void {
  window.addEventListener('resize', onChange)
  return () => window.removeEventListener('resize', onChange)
}

export function useViewportWidth(): number {
  return useSyncExternalStore(subscribeResize, () => window.innerWidth)
}
