import { describe, expect, it, vi } from 'vitest'
import { hasCommand, registerCommand, runCommand } from './commands'

describe('commands', () => {
  it('runs the registered handler and reports when none is there', () => {
    const send = vi.fn()
    const unregister = registerCommand('send', send)
    expect(runCommand('send')).toBe(true)
    expect(send).toHaveBeenCalledOnce()
    unregister()
    expect(hasCommand('send')).toBe(false)
    expect(runCommand('send')).toBe(false)
  })

  it('an older registration going away leaves the newer one in place', () => {
    const first = vi.fn()
    const second = vi.fn()
    const unregisterFirst = registerCommand('save-preset', first)
    const unregisterSecond = registerCommand('save-preset', second)
    unregisterFirst()
    expect(runCommand('save-preset')).toBe(true)
    expect(second).toHaveBeenCalledOnce()
    expect(first).not.toHaveBeenCalled()
    unregisterSecond()
  })
})
