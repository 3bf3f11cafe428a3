// The composer's latest values for the parts that show them (Send, the preview, the encoded length,
// the panels under the form). Each reads them with useSyncExternalStore, so a keystroke re-renders
// those parts only, in the keystroke's own event: the field and all that follows from it are drawn
// in one frame and the page is idle again well before the next key. A deferred copy drew a second
// frame per key, and the key after it waited for the next vsync (a third of keys took 16 ms or
// more); re-rendering the whole form on every key was the largest share of what was left.
import { useSyncExternalStore } from 'react'
import type { ComposeFormValues } from './compose-form-schema'

export type LiveDraft = {
  get: () => ComposeFormValues
  set: (values: ComposeFormValues) => void
  subscribe: (listener: () => void) => () => void
}

export function liveDraftOf(initial: ComposeFormValues): LiveDraft {
  let current = initial
  const listeners = new Set<() => void>()
  return {
    get: () => current,
    set: (values) => {
      current = values
      for (const listener of listeners) listener()
    },
    subscribe: (listener) => {
      listeners.add(listener)
      return () => listeners.delete(listener)
    },
  }
}

/** The whole draft: re-renders on every change. */
export function useLiveDraft(live: LiveDraft): ComposeFormValues {
  return useSyncExternalStore(live.subscribe, live.get)
}

/** One field: re-renders only when that field changes. */
export function useLiveField(live: LiveDraft, field: keyof ComposeFormValues): string {
  return useSyncExternalStore(live.subscribe, () => live.get()[field])
}
