// "Paste JSON" beside Send. The dialog and its parser load on the first click: most sessions never
// paste, and the composer's first load should not pay for them. Once opened, the dialog stays
// mounted, so closing and reopening it keeps the text that was pasted.
import { lazy, Suspense, useState } from 'react'
import type { RequestFields } from '../../mpsd/request-fields'

const PasteJsonDialog = lazy(() =>
  import('./paste-json-dialog').then((m) => ({ default: m.PasteJsonDialog })),
)

export function PasteJsonButton({ onFill }: { onFill: (fields: Partial<RequestFields>) => void }) {
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
          <PasteJsonDialog open={open} onClose={() => setOpen(false)} onFill={onFill} />
        </Suspense>
      ) : null}
    </>
  )
}
