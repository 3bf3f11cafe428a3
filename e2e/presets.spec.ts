import { readFile, rm } from 'node:fs/promises'
import { resolve } from 'node:path'
import { expect, test, type Page } from '@playwright/test'
import { fillInvite, resetSimulator, setToken } from './support'

const TOKEN = 'XBL3.0 x=2814679796296491;e2e-preset-secret-token'
// The folder playwright.config.ts hands the server; every file a test writes there is removed.
const TEAM_DIR = resolve(process.env.WORKBENCH_PRESETS_DIR ?? 'test-results/e2e-presets')

test.use({ permissions: ['clipboard-read', 'clipboard-write'] })

async function savePreset(page: Page, name: string) {
  await page.getByRole('button', { name: 'Save preset' }).click()
  const dialog = page.getByRole('dialog', { name: 'Save preset' })
  await dialog.getByLabel('Preset name').fill(name)
  await dialog.getByLabel('Description').fill('Invites one friend to deathmatch')
  await dialog.getByLabel('Tags').fill('weekly, smoke')
  await dialog.getByRole('button', { name: 'Save', exact: true }).click()
  await expect(page.getByText(`Saved preset “${name}”.`)).toBeVisible()
}

test.beforeEach(async ({ page, request }) => {
  await resetSimulator(request)
  await page.goto('/')
  await page.evaluate(() => localStorage.clear())
  await page.reload()
})

test('a preset shared by link opens in a fresh browser, asks before saving, and sends', async ({
  page,
  browser,
  request,
}) => {
  await setToken(page, TOKEN)
  await fillInvite(page)
  await savePreset(page, 'Weekly invite')

  await page.getByRole('link', { name: 'Presets' }).click()
  const card = page.getByRole('article', { name: 'Weekly invite' })
  await card.getByRole('button', { name: 'Copy share link' }).click()
  const linkField = page.getByLabel('Share link')
  await expect(linkField).toHaveValue(/#preset=[A-Za-z0-9_-]+$/)
  const link = await linkField.inputValue()
  expect(link).not.toContain('e2e-preset-secret-token')
  await expect.poll(() => page.evaluate(() => navigator.clipboard.readText())).toBe(link)

  const fresh = await browser.newContext()
  try {
    const other = await fresh.newPage()
    await other.goto(link)
    const dialog = other.getByRole('dialog', { name: 'Shared preset' })
    await expect(dialog).toContainText('Weekly invite')
    await expect(dialog).toContainText('2533274790000001')
    // Nothing is saved before the user says so.
    await expect(other.getByRole('article', { name: 'Weekly invite' })).toHaveCount(0)
    await dialog.getByRole('button', { name: 'Save shared preset' }).click()
    await expect(other.getByRole('article', { name: 'Weekly invite' })).toBeVisible()
    // The fragment is dropped once saved; the URL updates after the click, so poll for it.
    await expect.poll(() => new URL(other.url()).hash).toBe('')

    await setToken(other, TOKEN)
    await other.getByRole('link', { name: 'Presets' }).click()
    await other
      .getByRole('article', { name: 'Weekly invite' })
      .getByRole('button', { name: 'Load' })
      .click()
    await expect(other.getByLabel('Invited XUID')).toHaveValue('2533274790000001')
    await other.getByRole('button', { name: 'Send', exact: true }).click()
    await expect(other.getByRole('region', { name: 'Response' }).getByLabel('Status')).toHaveText(
      '201 Created',
    )
  } finally {
    await fresh.close()
  }
  const received = (await (await request.get('/sim/__requests')).json()) as {
    requests: Array<{ method: string; path: string; body: string }>
  }
  expect(
    received.requests.some((r) => r.method === 'POST' && r.body.includes('2533274790000001')),
  ).toBe(true)
})

test('a damaged share link gets a clear message and saves nothing', async ({ page }) => {
  await page.goto('/presets#preset=not-a-real-payload')
  const dialog = page.getByRole('dialog', { name: 'Shared preset' })
  await expect(dialog.getByRole('alert')).toContainText('This share link cannot be opened')
  await dialog.getByRole('button', { name: 'Close' }).click()
  await expect(page.getByText('No presets yet.')).toBeVisible()
})

test('presets exported to a file import in a fresh browser after a review', async ({
  page,
  browser,
}) => {
  await setToken(page, TOKEN)
  await fillInvite(page)
  await savePreset(page, 'Exported invite')
  await page.getByRole('link', { name: 'Presets' }).click()
  const downloading = page.waitForEvent('download')
  await page.getByRole('button', { name: 'Export presets' }).click()
  const download = await downloading
  const path = await download.path()
  const text = await readFile(path, 'utf8')
  expect(JSON.parse(text)).toMatchObject({ type: 'handles-workbench/presets', version: 2 })
  expect(text).not.toContain('e2e-preset-secret-token')

  // Loading a preset opens a new draft; the draft the user had is kept.
  await page.getByRole('link', { name: 'Compose' }).click()
  await page.getByLabel('Template name').fill('my-unsaved-work')
  await page.getByRole('link', { name: 'Presets', exact: true }).click()
  await page
    .getByRole('article', { name: 'Exported invite' })
    .getByRole('button', { name: 'Load' })
    .click()
  await expect(page.getByLabel('Template name')).toHaveValue('deathmatch')
  await page.getByRole('button', { name: 'Restore previous draft' }).click()
  await expect(page.getByLabel('Template name')).toHaveValue('my-unsaved-work')

  const fresh = await browser.newContext()
  try {
    const other = await fresh.newPage()
    await other.goto('/presets')
    await other
      .getByLabel('Presets files to import')
      .setInputFiles({ name: 'team.json', mimeType: 'application/json', buffer: Buffer.from(text) })
    await expect(other.getByRole('list', { name: 'Presets to add' })).toContainText(
      'Exported invite',
    )
    await expect(other.getByRole('article', { name: 'Exported invite' })).toHaveCount(0)
    await other.getByRole('button', { name: 'Add to my presets' }).click()
    await expect(other.getByText('Imported 1 preset.')).toBeVisible()
    await expect(other.getByRole('article', { name: 'Exported invite' })).toBeVisible()

    // A damaged file is named in an announced message, and nothing stored changes.
    await other.getByLabel('Presets files to import').setInputFiles({
      name: 'broken.json',
      mimeType: 'application/json',
      buffer: Buffer.from(text.slice(0, 40)),
    })
    await expect(other.getByRole('alert')).toContainText('broken.json')
    await expect(other.getByRole('button', { name: 'Add to my presets' })).toBeDisabled()
    await expect(other.getByRole('article', { name: 'Exported invite' })).toBeVisible()
  } finally {
    await fresh.close()
  }
})

test.describe('team presets', () => {
  const file = resolve(TEAM_DIR, 'e2e-team-invite.json')
  test.afterEach(async () => {
    await rm(file, { force: true })
  })

  test('saving to the team folder writes a stable file the Team list shows', async ({ page }) => {
    await fillInvite(page)
    await savePreset(page, 'E2E team invite')
    await page.getByRole('link', { name: 'Presets' }).click()
    await page
      .getByRole('article', { name: 'E2E team invite' })
      .getByRole('button', { name: 'Save to team folder' })
      .click()
    await expect(page.getByText('as e2e-team-invite.json')).toBeVisible()
    const written = await readFile(file, 'utf8')
    expect(written.endsWith('\n')).toBe(true)
    expect(JSON.parse(written)).toMatchObject({
      type: 'handles-workbench/preset',
      version: 2,
      preset: { name: 'E2E team invite' },
    })
    await expect(
      page
        .getByRole('list', { name: 'Team presets' })
        .getByRole('article', { name: 'E2E team invite' }),
    ).toBeVisible()
  })
})

test('a loaded preset is saved back to itself (the Save shortcut opens the same dialog), and “Save as new” copies it', async ({
  page,
}) => {
  await fillInvite(page, { sessionName: 'first-session' })
  await savePreset(page, 'Weekly invite')
  await page.getByLabel('Session name').fill('scratch')

  await page.getByRole('link', { name: 'Presets' }).click()
  await page
    .getByRole('article', { name: 'Weekly invite' })
    .getByRole('button', { name: 'Load' })
    .click()
  await expect(page.getByLabel('Session name')).toHaveValue('first-session')
  await page.getByLabel('Session name').fill('second-session')

  // Ctrl/Cmd+S opens the dialog as the button does, filled with the loaded preset.
  await page.getByLabel('Session name').press('Control+s')
  const dialog = page.getByRole('dialog', { name: 'Save preset' })
  await expect(dialog.getByLabel('Preset name')).toHaveValue('Weekly invite')
  await expect(dialog.getByLabel('Description')).toHaveValue('Invites one friend to deathmatch')
  await dialog.getByRole('button', { name: 'Save', exact: true }).click()
  await expect(page.getByText('Updated preset “Weekly invite”.')).toBeVisible()

  await page.getByRole('button', { name: 'Save preset' }).click()
  await dialog.getByRole('button', { name: 'Save as new' }).click()
  await expect(page.getByText('Saved a new preset “Weekly invite (2)”.')).toBeVisible()

  await page.getByRole('link', { name: 'Presets' }).click()
  await expect(page.getByRole('article')).toHaveCount(2)
  await expect(page.getByRole('article', { name: 'Weekly invite', exact: true })).toContainText(
    'second-session',
  )
  await expect(page.getByRole('article', { name: 'Weekly invite (2)' })).toContainText(
    'second-session',
  )
})

test('a shared link opens straight in Compose, unsaved, and says what it did', async ({
  page,
  browser,
}) => {
  await fillInvite(page, { sessionName: 'shared-session' })
  await savePreset(page, 'Shared invite')
  await page.getByRole('link', { name: 'Presets' }).click()
  await page
    .getByRole('article', { name: 'Shared invite' })
    .getByRole('button', { name: 'Copy share link' })
    .click()
  const link = await page.getByLabel('Share link').inputValue()

  const fresh = await browser.newContext()
  try {
    const other = await fresh.newPage()
    await other.goto(link)
    const dialog = other.getByRole('dialog', { name: 'Shared preset' })
    await dialog.getByRole('button', { name: 'Open in Compose' }).click()
    await expect(
      other.getByRole('status').filter({ hasText: 'Opened the shared preset' }),
    ).toHaveText(/“Shared invite” in Compose as a new draft; it is not in your presets/)
    await expect(
      other.getByText('Opened from the shared link “Shared invite” as a new draft.'),
    ).toBeVisible()
    await expect(other.getByLabel('Session name')).toHaveValue('shared-session')
    await expect.poll(() => new URL(other.url()).hash).toBe('')
    await other.getByRole('link', { name: 'Presets' }).click()
    await expect(other.getByRole('article', { name: 'Shared invite' })).toHaveCount(0)
  } finally {
    await fresh.close()
  }
})
