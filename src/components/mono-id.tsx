// An identifier (handle id, XUID, SCID) in monospace with a copy button named after what it is.
import { CopyButton } from './copy-button'

export function MonoId({ value, name }: { value: string; name: string }) {
  return (
    <span className="mono-id">
      <code>{value}</code>
      <CopyButton label={`Copy ${name}`} text={() => value} className="small" />
    </span>
  )
}
