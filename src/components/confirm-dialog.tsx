// "Are you sure?" on the platform's <dialog>: a message, the action's own button, and "Cancel".
import type { ReactNode } from 'react'
import { Dialog } from './dialog'

type ConfirmDialogProps = {
  open: boolean
  title: string
  /** The action's button, named for what it does ("Send again", "Revoke invite"), never "OK". */
  confirmLabel: string
  onConfirm: () => void
  onCancel: () => void
  /** Styles the action as destructive. */
  danger?: boolean
  children: ReactNode
}

export function ConfirmDialog({
  open,
  title,
  confirmLabel,
  onConfirm,
  onCancel,
  danger = false,
  children,
}: ConfirmDialogProps) {
  return (
    <Dialog open={open} title={title} onClose={onCancel}>
      {children}
      <div className="button-row">
        <button type="button" className={danger ? 'danger' : 'primary'} onClick={onConfirm}>
          {confirmLabel}
        </button>
        <button type="button" onClick={onCancel}>
          Cancel
        </button>
      </div>
    </Dialog>
  )
}
