import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { expect, test, type Page } from '@playwright/test'
import { resetSimulator } from './support'

const fixture = (name: string) =>
  readFileSync(join(import.meta.dirname, '../src/testing/fixtures', name), 'utf8')

/**
 * The request pane's fields, Headers and Snippets: on the page here, in tabs once branch
 * workspace's layout is merged. Called once the preview is on screen, when the pane's tabs (if any) are too.
 */
async function showComposeTab(page: Page, name: 'Fields' | 'Headers' | 'Snippets'): Promise<void> {
  await expect(page.getByLabel('Request body')).toBeVisible()
  const tab = page.getByRole('tab', { name, exact: true })
  if ((await tab.count()) > 0) await tab.click()
}

test.beforeEach(async ({ page }) => {
  await page.goto('/')
  await page.evaluate(() => localStorage.clear())
  await page.reload()
})

test('pasting the docs invite sample fills the form and lists what was not mapped', async ({
  page,
}) => {
  await page.getByRole('button', { name: 'Paste JSON' }).click()
  await page
    .getByLabel('JSON body or curl command to paste')
    .fill(fixture('docs_handles-post-send-invite-request.json'))
  await page.getByRole('button', { name: 'Replace draft' }).click()
  const dialog = page.getByRole('dialog', { name: 'Paste JSON' })
  await expect(dialog.getByRole('list', { name: 'Not mapped' })).toContainText('id')
  // The placeholders keep what the (empty) draft had; every change is listed.
  await expect(dialog.getByText(/Placeholders, so the draft’s value was kept/)).toContainText(
    'Title ID ((empty))',
  )
  await expect(dialog.getByRole('list', { name: 'Changes' })).toContainText(
    'Invited XUID: (empty) → “3210”',
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
    .getByLabel('JSON body or curl command to paste')
    .fill(fixture('docs_handles-post-set-activity-request.json'))
  await page.getByRole('button', { name: 'Replace draft' }).click()
  await expect(page.getByRole('dialog', { name: 'Paste JSON' }).getByRole('status')).toContainText(
    'Request type: “Invite” → “Activity”',
  )
  await page.getByRole('button', { name: 'Close' }).click()
  await expect(page.getByRole('dialog', { name: 'Paste JSON' })).toBeHidden()
  await expect(page.getByRole('radio', { name: 'Activity' })).toBeChecked()
  await expect(page.getByLabel('Request body')).toContainText('"name": "session-49"')
})

test('pasting a session reference sample fills only the session fields', async ({ page }) => {
  await page.getByRole('button', { name: 'Paste JSON' }).click()
  await page
    .getByLabel('JSON body or curl command to paste')
    .fill(fixture('docs_multiplayersessionreference-sample.json'))
  await page.getByRole('button', { name: 'Replace draft' }).click()
  await expect(page.getByLabel('Template name')).toHaveValue('integration')
})

test('pasting something unreadable says why and keeps the form as it was', async ({ page }) => {
  await page.getByLabel('Template name').fill('keep-me')
  await page.getByRole('button', { name: 'Paste JSON' }).click()
  await page.getByLabel('JSON body or curl command to paste').fill('[1, 2, 3]')
  await page.getByRole('button', { name: 'Replace draft' }).click()
  await expect(page.getByRole('alert')).toContainText('Paste a JSON object')
  await page.getByRole('button', { name: 'Close' }).click()
  await expect(page.getByLabel('Template name')).toHaveValue('keep-me')
})

test('a docs body with "{scid}" replaces the draft but keeps its SCID, lists each change, and Undo puts it back', async ({
  page,
}) => {
  const scid = 'bd6c41c3-01c3-468a-a3b5-3e0fe8133862'
  await page.getByRole('radio', { name: 'Invite' }).check()
  await page.getByLabel('SCID', { exact: true }).fill(scid)
  await page.getByLabel('Context string').fill('///old-context')
  await page.getByRole('button', { name: 'Paste JSON' }).click()
  await page.getByLabel('JSON body or curl command to paste').fill(
    JSON.stringify({
      type: 'invite',
      sessionRef: { scid: '{scid}', templateName: 'deathmatch', name: 'session-49' },
      invitedXuid: '2533274790000001',
      inviteAttributes: { titleId: '1234' },
    }),
  )
  await page.getByRole('button', { name: 'Replace draft' }).click()
  const dialog = page.getByRole('dialog', { name: 'Paste JSON' })
  await expect(dialog.getByRole('list', { name: 'Changes' }).getByRole('listitem')).toHaveText([
    'Template name: (empty) → “deathmatch”',
    'Session name: (empty) → “session-49”',
    'Invited XUID: (empty) → “2533274790000001”',
    'Title ID: (empty) → “1234”',
    'Context string: “///old-context” → (empty)',
  ])
  await expect(dialog.getByRole('status')).toContainText(`SCID (“${scid}”)`)
  await expect(page.getByLabel('SCID', { exact: true })).toHaveValue(scid)
  await expect(page.getByLabel('Context string')).toHaveValue('')

  await dialog.getByRole('button', { name: 'Undo' }).click()
  await expect(dialog.getByRole('status')).toContainText('Undone')
  await expect(page.getByLabel('Context string')).toHaveValue('///old-context')
  await expect(page.getByLabel('Template name')).toHaveValue('')
})

test('a curl command to Multiplayer Activity switches the composer to it, lists every change, undoes, and sends', async ({
  page,
  request,
}) => {
  await resetSimulator(request)
  await page.getByRole('radio', { name: 'Invite' }).check()
  await page.getByLabel('Context string').fill('///old-context')
  await page.getByRole('button', { name: 'Paste JSON' }).click()
  // As a title's log or the docs give it: placeholders for the user and the sequence number.
  await page
    .getByLabel('JSON body or curl command to paste')
    .fill(
      [
        "curl -X PUT 'https://multiplayeractivity.xboxlive.com/titles/1717113201/users/{xuid}/activities' \\",
        "  -H 'Authorization: XBL3.0 x=<userhash>;<token>' -H 'x-xbl-contract-version: 1' \\",
        `  --data-raw '{"sequenceNumber":{sequenceNumber},"connectionString":"srv=203.0.113.7:7777;lobby=7f3c","joinRestriction":"Followed","maxPlayers":8}'`,
      ].join('\n'),
    )
  const dialog = page.getByRole('dialog', { name: 'Paste JSON' })
  await dialog.getByRole('button', { name: 'Replace draft' }).click()
  await expect(dialog.getByRole('list', { name: 'Changes' }).getByRole('listitem')).toHaveText([
    'Service: “MPSD handles” → “Multiplayer Activity”',
    'Request type: “Invite” → “Set activity”',
    'Context string: “///old-context” → (empty)',
    'Title ID: (empty) → “1717113201”',
    'Connection string: (empty) → “srv=203.0.113.7:7777;lobby=7f3c”',
    'Join restriction: (empty) → “Followed”',
    'Max players: (empty) → “8”',
  ])
  await expect(dialog.getByRole('status')).toContainText(
    'Placeholders, so the draft’s value was kept: User XUID ((empty)), Sequence number ((empty)).',
  )
  await expect(dialog.getByRole('list', { name: 'Not mapped' })).toContainText(
    'header Authorization',
  )
  await expect(page.getByLabel('Service')).toHaveValue('mpa')

  // Undo puts the MPSD draft back; the paste again, and it goes out.
  await dialog.getByRole('button', { name: 'Undo' }).click()
  await expect(page.getByLabel('Service')).toHaveValue('mpsd')
  await expect(page.getByLabel('Context string')).toHaveValue('///old-context')
  await dialog.getByRole('button', { name: 'Replace draft' }).click()
  await dialog.getByRole('button', { name: 'Close' }).click()
  await expect(page.getByRole('radio', { name: 'Set activity' })).toBeChecked()
  // The user placeholder kept the (empty) draft's value: the player acting fills it, as always.
  await expect(page.getByLabel('User XUID')).toHaveValue('2814679796296491')
  await expect(page.getByLabel('Title ID')).toHaveValue('1717113201')
  await expect(page.getByLabel('Join restriction')).toHaveValue('Followed')
  await page.getByRole('button', { name: 'Send', exact: true }).click()
  await expect(page.getByRole('region', { name: 'Response' }).getByLabel('Status')).toHaveText(
    '204 No Content',
  )
})

test.describe('with the clipboard', () => {
  test.use({ permissions: ['clipboard-read', 'clipboard-write'] })

  test('the Workbench’s own “Copy as curl” output pastes back into the same draft', async ({
    page,
  }) => {
    await page.getByRole('radio', { name: 'Invite' }).check()
    await page.getByLabel('SCID', { exact: true }).fill('bd6c41c3-01c3-468a-a3b5-3e0fe8133862')
    await page.getByLabel('Template name').fill('deathmatch')
    await page.getByLabel('Session name').fill("it's-quoted")
    await page.getByLabel('Invited XUID').fill('2533274790000001')
    await page.getByLabel('Title ID').fill('1234')
    await page.getByLabel('Sender string').fill('say "hi" $HOME')
    const body = await page.getByLabel('Request body').textContent()
    await showComposeTab(page, 'Snippets')
    await page.getByRole('button', { name: 'Copy as curl' }).click()
    await expect.poll(() => page.evaluate(() => navigator.clipboard.readText())).toContain('curl')
    const curl = await page.evaluate(() => navigator.clipboard.readText())
    await showComposeTab(page, 'Fields')

    // A different draft, then the curl command pasted: the request comes back as it was.
    await page.getByLabel('Session name').fill('other')
    await page.getByLabel('Sender string').fill('')
    await page.getByRole('button', { name: 'Paste JSON' }).click()
    await page.getByLabel('JSON body or curl command to paste').fill(curl)
    await page.getByRole('button', { name: 'Replace draft' }).click()
    const dialog = page.getByRole('dialog', { name: 'Paste JSON' })
    await expect(dialog.getByRole('status')).toContainText('Draft replaced from the pasted curl')
    await expect(dialog.getByRole('list', { name: 'Not mapped' })).toContainText(
      'header Authorization',
    )
    await dialog.getByRole('button', { name: 'Close' }).click()
    await expect(page.getByLabel('Session name')).toHaveValue("it's-quoted")
    await expect(page.getByLabel('Sender string')).toHaveValue('say "hi" $HOME')
    await expect(page.getByLabel('Request body')).toHaveText(body ?? '')
  })
})
