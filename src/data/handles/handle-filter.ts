// The Handles view's search and state filter, over the ledger's records.
import { isExpired, type HandleRecord } from './handle-record'

/** What a handle is now, as far as the ledger knows. */
export type HandleState = 'active' | 'expired' | 'revoked' | 'gone'

export const HANDLE_STATES: ReadonlyArray<{ value: HandleState; label: string }> = [
  { value: 'active', label: 'Active' },
  { value: 'expired', label: 'Expired' },
  { value: 'revoked', label: 'Revoked' },
  { value: 'gone', label: 'Gone (404 on check)' },
]

export function handleState(handle: HandleRecord, now: number): HandleState {
  if (handle.revokedAt !== undefined) return 'revoked'
  if (handle.lastCheck?.outcome === 'not-found') return 'gone'
  return isExpired(handle, now) ? 'expired' : 'active'
}

export type HandleFilter = { text: string; state: HandleState | '' }

/** Text matches the id, either XUID, the SCID, template, session or title, case-insensitively. */
export function filterHandles(
  handles: readonly HandleRecord[],
  filter: HandleFilter,
  now: number,
): HandleRecord[] {
  const needle = filter.text.trim().toLowerCase()
  return handles.filter((handle) => {
    if (filter.state && handleState(handle, now) !== filter.state) return false
    if (!needle) return true
    return [
      handle.id,
      handle.invitedXuid,
      handle.senderXuid,
      handle.scid,
      handle.templateName,
      handle.sessionName,
      handle.titleId,
    ].some((value) => value.toLowerCase().includes(needle))
  })
}
