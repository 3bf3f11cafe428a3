import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { expect, test } from '@playwright/test'

const fixture = (name: string) =>
  readFileSync(join(import.meta.dirname, '../src/testing/fixtures', name), 'utf8')

test.beforeEach(async ({ page }) => {
  await page.goto('/')
  await page.evaluate(() => localStorage.clear())
  await page.reload()
})

test('pasting the docs invite sample fills the form and lists what was not mapped', async ({
  page,
}) => {
  await page.getByRole('button', { name: 'Paste JSON' }).click()
  await page.getByLabel('JSON to paste').fill(fixture('docs_handles-post-send-invite-request.json'))
  await page.getByRole('button', { name: 'Fill form' }).click()
  const dialog = page.getByRole('dialog', { name: 'Paste JSON' })
  await expect(dialog.getByRole('list', { name: 'Not mapped' })).toContainText('id')
  await expect(dialog.getByText(/Placeholders left empty/)).toContainText(
    'inviteAttributes.titleId',
  )
  await dialog.getByRole('button', { name: 'Close' }).click()
  await expect(page.getByRole('radio', { name: 'Invite' })).toBeChecked()
  await expect(page.getByLabel('SCID', { exact: true })).toHaveValue(
    'bd6c41c3-01c3-468a-a3b5-3e0fe8133862',
  )
  await expect(page.getByLabel('Template name')).toHaveValue('deathmatch')
  await expect(page.getByLabel('Session name')).toHaveValue('session-49')
  await expect(page.getByLabel('Invited XUID')).toHaveValue('3210')
  await expect(page.getByLabel('Title ID')).toHaveValue('')
  await expect(page.getByLabel('Title ID')).toHaveAttribute('aria-invalid', 'true')
})

test('pasting the docs activity sample fills the activity form', async ({ page }) => {
  await page.getByRole('radio', { name: 'Invite' }).check()
  await page.getByRole('button', { name: 'Paste JSON' }).click()
  await page
    .getByLabel('JSON to paste')
    .fill(fixture('docs_handles-post-set-activity-request.json'))
  await page.getByRole('button', { name: 'Fill form' }).click()
  await expect(page.getByRole('dialog', { name: 'Paste JSON' })).toBeHidden()
  await expect(page.getByRole('radio', { name: 'Activity' })).toBeChecked()
  await expect(page.getByLabel('Request body')).toContainText('"name": "session-49"')
})

test('pasting a session reference sample fills only the session fields', async ({ page }) => {
  await page.getByRole('button', { name: 'Paste JSON' }).click()
  await page
    .getByLabel('JSON to paste')
    .fill(fixture('docs_multiplayersessionreference-sample.json'))
  await page.getByRole('button', { name: 'Fill form' }).click()
  await expect(page.getByLabel('Template name')).toHaveValue('integration')
})

test('pasting something unreadable says why and keeps the form as it was', async ({ page }) => {
  await page.getByLabel('Template name').fill('keep-me')
  await page.getByRole('button', { name: 'Paste JSON' }).click()
  await page.getByLabel('JSON to paste').fill('[1, 2, 3]')
  await page.getByRole('button', { name: 'Fill form' }).click()
  await expect(page.getByRole('alert')).toContainText('Paste a JSON object')
  await page.getByRole('button', { name: 'Close' }).click()
  await expect(page.getByLabel('Template name')).toHaveValue('keep-me')
})
