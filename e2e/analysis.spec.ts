import { expect, test } from '@playwright/test'
import { resetSimulator, SCID, setToken } from './support'

const TOKEN = 'XBL3.0 x=2814679796296491;e2e-analysis-secret'

test.beforeEach(async ({ page, request }) => {
  await resetSimulator(request)
  await page.goto('/')
})

test('identical calls sent quickly show as repeated-calls findings that link to History', async ({
  page,
}) => {
  await setToken(page, TOKEN)
  await page.getByRole('link', { name: 'Compose' }).click()
  await page.getByRole('radio', { name: 'Activity' }).check()
  await page.getByLabel('SCID', { exact: true }).fill(SCID)
  await page.getByLabel('Template name').fill('deathmatch')
  await page.getByLabel('Session name').fill('session-analysis')
  // Five identical activity calls, one right after another (each click waits for the last answer).
  const send = page.getByRole('button', { name: 'Send', exact: true })
  for (let i = 0; i < 5; i++) await send.click()
  await expect(send).toBeEnabled()
  await expect(page.getByRole('region', { name: 'Response' }).getByLabel('Status')).toHaveText(
    '204 No Content',
  )

  await page.getByRole('link', { name: 'Analysis' }).click()
  await expect(page.getByRole('heading', { name: 'Analysis', level: 2 })).toBeVisible()
  const findings = page.getByRole('region', { name: 'Findings' })
  await expect(findings.getByRole('status')).toContainText('5 calls analysed, grouped per console')

  // Timing-proof on a busy machine: however the five sends spread out, the first two identical
  // calls are seconds apart at most, so at least one repeated-calls finding with 2+ calls exists.
  // (The exact windows and the burst rule are pinned by the unit tests in src/mpsd/trace-rules.)
  const repeated = findings
    .getByRole('article')
    .filter({ has: page.getByRole('heading', { name: /^repeated-calls/ }) })
    .first()
  await expect(repeated).toContainText(
    /The same call \(same URI and body\) was made [2-5] times within 5 s\./,
  )
  await expect(repeated).toContainText('Per console: this browser · endpoint simulator')
  await expect.poll(() => repeated.getByRole('link').count()).toBeGreaterThanOrEqual(2)

  // A call's link opens that History entry.
  await repeated.getByRole('link').first().click()
  await expect(page).toHaveURL(/\/history\?id=/)
  await expect(
    page.getByRole('region', { name: 'Entry' }).getByLabel('Request as sent'),
  ).toContainText('"type": "activity"')
})
