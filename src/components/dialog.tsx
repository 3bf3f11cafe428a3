import { useEffect, useId, useRef, type ReactNode } from 'react'

type DialogProps = {
  open: boolean
  title: string
  onClose: () => void
  children: ReactNode
  /** 'wide' for content that needs the room (Compare's two columns). */
  size?: 'normal' | 'wide'
}

/**
 * Chromium gives focus back to the field that had it when the dialog opened (Ctrl/Cmd+S from a
 * field) but leaves the text selection in the closed dialog, so typing goes nowhere until a
 * click. Setting the field's own selection again puts the caret back where it was.
 */
function restoreCaret(): void {
  const field = document.activeElement
  if (!(field instanceof HTMLInputElement || field instanceof HTMLTextAreaElement)) return
  try {
    field.setSelectionRange(field.selectionStart, field.selectionEnd)
  } catch {
    // Inputs without a text selection (number, email…) throw; they need nothing here.
  }
}

/** The platform's modal <dialog>: focus trapping, Escape and the backdrop come for free. */
export function Dialog({ open, title, onClose, children, size = 'normal' }: DialogProps) {
  const ref = useRef<HTMLDialogElement>(null)
  const titleId = useId()
  useEffect(() => {
    const dialog = ref.current
    if (!dialog) return
    if (open && !dialog.open) {
      // jsdom has no showModal; fall back to the open attribute there.
      if (typeof dialog.showModal === 'function') dialog.showModal()
      else dialog.setAttribute('open', '')
    } else if (!open && dialog.open) {
      if (typeof dialog.close === 'function') dialog.close()
      else dialog.removeAttribute('open')
    }
  }, [open])
  return (
    <dialog
      ref={ref}
      aria-labelledby={titleId}
      className={size === 'wide' ? 'dialog-wide' : undefined}
      onClose={() => {
        restoreCaret()
        onClose()
      }}
      onCancel={(event) => {
        event.preventDefault()
        onClose()
      }}
    >
      <h2 id={titleId}>{title}</h2>
      {open ? children : null}
    </dialog>
  )
}
