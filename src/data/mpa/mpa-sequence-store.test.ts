// @vitest-environment jsdom
import { beforeEach, describe, expect, it } from 'vitest'
import { requestFromFields } from '../../mpsd/request-fields'
import { toWire } from '../../mpsd/to-wire'
import { lastSequence, rememberSequence } from './mpa-sequence-store'

const put = (sequenceNumber: string, now = Date.UTC(2025, 6, 1)) =>
  toWire(
    requestFromFields({
      kind: 'mpaSetActivity',
      mpaTitleId: '1234',
      mpaXuid: '42',
      sequenceNumber,
      joinRestriction: 'Public',
    }),
    { contractVersion: 107, now, lastSequence },
  )

describe('the MPA sequence number store', () => {
  beforeEach(() => localStorage.clear())

  it('keeps "auto" above a number typed ahead of the clock, for PUT and DELETE alike', () => {
    rememberSequence(put('900000000000'))
    expect(lastSequence('1234', '42')).toBe(900000000000n)
    expect(put('auto').body).toContain('"sequenceNumber":900000000001,')
    const del = toWire(
      requestFromFields({ kind: 'mpaDeleteActivity', mpaTitleId: '1234', mpaXuid: '42' }),
      { contractVersion: 107, now: Date.UTC(2025, 6, 1), lastSequence },
    )
    expect(del.body).toBe('{"sequenceNumber":900000000001}')
    rememberSequence(del)
    expect(lastSequence('1234', '42')).toBe(900000000001n)
  })

  it('never lowers the number, and keeps users and titles apart', () => {
    rememberSequence(put('500'))
    rememberSequence(put('400'))
    expect(lastSequence('1234', '42')).toBe(500n)
    expect(lastSequence('1234', '43')).toBeUndefined()
    expect(lastSequence('99', '42')).toBeUndefined()
  })
})
