// A pane splitter (WAI-ARIA "window splitter"): a focusable role="separator" whose value is the
// controlled pane's width in pixels. Drag it, or focus it and use Left/Right (Shift: larger steps),
// Home/End for the narrowest and widest. Hand-written: a library would cost first-load bytes.
import type { KeyboardEvent, PointerEvent } from 'react'
import { clampWidth } from '../lib/ui-prefs'

type SplitterProps = {
  /** Accessible name, e.g. "Resize the sidebar". */
  label: string
  /** The id of the pane whose width this sets. */
  controls: string
  value: number
  min: number
  max: number
  /** +1 when moving the splitter right widens the pane (a pane on its left), -1 otherwise. */
  direction: 1 | -1
  onChange: (width: number) => void
  /** Called when a drag or a key press ends, to remember the width. */
  onCommit: (width: number) => void
}

const STEP = 16
const BIG_STEP = 64

export function Splitter({
  label,
  controls,
  value,
  min,
  max,
  direction,
  onChange,
  onCommit,
}: SplitterProps) {
  function set(next: number) {
    const width = clampWidth(next, min, max)
    onChange(width)
    onCommit(width)
  }

  function onKeyDown(event: KeyboardEvent<HTMLDivElement>) {
    const step = event.shiftKey ? BIG_STEP : STEP
    if (event.key === 'ArrowRight') set(value + direction * step)
    else if (event.key === 'ArrowLeft') set(value - direction * step)
    else if (event.key === 'Home') set(min)
    else if (event.key === 'End') set(max)
    else return
    event.preventDefault()
  }

  function onPointerDown(event: PointerEvent<HTMLDivElement>) {
    if (event.button !== 0) return
    event.preventDefault()
    const handle = event.currentTarget
    handle.setPointerCapture(event.pointerId)
    const startX = event.clientX
    const start = value
    let latest = value
    const onMove = (move: globalThis.PointerEvent) => {
      latest = clampWidth(start + direction * (move.clientX - startX), min, max)
      onChange(latest)
    }
    const onUp = () => {
      handle.removeEventListener('pointermove', onMove)
      handle.removeEventListener('pointerup', onUp)
      handle.removeEventListener('pointercancel', onUp)
      onCommit(latest)
    }
    handle.addEventListener('pointermove', onMove)
    handle.addEventListener('pointerup', onUp)
    handle.addEventListener('pointercancel', onUp)
  }

  return (
    <div
      role="separator"
      aria-label={label}
      aria-controls={controls}
      aria-orientation="vertical"
      aria-valuenow={value}
      aria-valuemin={min}
      aria-valuemax={max}
      aria-valuetext={`${value} pixels`}
      tabIndex={0}
      className="splitter"
      onKeyDown={onKeyDown}
      onPointerDown={onPointerDown}
    />
  )
}
