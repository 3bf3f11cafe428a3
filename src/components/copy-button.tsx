import { useState } from 'react'

type CopyButtonProps = { label: string; text: () => string | Promise<string>; className?: string }

/**
 * Copies text to the clipboard and says so in a live region. When the browser refuses clipboard
 * access, the text is shown selected in a read-only box instead, so it can still be copied by hand.
 */
export function CopyButton({ label, text, className }: CopyButtonProps) {
  const [message, setMessage] = useState('')
  const [fallback, setFallback] = useState<string | undefined>()
  async function copy() {
    let value: string
    try {
      value = await text()
    } catch (error) {
      setMessage(`${label}: ${error instanceof Error ? error.message : String(error)}`)
      return
    }
    try {
      await navigator.clipboard.writeText(value)
      setFallback(undefined)
      setMessage(`${label}: copied`)
    } catch {
      setFallback(value)
      setMessage(
        `${label}: the browser refused clipboard access; the text is selected below to copy by hand`,
      )
    }
  }
  return (
    <>
      <button type="button" className={className} onClick={() => void copy()}>
        {label}
      </button>
      <span role="status" className="visually-hidden">
        {message}
      </span>
      {fallback !== undefined ? (
        <textarea
          aria-label={`${label} (copy by hand)`}
          className="copy-fallback mono"
          readOnly
          rows={6}
          value={fallback}
          ref={(element) => element?.select()}
        />
      ) : null}
    </>
  )
}
