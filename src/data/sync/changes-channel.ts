// Two tabs open at once stay in sync: every write to IndexedDB announces itself on a
// BroadcastChannel, and each tab invalidates the matching queries (a send in one tab shows in the
// other's History). The tab posts and listens on one channel object, which does not receive its
// own messages (a second object in the same tab would); its mutations refresh locally. Both go
// through the query client's one after-write policy, refreshRecords.
import { useQueryClient } from '@tanstack/react-query'
import { useEffect } from 'react'
import { refreshRecords, type RecordTopic } from '../../lib/query-client'

export type ChangeTopic = RecordTopic

const CHANNEL_NAME = 'handles-workbench:changes'

let channel: BroadcastChannel | undefined

function getChannel(): BroadcastChannel | undefined {
  if (typeof BroadcastChannel === 'undefined') return undefined
  if (!channel) {
    channel = new BroadcastChannel(CHANNEL_NAME)
    // In Node (unit tests, bench) an open channel would keep the process alive.
    ;(channel as BroadcastChannel & { unref?: () => void }).unref?.()
  }
  return channel
}

export function announceChange(...topics: ChangeTopic[]): void {
  try {
    getChannel()?.postMessage({ topics })
  } catch {
    // A closed channel (page unloading) loses nothing: the other tab refetches on focus or reload.
  }
}

function isChangeMessage(data: unknown): data is { topics: ChangeTopic[] } {
  return (
    typeof data === 'object' &&
    data !== null &&
    Array.isArray((data as { topics?: unknown }).topics)
  )
}

/** Mounted once by the app: other tabs' writes invalidate this tab's queries. */
export function useCrossTabSync(): void {
  const queryClient = useQueryClient()
  useEffect(() => {
    const listener = getChannel()
    if (!listener) return undefined
    const onMessage = (event: MessageEvent<unknown>) => {
      if (!isChangeMessage(event.data)) return
      void refreshRecords(queryClient, event.data.topics)
    }
    listener.addEventListener('message', onMessage)
    return () => listener.removeEventListener('message', onMessage)
  }, [queryClient])
}
