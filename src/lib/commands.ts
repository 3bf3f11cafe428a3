// Named actions that a shortcut or the command palette can run without knowing which feature
// does them ("send" is Compose's form, "save-preset" the presets feature's dialog). A feature
// registers its handler while it is on screen; nothing registered means the command is not
// available (and its shortcut leaves the key to the browser).
import { useEffect, useRef } from 'react'

export type CommandId = 'send' | 'save-preset' | 'open-palette' | 'show-shortcuts'

const handlers = new Map<CommandId, () => void>()

export function registerCommand(id: CommandId, handler: () => void): () => void {
  handlers.set(id, handler)
  return () => {
    if (handlers.get(id) === handler) handlers.delete(id)
  }
}

/** Runs the command if something handles it now; false when nothing does. */
export function runCommand(id: CommandId): boolean {
  const handler = handlers.get(id)
  if (!handler) return false
  handler()
  return true
}

export function hasCommand(id: CommandId): boolean {
  return handlers.has(id)
}

/** Registers `handler` for as long as the component is mounted; always calls the latest one. */
export function useCommand(id: CommandId, handler: () => void): void {
  const latest = useRef(handler)
  useEffect(() => {
    latest.current = handler
  })
  useEffect(() => registerCommand(id, () => latest.current()), [id])
}

/**
 * Turns commands off inside a region (spread on its root element). A panel whose fields are not
 * the composed request's (Batch invites, Activity tools) turns `send` off, so Ctrl/Cmd+Enter in its
 * XUID list does not send the composer's request (decision 130).
 */
export function commandsOffIn(...ids: CommandId[]): { 'data-commands-off': string } {
  return { 'data-commands-off': ids.join(' ') }
}

/** Whether `id` is turned off where `target` (a key press's target) sits. */
export function commandOffAt(id: CommandId, target: EventTarget | null): boolean {
  return target instanceof Element && target.closest(`[data-commands-off~="${id}"]`) !== null
}
