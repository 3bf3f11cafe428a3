import { readFile } from 'node:fs/promises'
import { expect, test, type Page } from '@playwright/test'
import { resetSimulator, SCID, setToken } from './support'

const SECRET = 'e2e-history-secret'
const TOKEN = `XBL3.0 x=2814679796296491;${SECRET}`

async function send(page: Page, type: 'Invite' | 'Activity', session: string, xuid?: string) {
  await page.getByRole('link', { name: 'Compose' }).click()
  await page.getByRole('radio', { name: type }).check()
  await page.getByLabel('SCID', { exact: true }).fill(SCID)
  await page.getByLabel('Template name').fill('deathmatch')
  await page.getByLabel('Session name').fill(session)
  if (xuid) {
    await page.getByLabel('Invited XUID').fill(xuid)
    await page.getByLabel('Title ID').fill('1234')
  }
  await page.getByRole('button', { name: 'Send', exact: true }).click()
  await expect(page.getByRole('region', { name: 'Response' }).getByLabel('Status')).toHaveText(
    type === 'Invite' ? '201 Created' : '204 No Content',
  )
}

// Data rows of the History grid (the header row has column headers, not cells).
const rows = (page: Page) =>
  page
    .getByRole('grid', { name: 'History' })
    .getByRole('row')
    .filter({ has: page.getByRole('gridcell') })

test.beforeEach(async ({ page, request }) => {
  await resetSimulator(request)
  await page.goto('/')
})

test('three calls are kept across a reload, filtered by URL, replayed, checked, revoked and exported without the token', async ({
  page,
}) => {
  await setToken(page, TOKEN, { remember: true })
  await send(page, 'Invite', 'session-1', '2533274790000001')
  await send(page, 'Invite', 'session-2', '2533274790000002')
  await send(page, 'Activity', 'session-3')

  await page.getByRole('link', { name: 'History' }).click()
  await page.reload()
  await expect(rows(page)).toHaveCount(3)
  // Newest first.
  await expect(rows(page).first()).toContainText('activity')
  await expect(rows(page).first()).toContainText('204')

  // Filter by type: the URL carries it, so the view can be bookmarked.
  await page.getByLabel('Type').selectOption('invite')
  await expect(page).toHaveURL(/type=invite/)
  await expect(rows(page)).toHaveCount(2)
  await page.reload()
  await expect(rows(page)).toHaveCount(2)
  await expect(page.getByLabel('Type')).toHaveValue('invite')

  // Free text over request and response.
  // Exact: the Type choice's options (search, searchQuery) are in its label's text too.
  await page.getByLabel('Search', { exact: true }).fill('2533274790000002')
  await expect(rows(page)).toHaveCount(1)
  await expect(page).toHaveURL(/q=2533274790000002/)

  // Detail: the request as sent, token redacted; replaying an invite asks first.
  await rows(page).first().getByRole('button').click()
  const entry = page.getByRole('region', { name: 'Entry' })
  // The bytes as sent: compact JSON since decision 101.
  await expect(entry.getByLabel('Request as sent')).toContainText(
    '"invitedXuid":"2533274790000002"',
  )
  await expect(entry.getByLabel('Request as sent')).toContainText('(redacted)')
  await expect(entry.getByLabel('Request as sent')).not.toContainText(SECRET)
  await entry.getByRole('button', { name: 'Replay' }).click()
  const confirm = page.getByRole('dialog', { name: 'Replay this invite?' })
  await expect(confirm).toBeVisible()
  await confirm.getByRole('button', { name: 'Send again' }).click()
  await expect(entry.getByText('Replayed: 201')).toBeVisible()
  await expect(rows(page)).toHaveCount(2)

  // The ledger holds the three invite handles (two sends and the replay).
  await page.getByRole('link', { name: 'Handles' }).click()
  const table = page.getByRole('table', { name: 'Invite handles' })
  await expect(table.getByRole('row')).toHaveCount(4)
  const firstHandle = table.getByRole('row').nth(1)
  await firstHandle.getByRole('button', { name: 'Check', exact: true }).click()
  await expect(firstHandle).toContainText('still there (200)')
  await firstHandle.getByRole('button', { name: 'Revoke', exact: true }).click()
  await page
    .getByRole('dialog', { name: 'Revoke this invite?' })
    .getByRole('button', { name: 'Revoke invite' })
    .click()
  await expect(firstHandle).toContainText('revoked')
  await firstHandle.getByRole('button', { name: 'Check', exact: true }).click()
  await expect(firstHandle).toContainText('not found (404)')

  // HAR export of everything: opens as HAR 1.2 and never carries the token.
  await page.getByRole('link', { name: 'History' }).click()
  await expect(rows(page)).toHaveCount(7)
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name: 'Export history' }).click(),
  ])
  const text = await readFile((await download.path()) ?? '', 'utf8')
  expect(text).not.toContain(SECRET)
  const har = JSON.parse(text) as {
    log: {
      version: string
      entries: Array<{ request: { headers: Array<{ name: string; value: string }> } }>
    }
  }
  expect(har.log.version).toBe('1.2')
  expect(har.log.entries).toHaveLength(7)
  expect(
    har.log.entries[0]?.request.headers.find((h) => h.name === 'Authorization')?.value,
  ).toContain('(redacted)')

  // And the stored records themselves never held it.
  const stored = await page.evaluate(
    () =>
      new Promise<string>((resolve, reject) => {
        const open = indexedDB.open('handles-workbench')
        open.onerror = () => reject(new Error('open failed'))
        open.onsuccess = () => {
          const db = open.result
          const tx = db.transaction(['history', 'handles'], 'readonly')
          const history = tx.objectStore('history').getAll()
          const handles = tx.objectStore('handles').getAll()
          tx.oncomplete = () => resolve(JSON.stringify([history.result, handles.result]))
        }
      }),
  )
  expect(stored).toContain('2533274790000002')
  expect(stored).not.toContain(SECRET)
})

test('a HAR file imports into a fresh browser with a report of what was skipped', async ({
  page,
  browser,
}) => {
  await setToken(page, TOKEN, { remember: true })
  await send(page, 'Invite', 'session-9', '2533274790000009')
  await page.getByRole('link', { name: 'History' }).click()
  await expect(rows(page)).toHaveCount(1)
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name: 'Export history' }).click(),
  ])
  const har = JSON.parse(await readFile((await download.path()) ?? '', 'utf8')) as {
    log: { entries: unknown[] }
  }
  // A foreign entry a devtools export would hold: not a handles call, so it is skipped with why.
  har.log.entries.push({
    startedDateTime: new Date().toISOString(),
    time: 1,
    request: { method: 'GET', url: 'https://example.com/favicon.ico', headers: [] },
    response: { status: 200, statusText: 'OK', headers: [], content: { size: 0 } },
  })

  const fresh = await browser.newContext()
  const other = await fresh.newPage()
  await other.goto('/history')
  await expect(other.getByText('Nothing sent yet.')).toBeVisible()
  await other.getByLabel('HAR file to import').setInputFiles({
    name: 'team.har',
    mimeType: 'application/json',
    buffer: Buffer.from(JSON.stringify(har)),
  })
  await expect(
    other.getByText('team.har: 1 entry added, 1 invite handle filed in Handles, 1 skipped:'),
  ).toBeVisible()
  await expect(other.getByRole('list', { name: 'Skipped entries' })).toContainText(
    'Entry 2: GET /favicon.ico is not a handles call',
  )
  await expect(rows(other)).toHaveCount(1)
  await expect(rows(other).first()).toContainText('201')
  // The invite it created is in the ledger too.
  await other.getByRole('link', { name: 'Handles' }).click()
  await expect(
    other.getByRole('table', { name: 'Invite handles' }).locator('tbody tr'),
  ).toHaveCount(1)
  await fresh.close()
})

test('a HAR the browser recorded imports every call, each under the upstream it went to', async ({
  browser,
}, testInfo) => {
  // The browser records the Workbench's calls as it makes them (Playwright's HAR recorder in
  // Chromium): the activity's empty 204 body is written base64, the upstream is a request header.
  const harPath = testInfo.outputPath('recorded.har')
  const customUpstream = `http://127.0.0.1:${Number(process.env.E2E_PORT) + 1}`
  const recording = await browser.newContext({
    // The handles calls only: the Session panel's own check of the session (a GET of
    // /proxy/serviceconfigs/…, decision 101) runs when it likes and is not a call the test made.
    recordHar: { path: harPath, content: 'embed', urlFilter: /\/proxy\/handles/ },
  })
  const page = await recording.newPage()
  await page.goto('/')
  await setToken(page, TOKEN)
  await send(page, 'Activity', 'session-a')
  await send(page, 'Invite', 'session-b', '2533274790000011')
  // A custom upstream this server allows but nothing listens on: the proxy answers for it.
  await page.getByRole('link', { name: 'Settings' }).click()
  await page.getByLabel('Upstream').selectOption(customUpstream)
  await page.getByRole('button', { name: 'Save settings' }).click()
  await page.getByRole('link', { name: 'Compose' }).click()
  await page.getByRole('button', { name: 'Send', exact: true }).click()
  await expect(page.getByRole('region', { name: 'Response' }).getByRole('alert')).toBeVisible()
  await recording.close()

  const fresh = await browser.newContext()
  const other = await fresh.newPage()
  await other.goto('/history')
  await other.getByLabel('HAR file to import').setInputFiles(harPath)
  await expect(other.getByRole('status').filter({ hasText: 'recorded.har:' })).toHaveText(
    'recorded.har: 3 entries added, 1 invite handle filed in Handles.',
  )
  await expect(rows(other)).toHaveCount(3)
  // Newest first, each under the upstream the proxy was told.
  await expect(rows(other).nth(0)).toContainText(customUpstream)
  await expect(rows(other).nth(0)).toContainText('proxy: upstream_unreachable')
  await expect(rows(other).nth(1)).toContainText('Simulator')
  await expect(rows(other).nth(1)).toContainText('201')
  await expect(rows(other).nth(2)).toContainText('Simulator')
  await expect(rows(other).nth(2)).toContainText('204')

  // "Request as sent" is the request the Workbench built, not the browser's extra headers.
  await rows(other).nth(2).getByRole('button').click()
  const sent = other.getByLabel('Request as sent')
  await expect(sent).toContainText('POST /handles')
  await expect(sent).toContainText('x-xbl-contract-version: 107')
  await expect(sent).toContainText('XBL3.0 x=<userhash>;<token> (redacted)')
  for (const added of ['User-Agent', 'Sec-Fetch', 'sec-ch-ua', 'Origin', 'Host', 'X-Workbench'])
    await expect(sent).not.toContainText(added, { ignoreCase: true })
  expect(await other.locator('main').innerText()).not.toContain(SECRET)
  await fresh.close()
})

test('two tabs stay in sync: a send in one shows in the other’s History', async ({
  page,
  context,
}) => {
  const other = await context.newPage()
  await other.goto('/history')
  await expect(other.getByText('Nothing sent yet.')).toBeVisible()
  await setToken(page, TOKEN, { remember: true })
  await send(page, 'Activity', 'session-sync')
  await expect(rows(other)).toHaveCount(1)
  await expect(rows(other).first()).toContainText('activity')
})

test('“Open in composer” loads an entry as a new draft and keeps the one being typed', async ({
  page,
}) => {
  await setToken(page, TOKEN, { remember: true })
  await send(page, 'Invite', 'session-from-history', '2533274790000042')
  // Start another draft, then open the history entry over it.
  await page.getByLabel('Session name').fill('half-typed')
  await page.getByRole('link', { name: 'History' }).click()
  await rows(page).first().getByRole('button').click()
  await page
    .getByRole('region', { name: 'Entry' })
    .getByRole('button', { name: 'Open in composer' })
    .click()

  await expect(page.getByRole('heading', { name: 'Compose' })).toBeVisible()
  await expect(page.getByText(/Opened from History entry/)).toBeVisible()
  await expect(page.getByLabel('Session name')).toHaveValue('session-from-history')
  await expect(page.getByLabel('Invited XUID')).toHaveValue('2533274790000042')
  await page.getByRole('button', { name: 'Restore previous draft' }).click()
  await expect(page.getByLabel('Session name')).toHaveValue('half-typed')
})

test('Compare shows what differs between two answers, volatile fields only on request', async ({
  page,
}) => {
  await setToken(page, TOKEN, { remember: true })
  await send(page, 'Invite', 'session-a', '2533274790000011')
  await send(page, 'Invite', 'session-b', '2533274790000012')
  await page.getByRole('link', { name: 'History' }).click()
  await expect(rows(page)).toHaveCount(2)
  const compare = page.getByRole('button', { name: 'Compare' })
  await expect(compare).toBeDisabled()
  await rows(page).nth(0).getByRole('checkbox').check()
  await rows(page).nth(1).getByRole('checkbox').check()
  await compare.click()
  const dialog = page.getByRole('dialog', { name: 'Compare' })
  const table = dialog.getByRole('table', { name: 'Differences' })
  // The session and the invited XUID differ; ids, expirations and dates are hidden at first.
  await expect(table).toContainText('body.sessionRef.name')
  await expect(table).toContainText('body.invitedXuid')
  await expect(table).not.toContainText('body.id')
  await dialog.getByLabel('Show volatile fields').check()
  await expect(table).toContainText('body.id')
  await expect(table).toContainText('body.expiration')
})
