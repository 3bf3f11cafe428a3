import { useState } from 'react'

type CopyButtonProps = { label: string; text: () => string | Promise<string>; className?: string }

/** Copies text to the clipboard and says so in a live region. */
export function CopyButton({ label, text, className }: CopyButtonProps) {
  const [message, setMessage] = useState('')
  async function copy() {
    try {
      await navigator.clipboard.writeText(await text())
      setMessage(`${label}: copied`)
    } catch {
      setMessage(`${label}: the browser refused clipboard access`)
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
    </>
  )
}
