import { expect, test } from '@playwright/test'

test('the dashboard opens on Compose with its navigation', async ({ page }) => {
  const response = await page.goto('/')
  expect(response?.headers()['content-security-policy']).toContain("script-src 'self'")
  const nav = page.getByRole('navigation', { name: 'Main' })
  for (const name of ['Compose', 'History', 'Handles', 'Presets', 'Settings']) {
    await expect(nav.getByRole('link', { name })).toBeVisible()
  }
  await expect(page.getByLabel('SCID')).toBeVisible()
})
