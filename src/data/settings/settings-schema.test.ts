import { describe, expect, it } from 'vitest'
import { settingsSchema } from './settings-schema'

describe('settingsSchema', () => {
  it('a stored contract version above 9999 falls back to 107 and keeps the other settings', () => {
    const read = settingsSchema().parse({ contractVersion: 10_000, proxyUrl: '/my-proxy' })
    expect(read.contractVersion).toBe(107)
    expect(read.proxyUrl).toBe('/my-proxy')
    expect(settingsSchema().parse({ contractVersion: 9999 }).contractVersion).toBe(9999)
  })
})
