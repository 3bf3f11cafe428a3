import { describe, expect, it } from 'vitest'
import { AuthConfigError, readAuthConfig } from './auth-config'

describe('readAuthConfig', () => {
  it('talks to Microsoft and Xbox Live by default, with nothing configured', () => {
    const config = readAuthConfig({})
    expect(config.endpoints).toEqual({
      deviceCodeUrl: 'https://login.microsoftonline.com/consumers/oauth2/v2.0/devicecode',
      tokenUrl: 'https://login.microsoftonline.com/consumers/oauth2/v2.0/token',
      userAuthUrl: 'https://user.auth.xboxlive.com/user/authenticate',
      xstsUrl: 'https://xsts.auth.xboxlive.com/xsts/authorize',
    })
    expect(config.xboxLiveOrigin).toBe('https://sessiondirectory.xboxlive.com')
    expect(config.clientId).toBeUndefined()
    expect(config.tokenCache).toBeUndefined()
  })

  it('accepts loopback endpoints for tests', () => {
    const config = readAuthConfig({
      WORKBENCH_MSA_AUTHORITY: 'http://127.0.0.1:4000/consumers/',
      WORKBENCH_XBL_USER_AUTH_URL: 'http://localhost:4000/user/authenticate',
      WORKBENCH_XSTS_URL: 'https://[::1]:4000/xsts/authorize',
      WORKBENCH_XBOXLIVE_ORIGIN: 'http://127.0.0.1:4000',
      WORKBENCH_MSA_CLIENT_ID: ' 00001111-aaaa-2222-bbbb-3333cccc4444 ',
    })
    expect(config.endpoints.tokenUrl).toBe('http://127.0.0.1:4000/consumers/oauth2/v2.0/token')
    expect(config.endpoints.userAuthUrl).toBe('http://localhost:4000/user/authenticate')
    expect(config.endpoints.xstsUrl).toBe('https://[::1]:4000/xsts/authorize')
    expect(config.xboxLiveOrigin).toBe('http://127.0.0.1:4000')
    expect(config.clientId).toBe('00001111-aaaa-2222-bbbb-3333cccc4444')
  })

  it.each([
    ['WORKBENCH_MSA_AUTHORITY', 'https://login.evil.example/consumers', /only loopback addresses/],
    ['WORKBENCH_MSA_AUTHORITY', 'https://login.microsoftonline.com/common', /only loopback/],
    ['WORKBENCH_XSTS_URL', 'http://10.0.0.5/xsts/authorize', /only loopback/],
    ['WORKBENCH_XSTS_URL', 'http://127.0.0.1.nip.io/xsts', /only loopback/],
    ['WORKBENCH_XBL_USER_AUTH_URL', 'http://user:pw@127.0.0.1/user', /credentials/],
    ['WORKBENCH_XBL_USER_AUTH_URL', 'file:///etc/passwd', /http\(s\) URL/],
    [
      'WORKBENCH_XBOXLIVE_ORIGIN',
      'https://sessiondirectory.xboxlive.com.evil.example',
      /only loopback/,
    ],
    ['WORKBENCH_XBOXLIVE_ORIGIN', 'http://127.0.0.1:4000/handles', /without a path/],
    ['WORKBENCH_XSTS_URL', 'not a url', /is not a URL/],
  ])('refuses %s=%s at startup, naming the variable', (name, value, message) => {
    expect(() => readAuthConfig({ [name]: value })).toThrow(AuthConfigError)
    expect(() => readAuthConfig({ [name]: value })).toThrow(message)
    expect(() => readAuthConfig({ [name]: value })).toThrow(name)
  })

  it('refuses a client id that is not an application GUID', () => {
    expect(() => readAuthConfig({ WORKBENCH_MSA_CLIENT_ID: '000000004C12AE6F' })).toThrow(
      /Application \(client\) ID/,
    )
  })

  it('refuses a token cache without a usable key, and explains how to make one', () => {
    expect(() => readAuthConfig({ WORKBENCH_TOKEN_CACHE: '/tmp/t.json' })).toThrow(
      /WORKBENCH_TOKEN_CACHE_KEY is not.*openssl rand -base64 32/,
    )
    expect(() =>
      readAuthConfig({
        WORKBENCH_TOKEN_CACHE: '/tmp/t.json',
        WORKBENCH_TOKEN_CACHE_KEY: 'hunter2',
      }),
    ).toThrow(/32 random bytes/)
    const hex = 'ab'.repeat(32)
    expect(
      readAuthConfig({ WORKBENCH_TOKEN_CACHE: '/tmp/t.json', WORKBENCH_TOKEN_CACHE_KEY: hex })
        .tokenCache?.key,
    ).toEqual(Buffer.from(hex, 'hex'))
    const b64 = Buffer.alloc(32, 7).toString('base64')
    expect(
      readAuthConfig({ WORKBENCH_TOKEN_CACHE: '/tmp/t.json', WORKBENCH_TOKEN_CACHE_KEY: b64 })
        .tokenCache?.key,
    ).toEqual(Buffer.alloc(32, 7))
  })
})
