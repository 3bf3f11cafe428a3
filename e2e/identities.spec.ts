// Identities (issue 13, decision 022): a new user's first Send works with no set-up; one simulated
// player invites another and the invite is in the invitee's Inbox; two accounts signed in against
// the fake Microsoft services invite each other through the "Xbox Live" upstream, whose token the
// browser never holds.
import { expect, test, type Page } from '@playwright/test'
import { dumpBrowserStorage, fillInvite, resetSimulator } from './support'

const FAKE = `http://127.0.0.1:${process.env.E2E_FAKE_PORT}`

test.beforeEach(async ({ page, request }) => {
  await resetSimulator(request)
  await request.post(`${FAKE}/__fake/reset`)
  await page.goto('/')
})

test('a fresh install sends as the first simulated player, and the preview says so', async ({
  page,
}) => {
  await fillInvite(page)
  await page.getByRole('tab', { name: 'Headers' }).click()
  await expect(page.getByLabel('Sent as')).toContainText('Sim Ana (2814679796296491)')
  await expect(page.getByLabel('Request headers')).toContainText(
    'Authorization: XBL3.0 x=2814679796296491;<server token> (redacted)',
  )
  await page.getByRole('button', { name: 'Send', exact: true }).click()
  const response = page.getByRole('region', { name: 'Response' })
  await expect(response.getByLabel('Status')).toHaveText('201 Created')
  await expect(response).toContainText('"senderXuid": "2814679796296491"')
})

test('one simulated player invites another, who finds it in their Inbox with the activation URI', async ({
  page,
}) => {
  await page.getByLabel('Act as').selectOption({ label: 'Sim Ben · 2533274790000001' })
  await fillInvite(page, { invitedXuid: '2533274790000002', sessionName: 'inbox-session' })
  await page.getByRole('button', { name: 'Send', exact: true }).click()
  await expect(page.getByRole('region', { name: 'Response' }).getByLabel('Status')).toHaveText(
    '201 Created',
  )

  await page.getByLabel('Act as').selectOption({ label: 'Sim Cleo · 2533274790000002' })
  await page.getByRole('link', { name: 'Inbox' }).click()
  await expect(
    page.getByRole('heading', { name: 'Inbox of Sim Cleo (2533274790000002)' }),
  ).toBeVisible()
  const row = page.getByRole('table', { name: 'Invites' }).getByRole('row').nth(1)
  await expect(row).toContainText('Sim Ben (2533274790000001)')
  await expect(row).toContainText('deathmatch/inbox-session')
  await expect(row).toContainText(
    /ms-xbl-multiplayer:\/\/inviteHandleAccept\?handle=[0-9a-f-]{36}&invitedXuid=2533274790000002&senderXuid=2533274790000001/,
  )

  // The sender's own inbox does not hold it.
  await page.getByLabel('Act as').selectOption({ label: 'Sim Ben · 2533274790000001' })
  await expect(page.getByText('No invites yet.', { exact: false })).toBeVisible()

  // History says who sent it, and filters by sender.
  await page.getByRole('link', { name: 'History' }).click()
  await page.getByLabel('Sent by').selectOption({ label: 'Sim Ben · 2533274790000001' })
  await expect(page).toHaveURL(/sender=2533274790000001/)
})

async function signIn(page: Page, gamertag: string): Promise<void> {
  await page.getByRole('button', { name: 'Sign in with Microsoft' }).click()
  const code = page.getByLabel('Code', { exact: true })
  await expect(code).toHaveText(/^[0-9A-F]{8}$/)
  await expect(page.getByRole('link', { name: /127\.0\.0\.1|microsoft/ })).toBeVisible()
  const approved = await page.request.post(`${FAKE}/__fake/approve`, {
    data: { userCode: await code.innerText() },
  })
  expect(approved.status()).toBe(204)
  await expect(page.getByText(`Signed in as ${gamertag}`)).toBeVisible({ timeout: 15_000 })
  await page.getByRole('button', { name: 'Done' }).click()
}

test('two accounts signed in against the fake: one invites the other through Xbox Live, and the browser never holds a token', async ({
  page,
  request,
}) => {
  // Every answer body the page received, read to the end before the check below.
  const bodies: Array<Promise<string>> = []
  page.on('response', (response) => {
    bodies.push(response.text().catch(() => ''))
  })
  const sender = { xuid: '2535400000000001', gamertag: 'Sender One', uhs: '1111222233334444' }
  const invitee = { xuid: '2535400000000002', gamertag: 'Invitee Two', uhs: '5555666677778888' }
  for (const account of [sender, invitee]) {
    await request.post(`${FAKE}/__fake/sign-ins`, {
      data: { account: { ...account, privileges: [254] }, waitForApproval: true, interval: 1 },
    })
  }
  await page.getByRole('link', { name: 'Settings' }).click()
  await signIn(page, 'Sender One')
  await signIn(page, 'Invitee Two')
  const accounts = page.getByRole('list', { name: 'Signed-in accounts' })
  await expect(accounts).toContainText('Sender One · 2535400000000001 · RETAIL')
  await expect(accounts).toContainText('Invitee Two · 2535400000000002 · RETAIL')

  await page.getByLabel('Upstream').selectOption({ label: 'Xbox Live' })
  await page.getByRole('button', { name: 'Save settings' }).click()
  await page.getByLabel('Act as').selectOption(`xbl:${sender.xuid}.RETAIL`)
  await fillInvite(page, { invitedXuid: invitee.xuid })
  await page.getByRole('tab', { name: 'Headers' }).click()
  await expect(page.getByLabel('Sent as')).toContainText('Sender One (2535400000000001)')
  await page.getByRole('button', { name: 'Send', exact: true }).click()
  await expect(page.getByRole('region', { name: 'Response' }).getByLabel('Status')).toHaveText(
    '201 Created',
  )

  const received = (await (await request.get(`${FAKE}/__fake/requests`)).json()) as Array<{
    endpoint: string
    headers: Record<string, string>
  }>
  const calls = received.filter((r) => r.endpoint === 'xboxlive')
  expect(calls).toHaveLength(1)
  const authorization = calls[0]?.headers.authorization ?? ''
  expect(authorization).toMatch(/^XBL3\.0 x=1111222233334444;fake-xsts-token-/)
  const token = authorization.split(';')[1] ?? ''

  // Not in any answer the browser got, not in its storage, not in History.
  expect((await Promise.all(bodies)).join('\n')).not.toContain(token)
  // Storage and History (IndexedDB) included: the record of the send names the sender, never the token.
  const stored = await dumpBrowserStorage(page)
  expect(stored).toContain('2535400000000001')
  expect(stored).not.toContain(token)
  await page.getByRole('link', { name: 'History' }).click()
  await page
    .getByRole('grid', { name: 'History' })
    .getByRole('row')
    .filter({ has: page.getByRole('gridcell') })
    .first()
    .getByRole('button')
    .click()
  await expect(page.getByLabel('Sender', { exact: true })).toHaveText(
    'Sent by Sender One (2535400000000001)',
  )
  expect(await page.locator('main').innerText()).not.toContain(token)

  // Sign out forgets the account: it leaves Act as, and a send as it is stopped before the request.
  await page.getByRole('link', { name: 'Settings' }).click()
  await page.getByRole('button', { name: 'Sign out Sender One' }).click()
  await expect(accounts).not.toContainText('Sender One')
  await page.getByRole('link', { name: 'Compose' }).click()
  await expect(page.getByRole('alert').filter({ hasText: 'Not sendable' })).toContainText(
    'Sign in with Microsoft',
  )
})
