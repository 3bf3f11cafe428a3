import { describe, expect, it } from 'vitest'
import { slowKeystrokes } from './keystrokes'

describe('slowKeystrokes', () => {
  const keydowns = [100, 150, 200, 250]

  it('counts a keystroke once however many of its events were slow', () => {
    const events = [
      { name: 'keydown', duration: 24, startTime: 100 },
      { name: 'keypress', duration: 24, startTime: 100.4 },
      { name: 'input', duration: 16, startTime: 101 },
      { name: 'keyup', duration: 16, startTime: 160 },
    ]
    // 100's keydown, keypress and input are one keystroke; the keyup at 160 belongs to the one at 150.
    expect(slowKeystrokes(keydowns, events, 16)).toBe(2)
  })

  it('ignores events under the threshold and events before the first keystroke', () => {
    const events = [
      { name: 'click', duration: 40, startTime: 10 },
      { name: 'keydown', duration: 8, startTime: 200 },
      { name: 'input', duration: 32, startTime: 251 },
    ]
    expect(slowKeystrokes(keydowns, events, 16)).toBe(1)
  })

  it('reports no slow keystroke when nothing reached the threshold', () => {
    expect(slowKeystrokes(keydowns, [], 16)).toBe(0)
  })
})
