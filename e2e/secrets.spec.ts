// With a known token set, drive every output the Workbench has and prove the token is in none:
// preview, snippets (box unticked), the answer, error messages, History (view, IndexedDB, HAR),
// browser storage other than the tab's sessionStorage, and what the simulator received.
import { readFile } from 'node:fs/promises'
import { inflateRawSync } from 'node:zlib'
import { expect, test } from '@playwright/test'
import { dumpBrowserStorage, fillInvite, resetSimulator } from './support'

const SECRET = 'canary-token-7c1f3e'
const TOKEN = `XBL3.0 x=2814679796296491;${SECRET}`

test.beforeEach(async ({ request, context }) => {
  await resetSimulator(request)
  await context.grantPermissions(['clipboard-read', 'clipboard-write'])
})

test('a known token appears in no output the Workbench produces', async ({ page, request }) => {
  await page.goto('/settings')
  await page.getByLabel('Authorization', { exact: true }).fill(TOKEN)
  await page.getByLabel('Remember for this tab').check()
  await page.getByRole('button', { name: 'Save token' }).click()
  await expect(page.getByText('Token set.')).toBeVisible()

  await fillInvite(page, { sessionName: 'session-secret', invitedXuid: '2533274790000077' })
  const compose = await page.locator('main').innerText()
  expect(compose).not.toContain(SECRET)

  // Snippets, "Include token" unticked: the placeholder, never the token.
  await page.getByRole('tab', { name: 'Snippets' }).click()
  for (const label of ['Copy as curl', 'Copy as fetch', 'Copy as PowerShell']) {
    await page.getByRole('button', { name: label }).click()
    await expect(page.getByText(`${label}: copied`)).toBeAttached()
    const copied = await page.evaluate(() => navigator.clipboard.readText())
    expect(copied).toContain('XBL3.0 x=<userhash>;<token>')
    expect(copied).not.toContain(SECRET)
  }
  // Ticked, the user asked for it: then and only then it is there.
  await page.getByLabel('Include token').check()
  await page.getByRole('button', { name: 'Copy as curl' }).click()
  await expect.poll(() => page.evaluate(() => navigator.clipboard.readText())).toContain(SECRET)
  await page.getByLabel('Include token').uncheck()

  // The answer.
  await page.getByRole('button', { name: 'Send', exact: true }).click()
  await expect(page.getByRole('region', { name: 'Response' }).getByLabel('Status')).toHaveText(
    '201 Created',
  )
  expect(await page.locator('main').innerText()).not.toContain(SECRET)

  // An error message: an upstream that is not allowed.
  await page.getByRole('link', { name: 'Settings' }).click()
  await page.getByLabel('Proxy URL').fill('http://127.0.0.1:9/proxy')
  await page.getByRole('button', { name: 'Save settings' }).click()
  await fillInvite(page, { sessionName: 'session-secret', invitedXuid: '2533274790000077' })
  await page.getByRole('button', { name: 'Send', exact: true }).click()
  await expect(page.getByRole('region', { name: 'Response' }).getByRole('alert')).toContainText(
    'Proxy unreachable',
  )
  expect(await page.locator('main').innerText()).not.toContain(SECRET)

  // History: the view, the detail, the HAR export.
  await page.getByRole('link', { name: 'History' }).click()
  const rows = page
    .getByRole('grid', { name: 'History' })
    .getByRole('row')
    .filter({ has: page.getByRole('gridcell') })
  await expect(rows).toHaveCount(2)
  await rows.last().getByRole('button').click()
  await expect(
    page.getByRole('region', { name: 'Entry' }).getByLabel('Request as sent'),
  ).toContainText('(redacted)')
  expect(await page.locator('main').innerText()).not.toContain(SECRET)
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name: 'Export history' }).click(),
  ])
  expect(await readFile((await download.path()) ?? '', 'utf8')).not.toContain(SECRET)

  // Everything the browser stored outside the tab's own sessionStorage.
  // The token is in sessionStorage on purpose here ("Remember for this tab").
  const stored = await dumpBrowserStorage(page, { includeSessionStorage: false })
  expect(stored).toContain('session-secret')
  expect(stored).not.toContain(SECRET)

  // Presets: a preset saved with the token pasted into one of its fields by mistake, its share link
  // (decoded here the way the opener does) and the presets file.
  await page.getByRole('link', { name: 'Compose' }).click()
  await page.getByLabel('Sender string').fill(TOKEN)
  await page.getByRole('button', { name: 'Save preset' }).click()
  const save = page.getByRole('dialog', { name: 'Save preset' })
  await save.getByLabel('Preset name').fill('Secret test')
  await save.getByRole('button', { name: 'Save', exact: true }).click()
  await expect(page.getByText('Saved preset “Secret test”.')).toBeVisible()
  await page.getByRole('link', { name: 'Presets' }).click()
  const card = page.getByRole('article', { name: 'Secret test' })
  await card.getByRole('button', { name: 'Copy share link' }).click()
  await expect(page.getByLabel('Share link')).toHaveValue(/#preset=/)
  const link = await page.getByLabel('Share link').inputValue()
  const payload = new URL(link).hash.replace('#preset=', '')
  const decoded = inflateRawSync(Buffer.from(payload, 'base64url')).toString('utf8')
  expect(decoded).toContain('session-secret')
  expect(decoded).not.toContain(SECRET)
  expect(await page.locator('main').innerText()).not.toContain(SECRET)
  const [presetsFile] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name: 'Export presets' }).click(),
  ])
  const presetsText = await readFile((await presetsFile.path()) ?? '', 'utf8')
  expect(presetsText).toContain('Secret test')
  expect(presetsText).not.toContain(SECRET)
  expect(await dumpBrowserStorage(page, { includeSessionStorage: false })).not.toContain(SECRET)

  // What the simulator received is logged with the token redacted.
  const received = await (await request.get('/sim/__requests')).text()
  expect(received).toContain('2533274790000077')
  expect(received).not.toContain(SECRET)
})
