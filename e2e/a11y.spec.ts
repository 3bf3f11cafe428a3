// Zero serious or critical axe-core violations on every view, in the light and the dark theme,
// both as the system's preference (prefers-color-scheme) and as chosen with the Theme menu.
import { expect, test, type Page } from '@playwright/test'
import { seriousViolations } from './axe-check'
import { fillInvite, resetSimulator } from './support'

const VIEWS = [
  { path: '/', heading: 'Compose' },
  { path: '/history', heading: 'History' },
  { path: '/analysis', heading: 'Analysis' },
  { path: '/handles', heading: 'Handles' },
  { path: '/inbox', heading: /^Inbox/ },
  { path: '/presets', heading: 'Presets' },
  { path: '/settings', heading: 'Settings' },
] as const

test.beforeEach(async ({ request }) => {
  // The journeys' sessions exist, as the simulator's strict rules need (decision 100).
  await resetSimulator(request)
})

async function checkEveryView(page: Page, theme: 'light' | 'dark') {
  for (const view of VIEWS) {
    await page.goto(view.path)
    await expect(page.locator('html')).toHaveAttribute('data-theme', theme)
    await expect(page.getByRole('heading', { name: view.heading, level: 2 }).first()).toBeVisible()
    // The parts that arrive after the first paint (Act as, the Response pane, the sidebar).
    await expect(page.getByLabel('Act as')).toBeVisible()
    expect(await seriousViolations(page), `${view.path} in the ${theme} theme`).toEqual([])
  }
}

for (const theme of ['light', 'dark'] as const) {
  test(`every view has no serious or critical axe violation, ${theme} system theme`, async ({
    page,
  }) => {
    await page.emulateMedia({ colorScheme: theme })
    await checkEveryView(page, theme)
  })

  test(`Compose with an answer, its tabs, the palette and the shortcut list, ${theme} theme chosen with the toggle`, async ({
    page,
  }) => {
    // The system says the opposite: the Theme menu's choice wins, and is what is checked.
    await page.emulateMedia({ colorScheme: theme === 'dark' ? 'light' : 'dark' })
    await page.goto('/')
    await page.getByLabel('Theme').selectOption({ label: theme === 'dark' ? 'Dark' : 'Light' })
    await expect(page.locator('html')).toHaveAttribute('data-theme', theme)
    await fillInvite(page)
    await page.getByRole('button', { name: 'Send', exact: true }).click()
    const response = page.getByRole('region', { name: 'Response' })
    await expect(response.getByLabel('Status')).toHaveText('201 Created')
    expect(await seriousViolations(page), 'Compose with an answer').toEqual([])

    for (const tab of ['Headers', 'Snippets']) {
      await page.getByRole('tab', { name: tab }).click()
      await expect(page.getByRole('tab', { name: tab })).toHaveAttribute('aria-selected', 'true')
    }
    await expect(page.getByLabel('Request headers')).toBeAttached()
    expect(await seriousViolations(page), 'Headers and Snippets tabs').toEqual([])
    for (const tab of ['Batch invites', 'Activity tools']) {
      await page.getByRole('tab', { name: tab }).click()
      await expect(page.getByRole('tabpanel', { name: tab })).toBeVisible()
      expect(await seriousViolations(page), `${tab} tab`).toEqual([])
    }

    await page.keyboard.press('Control+K')
    await expect(page.getByRole('dialog', { name: 'Command palette' })).toBeVisible()
    await expect(
      page.getByRole('dialog', { name: 'Command palette' }).getByRole('option').first(),
    ).toBeVisible()
    expect(await seriousViolations(page), 'command palette').toEqual([])
    await page.keyboard.press('Escape')
    await page.locator('body').press('?')
    await expect(page.getByRole('dialog', { name: 'Keyboard shortcuts' })).toBeVisible()
    expect(await seriousViolations(page), 'shortcut list').toEqual([])
    await page.keyboard.press('Escape')

    await checkEveryView(page, theme)

    // Stacked panes under 900 px.
    await page.setViewportSize({ width: 800, height: 900 })
    await page.goto('/')
    await expect(page.getByRole('tab', { name: 'Response' })).toBeVisible()
    expect(await seriousViolations(page), 'Compose at 800 px').toEqual([])
  })
}
