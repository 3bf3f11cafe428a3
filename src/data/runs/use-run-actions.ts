// Start, Resume, Pause, Cancel and Delete for the Runs view. Each is a mutation whose meta says what
// it writes (runs, and for a run's calls History and the Handles ledger): the query client's
// after-write policy refreshes those views when it settles. While a run goes, History follows it
// at most twice a second (run-controller.ts), as a batch does.
import { useMutation, useQueryClient } from '@tanstack/react-query'
import {
  cancelRun,
  forgetRun,
  pauseRun,
  resumeRun,
  startRun,
  type RunRequest,
} from './run-controller'

const SENDS = { records: ['runs', 'history', 'handles'] } as const
const STORES = { records: ['runs'] } as const

export function useRunActions() {
  const queryClient = useQueryClient()
  const start = useMutation({
    mutationFn: (request: RunRequest) => startRun(request, queryClient),
    meta: SENDS,
  })
  const resume = useMutation({ mutationFn: () => resumeRun(queryClient), meta: SENDS })
  const cancel = useMutation({ mutationFn: cancelRun, meta: STORES })
  const remove = useMutation({ mutationFn: forgetRun, meta: STORES })
  const failed = start.error ?? resume.error ?? cancel.error ?? remove.error
  return {
    start: (request: RunRequest) => start.mutate(request),
    /** A Start is on its way: the run may not be `ready` in the controller yet. */
    starting: start.isPending,
    resume: () => resume.mutate(),
    pause: pauseRun,
    cancel: () => cancel.mutate(),
    remove: (id: string) => remove.mutate(id),
    /** Why the last action failed, when it did. */
    error: failed ? failed.message : undefined,
  }
}
