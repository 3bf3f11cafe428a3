import { expect, test, type APIRequestContext, type Page } from '@playwright/test'
import { fillInvite, resetSimulator, setToken } from './support'

const TOKEN = 'XBL3.0 x=2814679796296492;e2e-batch-token'

test.beforeEach(async ({ page, request }) => {
  await resetSimulator(request)
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

  await page.getByRole('tab', { name: 'Batch invites' }).click()
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

const XUIDS = Array.from({ length: 5 }, (_, i) => String(2533274790000101 + i))

type SimRequest = { method: string; path: string; body: string }

async function invitesReceived(request: APIRequestContext): Promise<SimRequest[]> {
  const { requests } = (await (await request.get('/sim/__requests')).json()) as {
    requests: SimRequest[]
  }
  return requests.filter((r) => r.method === 'POST' && r.path === '/handles')
}

const invitedXuids = async (request: APIRequestContext) =>
  (await invitesReceived(request)).map(
    (r) => (JSON.parse(r.body) as { invitedXuid: string }).invitedXuid,
  )

/** Starts a batch of XUIDS paced at 2 per 5 s and pauses it after the first 2 invites. */
async function startAndPause(page: Page) {
  await setToken(page, TOKEN, { remember: true })
  await fillInvite(page, { sessionName: 'session-batch' })
  await page.getByRole('tab', { name: 'Batch invites' }).click()
  await page.getByText('Pacing (MPSD’s budget per user)').click()
  await page.getByLabel('Burst calls').fill('2')
  await page.getByLabel('Burst window (s)').fill('5')
  await page.getByLabel('Invited XUIDs', { exact: true }).fill(XUIDS.join('\n'))
  await page.getByRole('button', { name: 'Send invites' }).click()
  // Two go at once; the third waits for the 5 s window, and Pause lands in that wait.
  await expect(page.getByRole('progressbar', { name: 'Batch progress' })).toHaveAttribute(
    'value',
    '2',
  )
  await page.getByRole('button', { name: 'Pause' }).click()
  await expect(page.getByRole('status').filter({ hasText: 'of 5 done' })).toContainText(
    'Paused. Resume continues with the next XUID.',
  )
}

test('pause mid-run and reload, Send invites asks to resume or discard; Resume invites each XUID exactly once', async ({
  page,
  request,
}) => {
  await startAndPause(page)
  // A reload while paused: the run is still there, and still in the way of a new one.
  await page.reload()
  await expect(page.getByRole('button', { name: 'Resume' })).toBeVisible()

  await page.getByRole('button', { name: 'Send invites' }).click()
  await expect(page.getByRole('alert')).toHaveText(
    'This batch is paused: 2 of 5 already invited, 3 left. Resume it or discard it before starting another.',
  )
  await expect(page.getByRole('button', { name: 'Discard run' })).toBeVisible()
  await expect.poll(() => invitedXuids(request)).toEqual(XUIDS.slice(0, 2))

  // The form moves on; the run keeps sending what it was started with, and says so.
  await page.getByRole('tab', { name: 'Fields' }).click()
  await page.getByLabel('Session name').fill('session-other')
  await page.getByRole('tab', { name: 'Batch invites' }).click()
  await expect(page.getByText(/The form has changed since this run started/)).toContainText(
    'Resume sends the request it was started with, session “session-batch”',
  )

  await page.getByRole('button', { name: 'Resume' }).click()
  await expect(page.getByRole('progressbar', { name: 'Batch progress' })).toHaveAttribute(
    'value',
    '5',
    { timeout: 20_000 },
  )
  await expect(page.getByRole('status').filter({ hasText: 'of 5 done' })).toContainText(
    '5 of 5 done: 5 sent, 0 failed',
  )
  // Each XUID got exactly one invite, all to the run's own session.
  const received = await invitesReceived(request)
  expect(received.map((r) => (JSON.parse(r.body) as { invitedXuid: string }).invitedXuid)).toEqual(
    XUIDS,
  )
  for (const r of received)
    expect((JSON.parse(r.body) as { sessionRef: { name: string } }).sessionRef.name).toBe(
      'session-batch',
    )
})

test('pause mid-run, Send invites, Discard run: a confirmation with who was invited, then a new batch', async ({
  page,
  request,
}) => {
  await startAndPause(page)

  await page.getByRole('button', { name: 'Send invites' }).click()
  await expect(page.getByRole('alert')).toContainText('2 of 5 already invited, 3 left')
  await page.getByRole('button', { name: 'Discard run' }).click()
  const dialog = page.getByRole('dialog', { name: 'Discard this run?' })
  await expect(dialog).toContainText(
    '2 of 5 already invited; discarding keeps their History entries and handles.',
  )
  await expect(dialog).toContainText(
    '2 of those already invited are still in the list: a new batch would invite them again.',
  )
  await dialog.getByRole('button', { name: 'Discard run' }).click()

  await expect(page.getByRole('status').filter({ hasText: 'of 5 done' })).toContainText(
    'Discarded: 2 of 5 invited; the 3 left were not sent.',
  )
  await expect(page.getByRole('button', { name: 'Resume' })).toHaveCount(0)
  const results = page.getByRole('table', { name: 'Batch results' })
  await expect(results.locator('tr[data-kind="sent"]')).toHaveCount(2)
  await expect(results.locator('tr[data-kind="cancelled"]')).toHaveCount(3)

  // The same list again would re-invite the first two: Send asks first.
  await page.getByRole('button', { name: 'Send invites' }).click()
  await expect(page.getByRole('group', { name: 'Confirm sending' })).toContainText(
    '2 of these XUIDs were already invited with this request by the last batch',
  )
  await page.getByRole('button', { name: 'Don’t send' }).click()

  // A new batch of the three left goes out at once.
  await page.getByLabel('Burst calls').fill('30')
  await page.getByLabel('Burst window (s)').fill('15')
  await page.getByLabel('Invited XUIDs', { exact: true }).fill(XUIDS.slice(2).join('\n'))
  await page.getByRole('button', { name: 'Send invites' }).click()
  await expect(page.getByRole('status').filter({ hasText: 'of 3 done' })).toContainText(
    '3 of 3 done: 3 sent, 0 failed',
  )
  expect(await invitedXuids(request)).toEqual(XUIDS)

  // The discarded run's invites stay in the Handles ledger with the new ones.
  await page.getByRole('link', { name: 'Handles' }).click()
  await expect(page.getByRole('table', { name: 'Invite handles' }).locator('tbody tr')).toHaveCount(
    5,
  )
})
