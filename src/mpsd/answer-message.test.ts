import { describe, expect, it } from 'vitest'
import { ANSWER_MESSAGE_MAX, answerMessage } from './answer-message'

describe('answerMessage', () => {
  it('reads the message of a JSON error body, nested or not', () => {
    expect(answerMessage('{"code":401,"message":"the token has expired"}')).toBe(
      'the token has expired',
    )
    expect(answerMessage('{"error":{"code":"x","message":"no such handle"}}')).toBe(
      'no such handle',
    )
    expect(answerMessage('{"error":"invalid_grant","error_description":"expired code"}')).toBe(
      'expired code',
    )
  })

  it('reads a text body’s first line, and cuts a long one', () => {
    expect(answerMessage('Authorization must be "XBL3.0 x=<userhash>;<token>".\nmore')).toBe(
      'Authorization must be "XBL3.0 x=<userhash>;<token>".',
    )
    expect(answerMessage('x'.repeat(1000))).toHaveLength(ANSWER_MESSAGE_MAX + 1)
  })

  it('says nothing for an empty body or one without a message', () => {
    expect(answerMessage('')).toBeUndefined()
    expect(answerMessage('{"code":1}')).toBeUndefined()
  })
})
