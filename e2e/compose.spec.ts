import { expect, test } from '@playwright/test'

test.beforeEach(async ({ page }) => {
  await page.goto('/')
  await page.evaluate(() => localStorage.clear())
  await page.reload()
})

test('filling the invite form by its labels previews exactly the body that will be sent', async ({
  page,
}) => {
  await page.getByRole('radio', { name: 'Invite' }).check()
  await page.getByLabel('SCID', { exact: true }).fill('  bd6c41c3-01c3-468a-a3b5-3e0fe8133862 ')
  await page.getByLabel('Template name').fill('deathmatch')
  await page.getByLabel('Session name').fill('session-49')
  await page.getByLabel('Invited XUID').fill('2814679796296491')
  await page.getByLabel('Title ID').fill('1234')
  await page.getByLabel('Context string').fill('///invite-string')

  const body = page.getByLabel('Request body')
  await expect(body).toHaveText(
    JSON.stringify(
      {
        type: 'invite',
        sessionRef: {
          scid: 'bd6c41c3-01c3-468a-a3b5-3e0fe8133862',
          templateName: 'deathmatch',
          name: 'session-49',
        },
        version: 1,
        invitedXuid: '2814679796296491',
        inviteAttributes: { titleId: '1234', contextString: '///invite-string' },
      },
      null,
      2,
    ),
    { useInnerText: true },
  )
  await page.getByRole('tab', { name: 'Headers' }).click()
  await expect(page.getByLabel('Request headers')).toContainText('x-xbl-contract-version: 107')
  await expect(page.getByLabel('Request headers')).toContainText(
    // A fresh install acts as the first simulated player; the server signs for them.
    'Authorization: XBL3.0 x=2814679796296491;<server token> (redacted)',
  )
  await expect(page.getByRole('button', { name: 'Send', exact: true })).toBeEnabled()
})

test('a broken rule is shown at its field while the preview still shows what would go out', async ({
  page,
}) => {
  await page.getByRole('radio', { name: 'Invite' }).check()
  const titleId = page.getByLabel('Title ID')
  await titleId.fill('4294967296')
  await expect(titleId).toHaveAttribute('aria-invalid', 'true')
  await expect(
    page.getByText('Title ID must be a decimal number from 0 to 4294967295').first(),
  ).toBeVisible()
  await expect(page.getByLabel('Request body')).toContainText('"titleId": "4294967296"')
  await expect(page.getByRole('button', { name: 'Send', exact: true })).toBeDisabled()
  await titleId.fill('4294967295')
  await expect(titleId).toHaveAttribute('aria-invalid', 'false')
})

test('the draft survives a reload', async ({ page }) => {
  await page.getByRole('radio', { name: 'Activity' }).check()
  await page.getByLabel('SCID', { exact: true }).fill('bd6c41c3-01c3-468a-a3b5-3e0fe8133862')
  await page.getByLabel('Template name').fill('lobby')
  await page.reload()
  await expect(page.getByRole('radio', { name: 'Activity' })).toBeChecked()
  await expect(page.getByLabel('Template name')).toHaveValue('lobby')
  await expect(page.getByLabel('Request body')).toContainText('"templateName": "lobby"')
})

test('the draft survives a visit to another view', async ({ page }) => {
  await page.getByRole('radio', { name: 'Invite' }).check()
  await page.getByLabel('Template name').fill('first-visit')
  await page.getByRole('link', { name: 'History' }).click()
  await page.getByRole('link', { name: 'Compose' }).click()
  await expect(page.getByLabel('Template name')).toHaveValue('first-visit')
  await page.getByLabel('Template name').fill('second-visit')
  await page.getByRole('link', { name: 'Settings' }).click()
  await page.getByRole('link', { name: 'Compose' }).click()
  await expect(page.getByLabel('Template name')).toHaveValue('second-visit')
  await expect(page.getByRole('radio', { name: 'Invite' })).toBeChecked()
})
