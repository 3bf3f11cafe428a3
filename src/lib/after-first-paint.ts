let painted: Promise<void> | undefined

/**
 * Resolves once the page has painted its first frame (at once after that). Work the first screen
 * does not need, such as starting a chunk's import or reading IndexedDB, waits for it: even
 * starting a fetch costs the main thread a moment, and the first paint is what the user waits for
 * (decision 140). Without a browser's frame callback (Node, the unit tests) it waits one task.
 */
export function afterFirstPaint(): Promise<void> {
  return (painted ??= new Promise<void>((resolve) => {
    const later = () => setTimeout(resolve, 0)
    if (typeof requestAnimationFrame === 'function') requestAnimationFrame(later)
    else later()
  }))
}
