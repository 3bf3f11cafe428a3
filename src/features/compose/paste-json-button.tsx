// "Paste JSON" beside Send. The dialog and its parser load on the first click: most sessions never
// paste, and the composer's first load should not pay for them. Once opened, the dialog stays
// mounted, so closing and reopening it keeps the text that was pasted.
import { lazy, Suspense, useState } from 'react'
import type { RequestFields } from '../../mpsd/request-fields'

const PasteJsonDialog = lazy(() =>
  import('./paste-json-dialog').then((m) => ({ default: m.PasteJsonDialog })),
)

type PasteJsonButtonProps = {
  current: () => RequestFields
  onFill: (fields: Partial<RequestFields>) => void
}

export function PasteJsonButton({ current, onFill }: PasteJsonButtonProps) {
  const [open, setOpen] = useState(false)
  const [opened, setOpened] = useState(false)
  return (
    <>
      <button
        type="button"
        onClick={() => {
          setOpened(true)
          setOpen(true)
        }}
      >
        Paste JSON
      </button>
      {opened ? (
        <Suspense fallback={null}>
          <PasteJsonDialog
            open={open}
            onClose={() => setOpen(false)}
            current={current}
            onFill={onFill}
          />
        </Suspense>
      ) : null}
    </>
  )
}
