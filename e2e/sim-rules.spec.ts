// Settings → Simulator rules (decision 100): an invite to a session nobody created is refused while
// "Invite needs an existing session" is strict, with the rule named in the answer, and accepted
// once the rule is switched to lenient.
import { expect, test, type Page } from '@playwright/test'
import { fillInvite } from './support'

const RULE = 'Invite needs an existing session'

test.beforeEach(async ({ page, request }) => {
  // A fresh simulator: no sessions, every rule strict.
  await request.post('/sim/__reset')
  await page.goto('/')
  await page.evaluate(() => localStorage.clear())
  await page.reload()
})
test.afterEach(async ({ request }) => {
  // The journeys after this one expect the strict default back.
  await request.post('/sim/__reset')
})

async function sendInviteToNowhere(page: Page) {
  await fillInvite(page, { sessionName: 'nobody-created-this' })
  await page.getByRole('button', { name: 'Send', exact: true }).click()
  return page.getByRole('region', { name: 'Response' })
}

test('an invite to a missing session is refused with the rule named, and accepted once the rule is lenient', async ({
  page,
}) => {
  await page.getByRole('link', { name: 'Settings' }).click()
  const rules = page.getByRole('region', { name: 'Simulator rules' })
  const toggle = rules.getByRole('switch', { name: RULE })
  const item = rules.getByRole('listitem').filter({ has: page.getByRole('switch', { name: RULE }) })
  await expect(toggle).toBeChecked()
  await expect(item).toContainText('Source:')

  let response = await sendInviteToNowhere(page)
  await expect(response.getByLabel('Status')).toHaveText('403 Forbidden')
  await expect(response.getByLabel('Response body')).toContainText(RULE)
  await expect(response.getByLabel('Response body')).toContainText(
    '"simRule": "invite-needs-session"',
  )

  await page.getByRole('link', { name: 'Settings' }).click()
  await toggle.uncheck()
  await expect(rules.getByRole('status')).toHaveText('Saved.')
  await expect(toggle).not.toBeChecked()
  await expect(item).toContainText('Lenient')

  response = await sendInviteToNowhere(page)
  await expect(response.getByLabel('Status')).toHaveText('201 Created')
  await expect(response.getByLabel('Invite handle id')).toHaveText(/^[0-9a-f-]{36}$/)

  // The switch is the server's: a reload shows it as saved.
  await page.reload()
  await page.getByRole('link', { name: 'Settings' }).click()
  await expect(
    page.getByRole('region', { name: 'Simulator rules' }).getByRole('switch', { name: RULE }),
  ).not.toBeChecked()
})
