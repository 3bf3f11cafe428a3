// Start, Resume, Retry failed, Pause, Cancel and Discard for the batch panel. Each run is a mutation
// whose meta says what it writes (batch runs, History, the Handles ledger): the query client's
// after-write policy refreshes them when it ends, and, at most twice a second, while it runs.
import { useMutation, useQueryClient } from '@tanstack/react-query'
import { useRef } from 'react'
import { refreshRecords } from '../../lib/query-client'
import { currentComposeTarget } from '../environments/compose-target'
import { currentSettings } from '../settings/settings-queries'
import type { BatchRun, BatchTemplate, SkippedEntry } from './batch-run'
import {
  BatchBlockedError,
  discardBatch,
  resumeBatch,
  retryFailed,
  startBatch,
  stopBatch,
  type DriveOptions,
} from './batch-controller'
import type { Budget } from '../../mpsd/token-bucket'

/** Read at event time, never during render (kept out of components for the purity lint). */
const clockNow = () => Date.now()

/** A batch refreshes History at most this often while it runs: each refresh rereads the list. */
const REFRESH_EVERY_MS = 500

export function useBatchActions() {
  const queryClient = useQueryClient()
  const lastRefresh = useRef(0)
  // Set on the click, before React re-renders: a double click on Send or Resume is one action.
  const busy = useRef(false)
  const run = useMutation({
    mutationFn: (op: (drive: DriveOptions) => Promise<BatchRun>) =>
      op({
        settings: () => currentSettings(queryClient),
        target: () => currentComposeTarget(queryClient),
        onStep: (next) => {
          const finished = next.state !== 'running' && next.state !== 'waiting'
          const at = clockNow()
          if (!finished && at - lastRefresh.current < REFRESH_EVERY_MS) return
          lastRefresh.current = at
          void refreshRecords(
            queryClient,
            finished ? ['history', 'handles', 'batch'] : ['history', 'handles'],
          )
        },
      }),
    onSettled: () => {
      busy.current = false
    },
    meta: { records: ['batch', 'history', 'handles'] },
  })
  const discard = useMutation({
    mutationFn: (stored: BatchRun) => discardBatch(stored),
    onSettled: () => {
      busy.current = false
    },
    meta: { records: ['batch'] },
  })
  const act = (start: () => void) => {
    if (busy.current) return
    busy.current = true
    run.reset()
    discard.reset()
    start()
  }
  const drive = (op: (drive: DriveOptions) => Promise<BatchRun>) => act(() => run.mutate(op))
  const lastError = run.error ?? discard.error
  return {
    start: (input: {
      template: BatchTemplate
      xuids: readonly string[]
      skipped: readonly SkippedEntry[]
      budgets: readonly Budget[]
    }) => drive((options) => startBatch(input, options)),
    resume: (stored: BatchRun) => drive((options) => resumeBatch(stored, options)),
    retryFailed: (stored: BatchRun) => drive((options) => retryFailed(stored, options)),
    pause: () => stopBatch('pause'),
    cancel: () => stopBatch('cancel'),
    discard: (stored: BatchRun) => act(() => discard.mutate(stored)),
    /** Send, Resume, Retry or Discard is under way (from the click, not the next render). */
    pending: run.isPending || discard.isPending,
    /** Send refused because a run can still be resumed (another tab's, or one not shown yet). */
    blocked: lastError instanceof BatchBlockedError ? lastError : undefined,
    /** Why the last action failed. */
    error: lastError && !(lastError instanceof BatchBlockedError) ? lastError.message : undefined,
  }
}
