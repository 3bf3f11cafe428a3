import { QueryClient } from '@tanstack/react-query'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { memoryStorage } from '../../testing/memory-storage'
import { settingsQueries } from './settings-queries'
import { DEFAULT_SETTINGS, readSettingsQuickly } from './settings-store'

const KEY = 'handles-workbench:settings'

beforeEach(() => {
  vi.stubGlobal('localStorage', memoryStorage())
})
afterEach(() => {
  vi.unstubAllGlobals()
})

describe('settings as the first render reads them (decision 140)', () => {
  it('keeps every stored setting of the right type and falls back to the default for the rest', () => {
    localStorage.setItem(
      KEY,
      JSON.stringify({
        proxyUrl: '/my-proxy',
        contractVersion: 'not a number',
        historyMaxAgeDays: 30,
        sandbox: { nested: true },
        unknown: 'dropped',
      }),
    )
    expect(readSettingsQuickly()).toEqual({
      ...DEFAULT_SETTINGS,
      proxyUrl: '/my-proxy',
      historyMaxAgeDays: 30,
    })
  })

  it('reads damaged storage as the defaults instead of failing', () => {
    localStorage.setItem(KEY, '{not json')
    expect(readSettingsQuickly()).toEqual(DEFAULT_SETTINGS)
    localStorage.setItem(KEY, '42')
    expect(readSettingsQuickly()).toEqual(DEFAULT_SETTINGS)
  })
})

describe('settingsQueries.current', () => {
  it('starts from the quick read, then holds the checked settings: a send never sees a broken rule', async () => {
    localStorage.setItem(
      KEY,
      JSON.stringify({ proxyUrl: '  /my-proxy  ', contractVersion: 10_000, actAs: 'sim:' }),
    )
    const queryClient = new QueryClient()
    // What the composer's first render gets: right types, rules not yet applied.
    const quick = await queryClient.ensureQueryData(settingsQueries.current())
    expect(quick.contractVersion).toBe(10_000)
    // What a send reads (currentSettings fetches the same query): checked, out-of-range → default.
    const checked = await queryClient.fetchQuery(settingsQueries.current())
    expect(checked.contractVersion).toBe(DEFAULT_SETTINGS.contractVersion)
    expect(checked.proxyUrl).toBe('/my-proxy')
    // Checked settings stay fresh: the next read is the cached one, with no second check.
    const key = settingsQueries.current().queryKey
    const checkedAt = queryClient.getQueryState(key)?.dataUpdatedAt
    expect(checkedAt).toBeGreaterThan(0)
    expect(await queryClient.fetchQuery(settingsQueries.current())).toEqual(checked)
    expect(queryClient.getQueryState(key)?.dataUpdatedAt).toBe(checkedAt)
  })
})
