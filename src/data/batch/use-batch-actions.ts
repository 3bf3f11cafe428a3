// Start, Resume, Retry failed and Cancel for the batch panel. Each run is a mutation whose meta says
// what it writes (batch runs, History, the Handles ledger): the query client's after-write policy
// refreshes them when it ends, and, at most twice a second, while it runs.
import { useMutation, useQueryClient } from '@tanstack/react-query'
import { useRef, useState } from 'react'
import { refreshRecords } from '../../lib/query-client'
import { currentSettings } from '../settings/settings-queries'
import type { BatchRun, BatchTemplate, SkippedEntry } from './batch-run'
import {
  resumeBatch,
  retryFailed,
  startBatch,
  stopBatch,
  type DriveOptions,
} from './batch-controller'
import type { Budget } from './token-bucket'

/** Read at event time, never during render (kept out of components for the purity lint). */
const clockNow = () => Date.now()

/** A batch refreshes History at most this often while it runs: each refresh rereads the list. */
const REFRESH_EVERY_MS = 500

export function useBatchActions() {
  const queryClient = useQueryClient()
  const lastRefresh = useRef(0)
  const [cancelError, setCancelError] = useState<string>()
  const run = useMutation({
    mutationFn: (op: (drive: DriveOptions) => Promise<BatchRun>) =>
      op({
        settings: () => currentSettings(queryClient),
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
    meta: { records: ['batch', 'history', 'handles'] },
  })
  const drive = (op: (drive: DriveOptions) => Promise<BatchRun>) => {
    setCancelError(undefined)
    run.mutate(op)
  }
  return {
    start: (input: {
      template: BatchTemplate
      xuids: readonly string[]
      skipped: readonly SkippedEntry[]
      budgets: readonly Budget[]
    }) => drive((options) => startBatch(input, options)),
    resume: (stored: BatchRun) => drive((options) => resumeBatch(stored, options)),
    retryFailed: (stored: BatchRun) => drive((options) => retryFailed(stored, options)),
    pause: () => void stopBatch('pause'),
    cancel: (stored: BatchRun | undefined) =>
      void stopBatch('cancel', stored).catch((error: unknown) =>
        setCancelError(error instanceof Error ? error.message : String(error)),
      ),
    /** Why the last run or Cancel failed. */
    error: cancelError ?? run.error?.message,
  }
}
