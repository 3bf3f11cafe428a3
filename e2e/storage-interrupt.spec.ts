// Closing the page in the middle of a batch must not corrupt or lose History: every record that
// was written is whole, every answer the page received is recorded, and the run can be resumed.
import { expect, test } from '@playwright/test'
import { resetSimulator } from './support'

const TOKEN = 'XBL3.0 x=2814679796296493;e2e-interrupt-token'
const XUIDS = Array.from({ length: 40 }, (_, i) => String(2533274790001000n + BigInt(i)))

test('closing the page mid-batch leaves History whole and the run resumable', async ({
  context,
  request,
}) => {
  await resetSimulator(request)
  const page = await context.newPage()
  await page.goto('/settings')
  await page.getByLabel('Authorization', { exact: true }).fill(TOKEN)
  await page.getByLabel('Remember for this tab').check()
  await page.getByRole('button', { name: 'Save token' }).click()
  await page.getByRole('link', { name: 'Compose' }).click()
  await page.getByRole('radio', { name: 'Invite' }).check()
  await page.getByLabel('SCID', { exact: true }).fill('bd6c41c3-01c3-468a-a3b5-3e0fe8133862')
  await page.getByLabel('Template name').fill('deathmatch')
  await page.getByLabel('Session name').fill('session-interrupt')
  await page.getByLabel('Title ID').fill('1234')
  await page.getByRole('tab', { name: 'Batch invites' }).click()
  await page.getByLabel('Invited XUIDs', { exact: true }).fill(XUIDS.join('\n'))
  await page.getByRole('button', { name: 'Send invites' }).click()

  // Close while requests are being sent and recorded (no beforeunload grace).
  const progress = page.getByRole('progressbar', { name: 'Batch progress' })
  await expect
    .poll(async () => Number(await progress.getAttribute('value')), { timeout: 20_000 })
    .toBeGreaterThanOrEqual(8)
  await page.close({ runBeforeUnload: false })

  const received = (await (await request.get('/sim/__requests')).json()) as {
    requests: Array<{ method: string; path: string }>
  }
  const sent = received.requests.filter((r) => r.method === 'POST' && r.path === '/handles').length
  expect(sent).toBeGreaterThanOrEqual(8)

  const reopened = await context.newPage()
  await reopened.goto('/history?type=invite')
  const rows = reopened
    .getByRole('grid', { name: 'History' })
    .getByRole('row')
    .filter({ has: reopened.getByRole('gridcell') })
  // Every answer that reached the page was recorded; at most the one in flight at close is missing.
  await expect.poll(() => rows.count()).toBeGreaterThanOrEqual(Math.min(sent - 1, 20))
  // The count fills in once the full listing is read: poll it rather than reading it once.
  const entriesStatus = reopened.getByRole('status').filter({ hasText: 'entries' })
  const readCount = async () =>
    Number(
      (await entriesStatus.innerText()).match(/([\d,]+) entries/)?.[1]?.replaceAll(',', '') ?? NaN,
    )
  await expect.poll(readCount).toBeGreaterThanOrEqual(sent - 1)
  const recorded = await readCount()
  expect(recorded).toBeLessThanOrEqual(sent)
  // No record was unreadable (a torn write would be set aside and reported here).
  await expect(reopened.getByText(/set aside/)).toHaveCount(0)
  const records = await reopened.evaluate(
    () =>
      new Promise<Array<{ id: string; response?: { status: number } }>>((resolve, reject) => {
        const open = indexedDB.open('handles-workbench')
        open.onerror = () => reject(new Error('open failed'))
        open.onsuccess = () => {
          const request = open.result.transaction('history').objectStore('history').getAll()
          request.onsuccess = () =>
            resolve(request.result as Array<{ id: string; response?: { status: number } }>)
        }
      }),
  )
  expect(records).toHaveLength(recorded)
  for (const record of records) expect(record.response?.status).toBe(201)

  // The run is still there, and can be resumed where it stopped.
  await reopened.getByRole('link', { name: 'Compose' }).click()
  await expect(reopened.getByRole('button', { name: 'Resume' })).toBeVisible()
})
