// "Import HAR": reads a HAR file (the Workbench's export or a browser's devtools capture) as trace
// calls, in the browser; nothing is stored. A file that cannot be read says why, at the button.
import { useRef, useState } from 'react'
import { harCalls } from '../../mpsd/trace-rules/har-calls'
import type { TraceCall } from '../../mpsd/trace-rules/trace-call'
import type { HarSkip } from '../../mpsd/trace-rules/har-calls'
import { HAR_MAX_BYTES } from '../../data/history/har'
import { readTextFile } from '../../lib/read-text-file'
import { Alert } from '../../components/alert'

export type LoadedHar = { name: string; entryCount: number; calls: TraceCall[]; skipped: HarSkip[] }

export function HarImport({ onLoad }: { onLoad: (har: LoadedHar) => void }) {
  const input = useRef<HTMLInputElement>(null)
  const [error, setError] = useState<string | undefined>()
  return (
    <>
      <button type="button" onClick={() => input.current?.click()}>
        Import HAR
      </button>
      <input
        ref={input}
        type="file"
        accept=".har,application/json"
        aria-label="HAR file to analyse"
        className="visually-hidden"
        onChange={async (event) => {
          const file = event.target.files?.[0]
          event.target.value = ''
          if (!file) return
          const loaded = await readTextFile(file, HAR_MAX_BYTES)
          if (!loaded.ok) {
            setError(loaded.error)
            return
          }
          const read = harCalls(loaded.text, { console: file.name })
          if (!read.ok) {
            setError(`${file.name}: ${read.error}.`)
            return
          }
          setError(undefined)
          onLoad({
            name: file.name,
            entryCount: read.entryCount,
            calls: read.calls,
            skipped: read.skipped,
          })
        }}
      />
      {error ? <Alert>{error}</Alert> : null}
    </>
  )
}
