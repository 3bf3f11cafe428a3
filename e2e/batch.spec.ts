import { expect, test } from '@playwright/test'

const TOKEN = 'XBL3.0 x=2814679796296492;e2e-batch-token'

test.beforeEach(async ({ page, request }) => {
  await request.post('/sim/__reset')
  await page.goto('/')
  await page.evaluate(() => localStorage.clear())
  await page.reload()
})

test('batch invites: paste 5 XUIDs (one invalid, one duplicate), send, 3 handles and the marked rows', async ({
  page,
  request,
}) => {
  await page.getByRole('link', { name: 'Settings' }).click()
  await page.getByLabel('Authorization', { exact: true }).fill(TOKEN)
  await page.getByRole('button', { name: 'Save token' }).click()
  await expect(page.getByText('Token set.')).toBeVisible()

  await page.getByRole('link', { name: 'Compose' }).click()
  await page.getByRole('radio', { name: 'Invite' }).check()
  await page.getByLabel('SCID', { exact: true }).fill('bd6c41c3-01c3-468a-a3b5-3e0fe8133862')
  await page.getByLabel('Template name').fill('deathmatch')
  await page.getByLabel('Session name').fill('session-batch')
  await page.getByLabel('Title ID').fill('1234')

  await page.getByRole('button', { name: 'Batch invites' }).click()
  const xuids = page.getByLabel('Invited XUIDs', { exact: true })
  await xuids.fill(
    '2533274790000001\n2533274790000002\nnot-a-xuid\n2533274790000001\n2533274790000003',
  )
  await expect(xuids).toHaveAttribute('aria-invalid', 'true')
  await expect(
    page.getByText('3 to invite, 1 invalid, 1 duplicate', { exact: false }),
  ).toBeVisible()

  await page.getByRole('button', { name: 'Send invites' }).click()
  const progress = page.getByRole('progressbar', { name: 'Batch progress' })
  await expect(progress).toHaveAttribute('value', '3')

  const results = page.getByRole('table', { name: 'Batch results' })
  const rows = results.locator('tbody tr')
  await expect(rows).toHaveCount(5)
  await expect(results.locator('tr[data-kind="sent"]')).toHaveCount(3)
  await expect(results.locator('tr[data-kind="invalid"]')).toContainText('not-a-xuid')
  await expect(results.locator('tr[data-kind="duplicate"]')).toContainText('Duplicate of line 1')
  await expect(results.locator('tr[data-kind="sent"]').first()).toContainText(
    /[0-9a-f]{8}-[0-9a-f]{4}-/,
  )

  // One POST per valid XUID reached the simulator, in order.
  const received = (await (await request.get('/sim/__requests')).json()) as {
    requests: Array<{ method: string; path: string; body: string }>
  }
  const invited = received.requests
    .filter((r) => r.method === 'POST' && r.path === '/handles')
    .map((r) => (JSON.parse(r.body) as { invitedXuid: string }).invitedXuid)
  expect(invited).toEqual(['2533274790000001', '2533274790000002', '2533274790000003'])

  // Each handle is in the ledger.
  await page.getByRole('link', { name: 'Handles' }).click()
  await expect(page.getByRole('table', { name: 'Invite handles' }).locator('tbody tr')).toHaveCount(
    3,
  )
})
