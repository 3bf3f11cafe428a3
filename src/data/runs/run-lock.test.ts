import { afterEach, describe, expect, it, vi } from 'vitest'
import { fakeLockManager } from '../../testing/fake-lock-manager'
import { dropRunLock, holdRunLock, isRunLockHeld } from './run-lock'

afterEach(() => {
  dropRunLock()
  vi.unstubAllGlobals()
})

describe('run lock', () => {
  it('is held from start to the end of the run, and only for that run', async () => {
    vi.stubGlobal('navigator', { locks: fakeLockManager() })
    holdRunLock('run-a')
    await vi.waitFor(async () => expect(await isRunLockHeld('run-a')).toBe(true))
    expect(await isRunLockHeld('run-b')).toBe(false)
    dropRunLock()
    await vi.waitFor(async () => expect(await isRunLockHeld('run-a')).toBe(false))
  })

  it('lets the next run take its own lock once the last one is let go', async () => {
    vi.stubGlobal('navigator', { locks: fakeLockManager() })
    holdRunLock('run-a')
    dropRunLock()
    holdRunLock('run-b')
    await vi.waitFor(async () => expect(await isRunLockHeld('run-b')).toBe(true))
    expect(await isRunLockHeld('run-a')).toBe(false)
  })

  it('without Web Locks (an older browser), holds nothing and reads no run as held', async () => {
    vi.stubGlobal('navigator', {})
    expect(() => holdRunLock('run-a')).not.toThrow()
    expect(await isRunLockHeld('run-a')).toBe(false)
    expect(() => dropRunLock()).not.toThrow()
  })

  it('reads no run as held when the lock manager cannot be asked', async () => {
    const locks = fakeLockManager()
    vi.stubGlobal('navigator', {
      locks: { ...locks, query: () => Promise.reject(new Error('SecurityError')) },
    })
    holdRunLock('run-a')
    expect(await isRunLockHeld('run-a')).toBe(false)
  })
})
