import { createServer, type Server } from 'node:http'
import { expect, test } from '@playwright/test'
import { fillInvite, resetSimulator, setToken } from './support'

const TOKEN = 'XBL3.0 x=2814679796296491;e2e-secret-token'

test.beforeEach(async ({ page, request }) => {
  await resetSimulator(request)
  await page.goto('/')
  await page.evaluate(() => localStorage.clear())
  await page.reload()
})

test('sending an invite to the simulator shows 201 and the new handle id', async ({
  page,
  request,
}) => {
  await setToken(page, TOKEN)
  await fillInvite(page)
  await page.getByRole('button', { name: 'Send', exact: true }).click()
  const response = page.getByRole('region', { name: 'Response' })
  await expect(response.getByLabel('Status')).toHaveText('201 Created')
  const handleId = await response.getByLabel('Invite handle id').innerText()
  expect(handleId).toMatch(/^[0-9a-f-]{36}$/)
  await expect(response.getByLabel('Response body')).toContainText(`"id": "${handleId}"`)
  await expect(response.getByLabel('Response body')).toContainText(
    '"senderXuid": "2814679796296491"',
  )

  // The simulator got exactly the previewed body, and never saw the token in its log.
  const received = (await (await request.get('/sim/__requests')).json()) as {
    requests: Array<{ method: string; path: string; body: string; headers: Record<string, string> }>
  }
  const post = received.requests.find((r) => r.method === 'POST' && r.path === '/handles')
  // Byte for byte what the Wire view shows (decision 101: compact JSON; the preview is laid out).
  await page.getByRole('button', { name: 'Wire' }).click()
  expect(post?.body).toBe(await page.getByLabel('Wire body').innerText())
  expect(post?.headers['x-xbl-contract-version']).toBe('107')
  expect(JSON.stringify(received)).not.toContain('e2e-secret-token')
})

test('with No Authorization the simulator answers 401, shown as MPSD’s answer, not a proxy failure', async ({
  page,
}) => {
  // A fresh install sends as the first simulated player (identities.spec.ts); this asks for none.
  await page.getByLabel('Act as').selectOption({ label: 'No Authorization' })
  await fillInvite(page)
  await page.getByRole('tab', { name: 'Headers' }).click()
  await expect(page.getByLabel('Request headers')).not.toContainText('Authorization')
  await page.getByRole('button', { name: 'Send', exact: true }).click()
  const response = page.getByRole('region', { name: 'Response' })
  await expect(response.getByLabel('Status')).toHaveText('401 Unauthorized')
  await expect(response.getByRole('alert')).toHaveCount(0)
})

test.describe('a custom upstream', () => {
  let server: Server
  test.beforeAll(async () => {
    server = createServer((req, res) => {
      res.writeHead(201, { 'Content-Type': 'application/json' })
      res.end(`{"from":"custom upstream","path":"${req.url}","big":18446744073709551615}`)
    })
    await new Promise<void>((resolve) =>
      server.listen(Number(process.env.E2E_PORT) + 1, '127.0.0.1', resolve),
    )
  })
  test.afterAll(async () => {
    await new Promise((resolve) => server.close(resolve))
  })

  test('switching Upstream to an allowed custom origin sends there and shows its answer', async ({
    page,
  }) => {
    const origin = `http://127.0.0.1:${Number(process.env.E2E_PORT) + 1}`
    await setToken(page, TOKEN)
    await page.getByLabel('Upstream').selectOption(origin)
    await page.getByRole('button', { name: 'Save settings' }).click()
    await expect(page.getByText('Settings saved.')).toBeVisible()
    await fillInvite(page)
    await page.getByRole('button', { name: 'Send', exact: true }).click()
    const body = page.getByRole('region', { name: 'Response' }).getByLabel('Response body')
    await expect(body).toContainText('"from": "custom upstream"')
    // 64-bit integers keep every digit.
    await expect(body).toContainText('18446744073709551615')
  })
})

test('a proxy failure reads as one, with what to do next', async ({ page }) => {
  await page.getByRole('link', { name: 'Settings' }).click()
  await page.getByLabel('Proxy URL').fill('http://127.0.0.1:9/proxy')
  await page.getByRole('button', { name: 'Save settings' }).click()
  await fillInvite(page)
  await page.getByRole('button', { name: 'Send', exact: true }).click()
  await expect(page.getByRole('region', { name: 'Response' }).getByRole('alert')).toContainText(
    'Proxy unreachable at http://127.0.0.1:9/proxy',
  )
})
