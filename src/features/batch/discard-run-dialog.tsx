// "Discard run" asks first, with the count of who this run already invited: discarding ends the
// run where it is, and a new batch of the same list would invite those XUIDs again.
import { ConfirmDialog } from '../../components/confirm-dialog'

export type DiscardInfo = { invited: number; total: number; left: number; inList: number }

export function DiscardRunDialog({
  open,
  info,
  onConfirm,
  onCancel,
}: {
  open: boolean
  info: DiscardInfo | undefined
  onConfirm: () => void
  onCancel: () => void
}) {
  return (
    <ConfirmDialog
      open={open}
      title="Discard this run?"
      confirmLabel="Discard run"
      danger
      onConfirm={onConfirm}
      onCancel={onCancel}
    >
      {info ? (
        <>
          <p>
            {info.invited} of {info.total} already invited; discarding keeps their History entries
            and handles.
          </p>
          <p>
            {info.left === 1
              ? 'The 1 XUID left is not sent by this run.'
              : `The ${info.left} XUIDs left are not sent by this run.`}
            {info.inList > 0
              ? ` ${info.inList} of those already invited are still in the list: a new batch would invite them again.`
              : ''}
          </p>
        </>
      ) : null}
    </ConfirmDialog>
  )
}
