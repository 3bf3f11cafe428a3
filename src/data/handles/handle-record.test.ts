import { describe, expect, it } from 'vitest'
import { readFileSync } from 'node:fs'
import { handleRecordFrom, isExpired, timeLeft } from './handle-record'

const fixture = readFileSync(
  new URL('../../testing/fixtures/xsapi-head_send-invite-response.json', import.meta.url),
  'utf8',
)
const from = { historyId: 'h1', createdAt: 1, upstream: 'simulator' }

describe('handleRecordFrom', () => {
  it('files the XSAPI invite response (with a real id in place of its mock one) as a ledger record', () => {
    const parsed = JSON.parse(fixture) as Record<string, unknown> & { expiration: string }
    const body = JSON.stringify({
      ...parsed,
      id: '0bd3a5c5-9a4e-4a79-8f5e-3b5a0a6c1d2e',
      invitedXuid: '2533274790000001',
    })
    expect(handleRecordFrom(body, from)).toMatchObject({
      id: '0bd3a5c5-9a4e-4a79-8f5e-3b5a0a6c1d2e',
      invitedXuid: '2533274790000001',
      expiration: parsed.expiration,
      historyId: 'h1',
      upstream: 'simulator',
    })
  })

  it('files nothing for the mock response, whose id is empty (Check and Revoke need a real id)', () => {
    expect(handleRecordFrom(fixture, from)).toBeUndefined()
  })

  it('files nothing for a body that is not an invite handle', () => {
    expect(handleRecordFrom('not json', from)).toBeUndefined()
    expect(handleRecordFrom('{"type":"activity"}', from)).toBeUndefined()
  })
})

describe('expiration', () => {
  const expiration = '2026-11-27T12:00:00.0000000Z'
  const at = Date.parse('2026-11-27T12:00:00Z')

  it('shows the time left, and marks a handle expired at its expiration', () => {
    expect(timeLeft({ expiration }, at - (26 * 60 + 5) * 60_000)).toBe('1 d 2 h left')
    expect(timeLeft({ expiration }, at - 90 * 60_000)).toBe('1 h 30 min left')
    expect(timeLeft({ expiration }, at - 5 * 60_000)).toBe('5 min left')
    expect(isExpired({ expiration }, at - 1)).toBe(false)
    expect(isExpired({ expiration }, at)).toBe(true)
    expect(timeLeft({ expiration }, at + 1)).toBe('expired')
  })

  it('does not call an unreadable expiration expired', () => {
    expect(isExpired({ expiration: 'soon' }, Date.now())).toBe(false)
    expect(timeLeft({ expiration: 'soon' }, Date.now())).toBe('unknown')
  })
})

describe('handleRecordFrom, any kind (issue 14)', () => {
  it('files any answer with an id: a bare id, a transfer handle, a 200 invite without expiration', () => {
    expect(handleRecordFrom('{"id":"0bd3a5c5-9a4e-4a79-8f5e-3b5a0a6c1d2e"}', from)).toMatchObject({
      id: '0bd3a5c5-9a4e-4a79-8f5e-3b5a0a6c1d2e',
      invitedXuid: '',
      expiration: '',
    })
    const transfer = JSON.parse(
      readFileSync(
        new URL('../../testing/fixtures/xsapi-head_transfer-handle-response.json', import.meta.url),
        'utf8',
      ),
    ) as Record<string, unknown>
    expect(handleRecordFrom(JSON.stringify(transfer), from)).toMatchObject({
      id: '81a3c56e-543c-44c2-ad53-c8a9088fbef8',
      type: 'transfer',
      templateName: 'MockSessionTemplateName',
      sessionName: 'XWIN_7ce12e85-594a-4b3b-9dc3-33b9a4ea57ce',
    })
    expect(
      handleRecordFrom('{"id":"a1","type":"activity","ownerXuid":"42","sessionRef":{}}', from),
    ).toMatchObject({ type: 'activity', senderXuid: '42' })
  })

  it('calls a handle without expiration neither expired nor unknown', () => {
    expect(isExpired({ expiration: '' }, Date.now())).toBe(false)
    expect(timeLeft({ expiration: '' }, Date.now())).toBe('no expiration')
  })
})
