// A call's outcome as a small chip: the status (or "proxy: …", "unreachable") coloured by its class.
// The colour only repeats the text, which is always there (WCAG 1.4.1).
export type ChipTone = 'ok' | 'warn' | 'error' | 'neutral'

export function toneOfStatus(status: number | undefined): ChipTone {
  if (status === undefined) return 'error'
  if (status >= 200 && status < 300) return 'ok'
  if (status >= 300 && status < 400) return 'warn'
  if (status >= 400) return 'error'
  return 'neutral'
}

export function StatusChip({ tone, children }: { tone: ChipTone; children: string }) {
  return <span className={`chip chip-${tone}`}>{children}</span>
}
