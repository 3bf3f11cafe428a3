// The workspace: panes at 1400 × 900 and 800 × 900, resizable and remembered; the keyboard
// (Ctrl+Enter, not from the Batch invites' XUID list; Ctrl+S, Ctrl+K, "?"); the theme toggle; the
// sidebar opening presets and History.
import { expect, test, type Page } from '@playwright/test'
import { fillInvite, resetSimulator } from './support'

test.beforeEach(async ({ request }) => {
  // The journeys' sessions exist, as the simulator's strict rules need (decision 100).
  await resetSimulator(request)
})

async function postsReceived(page: Page): Promise<number> {
  const received = (await (await page.request.get('/sim/__requests')).json()) as {
    requests: Array<{ method: string; path: string }>
  }
  return received.requests.filter((r) => r.method === 'POST' && r.path === '/handles').length
}

async function invitesReceived(page: Page): Promise<string[]> {
  const received = (await (await page.request.get('/sim/__requests')).json()) as {
    requests: Array<{ method: string; path: string; body: string }>
  }
  return received.requests
    .filter((r) => r.method === 'POST' && r.path === '/handles')
    .map((r) => (JSON.parse(r.body) as { invitedXuid: string }).invitedXuid)
}

test('at 1400 × 900, Send, the request body and the Response are all in view without scrolling', async ({
  page,
}) => {
  await page.setViewportSize({ width: 1400, height: 900 })
  await page.goto('/')
  await fillInvite(page)
  await expect(page.getByRole('complementary', { name: 'Presets and History' })).toBeVisible()
  await expect(page.getByRole('button', { name: 'Send', exact: true })).toBeInViewport()
  await expect(page.getByLabel('Request body')).toBeInViewport()
  await expect(page.getByLabel('Request body')).toContainText('"invitedXuid": "2533274790000001"')
  await expect(page.getByRole('region', { name: 'Response' })).toBeInViewport()
  // Each pane scrolls on its own: the page itself does not.
  expect(
    await page.evaluate(() => document.documentElement.scrollHeight <= window.innerHeight + 1),
  ).toBe(true)

  await page.getByRole('button', { name: 'Send', exact: true }).click()
  const response = page.getByRole('region', { name: 'Response' })
  await expect(response.getByLabel('Status')).toHaveText('201 Created')
  await expect(response.getByLabel('Status')).toBeInViewport()
  // Batch invites and the activity tools are tabs of their own, not a scroll away.
  const sections = page.getByRole('tablist', { name: 'Request sections' })
  await sections.getByRole('tab', { name: 'Batch invites' }).click()
  await expect(page.getByLabel('Invited XUIDs')).toBeInViewport()
  await page.keyboard.press('ArrowRight')
  await expect(sections.getByRole('tab', { name: 'Activity tools' })).toHaveAttribute(
    'aria-selected',
    'true',
  )
  await expect(page.getByRole('tabpanel', { name: 'Activity tools' })).toBeInViewport()
})

test('under 900 px the panes stack into Request and Response tabs; a Send brings the Response forward', async ({
  page,
}) => {
  await page.setViewportSize({ width: 800, height: 900 })
  await page.goto('/')
  const panes = page.getByRole('tablist', { name: 'Panes' })
  await expect(panes.getByRole('tab', { name: 'Request' })).toHaveAttribute('aria-selected', 'true')
  await expect(page.getByRole('region', { name: 'Response' })).toBeHidden()
  await expect(page.getByRole('complementary', { name: 'Presets and History' })).toHaveCount(0)
  await panes.getByRole('tab', { name: 'Response' }).click()
  await expect(page.getByRole('region', { name: 'Response' })).toBeVisible()
  await page.keyboard.press('ArrowLeft')
  await expect(panes.getByRole('tab', { name: 'Request' })).toBeFocused()
  await expect(page.getByRole('region', { name: 'Response' })).toBeHidden()

  await fillInvite(page)
  await page.getByRole('button', { name: 'Send', exact: true }).click()
  await expect(panes.getByRole('tab', { name: 'Response' })).toHaveAttribute(
    'aria-selected',
    'true',
  )
  await expect(page.getByRole('region', { name: 'Response' }).getByLabel('Status')).toHaveText(
    '201 Created',
  )
})

test('pane widths are set with the splitters (keys or mouse) and kept across a reload', async ({
  page,
}) => {
  await page.setViewportSize({ width: 1400, height: 900 })
  await page.goto('/')
  const responseSplitter = page.getByRole('separator', { name: 'Resize the Response' })
  const start = Number(await responseSplitter.getAttribute('aria-valuenow'))
  const region = page.getByRole('region', { name: 'Response' })
  const before = (await region.boundingBox())?.width ?? 0
  await responseSplitter.focus()
  await page.keyboard.press('ArrowLeft')
  await page.keyboard.press('ArrowLeft')
  await expect(responseSplitter).toHaveAttribute('aria-valuenow', String(start + 32))
  await expect.poll(async () => (await region.boundingBox())?.width ?? 0).toBeGreaterThan(before)

  const sidebarSplitter = page.getByRole('separator', { name: 'Resize the sidebar' })
  const sidebarStart = Number(await sidebarSplitter.getAttribute('aria-valuenow'))
  const box = await sidebarSplitter.boundingBox()
  if (!box) throw new Error('the sidebar splitter has no box')
  await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2)
  await page.mouse.down()
  await page.mouse.move(box.x + box.width / 2 + 60, box.y + box.height / 2, { steps: 4 })
  await page.mouse.up()
  await expect(sidebarSplitter).toHaveAttribute('aria-valuenow', String(sidebarStart + 60))

  await page.reload()
  await expect(page.getByRole('separator', { name: 'Resize the Response' })).toHaveAttribute(
    'aria-valuenow',
    String(start + 32),
  )
  await expect(page.getByRole('separator', { name: 'Resize the sidebar' })).toHaveAttribute(
    'aria-valuenow',
    String(sidebarStart + 60),
  )
})

test('Ctrl+Enter sends from a field, never while an input method composes', async ({ page }) => {
  await page.goto('/')
  await fillInvite(page)
  // Ctrl+Enter sends what Send would: once the request is sendable (its checks have run).
  await expect(page.getByRole('button', { name: 'Send', exact: true })).toBeEnabled()
  const title = page.getByLabel('Title ID')
  // An IME's Enter to pick a candidate: keydown with isComposing (keyCode 229), not a send.
  await title.evaluate((input) =>
    input.dispatchEvent(
      new KeyboardEvent('keydown', {
        key: 'Enter',
        ctrlKey: true,
        isComposing: true,
        keyCode: 229,
        bubbles: true,
      }),
    ),
  )
  await title.press('Control+Enter')
  const response = page.getByRole('region', { name: 'Response' })
  await expect(response.getByLabel('Status')).toHaveText('201 Created')
  expect(await postsReceived(page)).toBe(1)
})

test('Ctrl+Enter in the Batch invites’ XUID list sends nothing; back in the fields it sends the invite', async ({
  page,
}) => {
  await page.goto('/')
  await fillInvite(page, { invitedXuid: '2533274790000002' })
  await expect(page.getByRole('button', { name: 'Send', exact: true })).toBeEnabled()
  await page.getByRole('tab', { name: 'Batch invites' }).click()
  const xuids = page.getByLabel('Invited XUIDs', { exact: true })
  await xuids.fill('2533274790000003')
  // The XUIDs are the batch's: neither the composed invite (…0002) nor the batch (…0003) goes out.
  await xuids.press('Control+Enter')

  await page.getByRole('tab', { name: 'Fields' }).click()
  const invited = page.getByLabel('Invited XUID', { exact: true })
  await invited.fill('2533274790000001')
  await invited.press('Control+Enter')
  await expect(page.getByRole('region', { name: 'Response' }).getByLabel('Status')).toHaveText(
    '201 Created',
  )
  // Only the second press sent: had the first sent, its invite (or a pending Send that swallowed
  // the second press) would be here.
  await expect.poll(() => invitesReceived(page)).toEqual(['2533274790000001'])
})

test('Ctrl+K opens the palette, which jumps to History; Ctrl+S opens Save preset; "?" lists the shortcuts', async ({
  page,
}) => {
  await page.goto('/')
  await fillInvite(page)
  await expect(page.getByRole('button', { name: 'Send', exact: true })).toBeEnabled()
  await page.getByLabel('Session name').press('Control+Enter')
  await expect(page.getByRole('region', { name: 'Response' }).getByLabel('Status')).toHaveText(
    '201 Created',
  )

  await page.getByLabel('Session name').press('Control+s')
  const save = page.getByRole('dialog', { name: 'Save preset' })
  await expect(save).toBeVisible()
  await save.getByLabel('Preset name').fill('Ctrl S preset')
  await save.getByRole('button', { name: 'Save' }).click()
  await expect(page.getByText('Saved preset “Ctrl S preset”.')).toBeVisible()

  // "?" in a field is a character, not the shortcut list.
  await page.getByLabel('Session name').press('?')
  await expect(page.getByLabel('Session name')).toHaveValue(/\?/)
  await expect(page.getByRole('dialog', { name: 'Keyboard shortcuts' })).toBeHidden()
  await page.getByLabel('Session name').fill('session-49')

  await page.keyboard.press('Control+k')
  const palette = page.getByRole('dialog', { name: 'Command palette' })
  await expect(palette).toBeVisible()
  const search = palette.getByRole('combobox', { name: 'Go to or run' })
  await expect(search).toBeFocused()
  await search.fill('history')
  await expect(palette.getByRole('option', { name: 'History' }).first()).toBeVisible()
  await search.press('Enter')
  await expect(page).toHaveURL(/\/history$/)
  await expect(page.getByRole('heading', { name: 'History', level: 2 })).toBeVisible()

  // The palette finds a preset and opens it in Compose.
  await page.keyboard.press('Control+k')
  await search.fill('Ctrl S')
  await expect(palette.getByRole('option', { name: /Ctrl S preset/ })).toBeVisible()
  await search.press('ArrowDown')
  await expect(search).toHaveAttribute(
    'aria-activedescendant',
    (await palette.getByRole('option', { name: /Ctrl S preset/ }).getAttribute('id')) ?? '',
  )
  await search.press('Enter')
  await expect(page.getByText('Opened from preset “Ctrl S preset” as a new draft.')).toBeVisible()

  await page.locator('body').press('?')
  const help = page.getByRole('dialog', { name: 'Keyboard shortcuts' })
  await expect(help).toBeVisible()
  for (const keys of ['Ctrl+Enter', 'Ctrl+S', 'Ctrl+K', '?'])
    await expect(help.getByRole('cell', { name: keys, exact: true })).toBeVisible()
  await page.keyboard.press('Escape')
  await expect(help).toBeHidden()
})

test('the sidebar searches presets and recent History, and a click opens the item in Compose', async ({
  page,
}) => {
  await page.setViewportSize({ width: 1400, height: 900 })
  await page.goto('/')
  await fillInvite(page, { sessionName: 'sidebar-session' })
  await page.getByRole('button', { name: 'Send', exact: true }).click()
  await expect(page.getByRole('region', { name: 'Response' }).getByLabel('Status')).toHaveText(
    '201 Created',
  )
  await page.getByRole('button', { name: 'Save preset' }).click()
  await page.getByLabel('Preset name').fill('Sidebar preset')
  await page.getByRole('button', { name: 'Save', exact: true }).click()

  const sidebar = page.getByRole('complementary', { name: 'Presets and History' })
  const recent = sidebar.getByRole('list', { name: 'Recent History' })
  await expect(recent.getByRole('button', { name: /201 invite sidebar-session/ })).toBeVisible()
  await expect(sidebar.getByRole('button', { name: /Sidebar preset/ })).toBeVisible()

  await sidebar.getByLabel('Search presets and History').fill('no-such-thing')
  await expect(sidebar.getByText('No preset matches.')).toBeVisible()
  await expect(sidebar.getByText('No entry matches.')).toBeVisible()
  await sidebar.getByLabel('Search presets and History').fill('sidebar')

  await page.getByLabel('Session name').fill('changed-after')
  await recent.getByRole('button', { name: /201 invite sidebar-session/ }).click()
  await expect(page.getByText(/Opened from History entry of .* as a new draft\./)).toBeVisible()
  await expect(page.getByLabel('Session name')).toHaveValue('sidebar-session')
  await sidebar.getByRole('button', { name: /Sidebar preset/ }).click()
  await expect(page.getByText('Opened from preset “Sidebar preset” as a new draft.')).toBeVisible()
})

test('the theme follows the system until chosen, and the choice survives a reload', async ({
  page,
}) => {
  await page.emulateMedia({ colorScheme: 'dark' })
  await page.goto('/')
  const html = page.locator('html')
  await expect(html).toHaveAttribute('data-theme', 'dark')
  await page.emulateMedia({ colorScheme: 'light' })
  await expect(html).toHaveAttribute('data-theme', 'light')

  await page.getByLabel('Theme').selectOption({ label: 'Dark' })
  await expect(html).toHaveAttribute('data-theme', 'dark')
  const background = () =>
    page.evaluate(() => getComputedStyle(document.documentElement).backgroundColor)
  await expect.poll(background).toBe('rgb(13, 17, 23)')

  await page.reload()
  // Set before the first paint by the classic script in <head>, not after React starts.
  expect(
    await page.evaluate(() => document.documentElement.dataset.theme),
    'the theme attribute at load',
  ).toBe('dark')
  await expect(page.getByLabel('Theme')).toHaveValue('dark')
  expect(await background()).toBe('rgb(13, 17, 23)')

  await page.getByLabel('Theme').selectOption({ label: 'System' })
  await expect(html).toHaveAttribute('data-theme', 'light')
})

test('README screenshots of the workspace, light and dark', async ({ page }) => {
  test.skip(!process.env.WORKBENCH_SCREENSHOTS, 'WORKBENCH_SCREENSHOTS=1 writes docs/screenshots')
  await page.setViewportSize({ width: 1400, height: 900 })
  await page.goto('/')
  await fillInvite(page)
  await page.getByLabel('Context', { exact: true }).fill('join-code-4711')
  await page.getByRole('button', { name: 'Send', exact: true }).click()
  await expect(page.getByRole('region', { name: 'Response' }).getByLabel('Status')).toHaveText(
    '201 Created',
  )
  await page.getByRole('button', { name: 'Save preset' }).click()
  await page.getByLabel('Preset name').fill('Deathmatch invite')
  await page.getByRole('button', { name: 'Save', exact: true }).click()
  await expect(page.getByRole('list', { name: 'Presets' })).toContainText('Deathmatch invite')
  await expect(page.getByRole('list', { name: 'Recent History' })).toContainText('201')
  for (const theme of ['light', 'dark'] as const) {
    await page.getByLabel('Theme').selectOption({ label: theme === 'dark' ? 'Dark' : 'Light' })
    await expect(page.locator('html')).toHaveAttribute('data-theme', theme)
    await page.screenshot({ path: `docs/screenshots/workspace-${theme}.png` })
  }
})
