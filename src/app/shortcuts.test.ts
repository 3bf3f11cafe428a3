import { describe, expect, it } from 'vitest'
import { describeKeys } from './describe-keys'
import { shortcutFor, SHORTCUTS, type KeyInput } from './shortcuts'

function press(key: string, extra: Partial<KeyInput> = {}): KeyInput {
  return {
    key,
    code: /^[a-z]$/i.test(key) ? `Key${key.toUpperCase()}` : key,
    ctrlKey: false,
    metaKey: false,
    altKey: false,
    shiftKey: false,
    isComposing: false,
    keyCode: 0,
    ...extra,
  }
}

describe('shortcutFor', () => {
  it('maps Ctrl and Cmd combinations and the bare "?"', () => {
    expect(shortcutFor(press('Enter', { ctrlKey: true }))?.command).toBe('send')
    expect(shortcutFor(press('Enter', { metaKey: true }))?.command).toBe('send')
    expect(shortcutFor(press('s', { ctrlKey: true }))?.command).toBe('save-preset')
    expect(shortcutFor(press('K', { metaKey: true }))?.command).toBe('open-palette')
    expect(shortcutFor(press('?', { shiftKey: true }))?.command).toBe('show-shortcuts')
  })

  it('never fires while an input method composes', () => {
    expect(shortcutFor(press('Enter', { ctrlKey: true, isComposing: true }))).toBeUndefined()
    expect(shortcutFor(press('Process', { ctrlKey: true, keyCode: 229 }))).toBeUndefined()
    expect(shortcutFor(press('?', { keyCode: 229 }))).toBeUndefined()
  })

  it('leaves other combinations to the browser and AltGr characters to the field', () => {
    expect(shortcutFor(press('Enter'))).toBeUndefined()
    expect(shortcutFor(press('k'))).toBeUndefined()
    expect(shortcutFor(press('k', { ctrlKey: true, shiftKey: true }))).toBeUndefined()
    expect(shortcutFor(press('s', { ctrlKey: true, altKey: true }))).toBeUndefined()
    expect(shortcutFor(press('k', { ctrlKey: true, metaKey: true }))).toBeUndefined()
    expect(shortcutFor(press('l', { ctrlKey: true }))).toBeUndefined()
    expect(shortcutFor(press('?', { ctrlKey: true }))).toBeUndefined()
  })

  it('finds the letter by its physical key on a non-Latin layout', () => {
    expect(shortcutFor(press('л', { ctrlKey: true, code: 'KeyK' }))?.command).toBe('open-palette')
  })
})

describe('describeKeys', () => {
  it('writes Ctrl on Windows and Linux, ⌘ on a Mac', () => {
    const palette = SHORTCUTS.find((s) => s.command === 'open-palette')!
    expect(describeKeys(palette, false)).toBe('Ctrl+K')
    expect(describeKeys(palette, true)).toBe('⌘K')
  })
})
