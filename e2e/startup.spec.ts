// The first load carries no settings rules (decision 140): the composer starts from a quick read
// of the stored settings and the rules check them a moment later. A user whose stored settings
// are damaged or come from an older build still gets the composer at once, and what is sent
// follows the checked settings, never the raw ones.
import { expect, test } from '@playwright/test'

const SETTINGS_KEY = 'handles-workbench:settings'

test('damaged stored settings: the composer opens at once and sends by the checked settings', async ({
  page,
}) => {
  await page.goto('/')
  await page.evaluate((key) => {
    localStorage.clear()
    localStorage.setItem(
      key,
      JSON.stringify({
        // Out of range (an older build allowed it): the rules fall back to 107.
        contractVersion: 10_000,
        // Wrong types: the quick read keeps the defaults, so nothing crashes.
        historyMaxAgeDays: 'ninety',
        activeEnvironmentId: 5,
        proxyUrl: '/proxy',
      }),
    )
  }, SETTINGS_KEY)
  await page.reload()

  // The composer and, after its first render, the top bar's tools.
  await expect(page.getByLabel('SCID', { exact: true })).toBeEnabled()
  await expect(page.getByLabel('Act as')).toBeVisible()
  await expect(page.getByLabel('Environment', { exact: true })).toBeVisible()

  await page.getByRole('radio', { name: 'Invite' }).check()
  await page.getByLabel('SCID', { exact: true }).fill('bd6c41c3-01c3-468a-a3b5-3e0fe8133862')
  await page.getByLabel('Template name').fill('deathmatch')
  await page.getByLabel('Session name').fill('session-startup')
  await page.getByLabel('Invited XUID').fill('2814679796296491')
  await page.getByLabel('Title ID').fill('1234')
  await page.getByRole('tab', { name: 'Headers', exact: true }).click()
  await expect(page.getByLabel('Request headers')).toContainText('x-xbl-contract-version: 107')
  await expect(page.getByLabel('Request headers')).not.toContainText('10000')

  // Settings shows the checked values; a change (applied as typed) stores checked settings only.
  await page.getByRole('link', { name: 'Settings' }).click()
  await expect(page.getByLabel('Contract version')).toHaveValue('107')
  await page.getByLabel('Contract version').fill('106')
  const stored = () =>
    page.evaluate((key) => JSON.parse(localStorage.getItem(key) ?? '{}') as unknown, SETTINGS_KEY)
  await expect
    .poll(stored)
    .toMatchObject({ contractVersion: 106, historyMaxAgeDays: 90, activeEnvironmentId: '' })
})
