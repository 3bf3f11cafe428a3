// "Check" and "Revoke" on a ledger handle go through the one Send path, so each is also a History
// entry, and record what they found on the handle. Here, not in src/data/handles, so the ledger
// does not depend on the send path (which files handles through History).
import { useMutation, useQueryClient } from '@tanstack/react-query'
import { answerMessage } from '../../mpsd/answer-message'
import { deleteHandleRequest, getHandleRequest } from '../../mpsd/request-builder'
import { currentSettings } from '../settings/settings-queries'
import type { HandleCheck, HandleRecord } from '../handles/handle-record'

// The ledger store and the send path load on first use, not at first paint.
const store = () => import('../handles/handles-store')
const sendPath = () => import('./send-and-record')

function outcomeOf(action: 'check' | 'revoke', status: number | undefined): HandleCheck['outcome'] {
  if (status === undefined) return 'failed'
  if (status === 404) return 'not-found'
  if (status >= 200 && status < 300) return action === 'revoke' ? 'revoked' : 'active'
  return 'failed'
}

/** "Check" (GET /handles/{id}) and "Revoke" (DELETE /handles/{id}), to where the invite went. */
export function useHandleAction(action: 'check' | 'revoke') {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: async (handle: HandleRecord) => {
      const settings = await currentSettings(queryClient)
      const { contractVersion } = settings.settings
      const request =
        action === 'check'
          ? getHandleRequest(handle.id, contractVersion)
          : deleteHandleRequest(handle.id, contractVersion)
      const entry = await (
        await sendPath()
      ).sendAndRecord(
        {
          request,
          kind: action === 'check' ? 'get' : 'delete',
          upstream: handle.upstream,
          meta: { scid: handle.scid, xuid: handle.invitedXuid, sessionName: handle.sessionName },
        },
        settings,
      )
      const status = entry.response && !entry.proxyError ? entry.response.status : undefined
      const outcome = outcomeOf(action, status)
      // A failure says why: the answer's message, or the proxy's, or that nothing came back.
      const message =
        outcome !== 'failed'
          ? undefined
          : (entry.proxyError?.message ??
            entry.networkError ??
            answerMessage(entry.response?.body ?? '') ??
            entry.response?.statusText)
      await (
        await store()
      ).recordHandleCheck(handle.id, {
        at: entry.startedAt,
        ...(status === undefined ? {} : { status }),
        outcome,
        ...(message ? { message } : {}),
        historyId: entry.id,
      })
      return entry
    },
    meta: { records: ['handles', 'history'] },
  })
}
