import { describe, expect, it } from 'vitest'
import { REDACTED, redactSecrets, redactText, secretsOfAuthorization } from './redact'

const AUTH = 'XBL3.0 x=1234567890;eyJhbGciOiJSUzI1NiJ9.secret-payload_abc'
const TOKEN = 'eyJhbGciOiJSUzI1NiJ9.secret-payload_abc'
const secrets = secretsOfAuthorization(AUTH)

describe('redactText', () => {
  it('removes a known token as typed, URL-encoded (once or twice, either hex case), form-encoded or JSON-escaped', () => {
    const forms = [
      AUTH,
      TOKEN,
      encodeURIComponent(AUTH),
      encodeURIComponent(encodeURIComponent(AUTH)),
      encodeURIComponent(AUTH).replace(/%[0-9A-F]{2}/g, (m) => m.toLowerCase()),
      encodeURIComponent(AUTH).replace(/%20/g, '+'),
      [...TOKEN].map((ch) => `%${ch.charCodeAt(0).toString(16).toUpperCase()}`).join(''),
      JSON.stringify(TOKEN).slice(1, -1),
    ]
    for (const form of forms) {
      const out = redactText(`proxy GET /handles/${form}?x=1 -> simulator 404`, secrets)
      expect(out, form).toBe(`proxy GET /handles/${REDACTED}?x=1 -> simulator 404`)
    }
  })

  it('redacts an XBL3.0 value it was not told about, whole, even with a comma, quote-free text or encoding after the token', () => {
    for (const line of [
      'Authorization: XBL3.0 x=hash;tok,REST-OF-SECRET',
      'auth XBL3.0 x=hash;tok,REST-OF-SECRET and more',
      `path /x/${encodeURIComponent('XBL3.0 x=hash;tok,REST-OF-SECRET')}`,
      'q=XBL3.0+x%3Dhash%3Btok%2CREST-OF-SECRET',
      '{"authorization":"Bearer tok.REST-OF-SECRET, other"}',
      'proxy-authorization=tok REST-OF-SECRET',
    ]) {
      const out = redactText(line)
      expect(out, line).not.toContain('REST-OF-SECRET')
      expect(out, line).toContain(REDACTED)
    }
  })

  it('leaves text without secrets, and placeholders, as they are', () => {
    const line = 'proxy POST /handles -> simulator 201 3.1ms XBL3.0 x=<userhash>;<token>'
    expect(redactText(line, secrets)).toBe(line)
  })
})

describe('redactSecrets (the browser’s structured redaction)', () => {
  it('still replaces only known secrets of at least MIN_SECRET_LENGTH, and now their encoded forms too', () => {
    const { value, redactedPaths } = redactSecrets(
      {
        senderString: `hi ${TOKEN}`,
        context: encodeURIComponent(AUTH),
        other: 'XBL3.0 x=1;short',
        keep: 'plain text',
      },
      [...secrets, 'short'],
    )
    expect(value).toEqual({
      senderString: `hi ${REDACTED}`,
      context: REDACTED,
      other: 'XBL3.0 x=1;short',
      keep: 'plain text',
    })
    expect(redactedPaths).toEqual(['senderString', 'context'])
  })
})
