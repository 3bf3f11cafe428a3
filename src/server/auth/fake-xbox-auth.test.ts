// The fake's HTTP test hooks, as a journey in another process uses them: script the next sign-in,
// approve the code the dashboard showed, read what the fake received.
import { afterEach, expect, it } from 'vitest'
import { startAuthHarness, type AuthHarness } from './auth-test-harness'
import type { FakeRequest } from './fake-xbox-auth'

let h: AuthHarness

afterEach(async () => {
  await h.close()
})

it('lets another process script a sign-in, approve its code and read the requests', async () => {
  h = await startAuthHarness()
  const hook = (path: string, body?: unknown) =>
    fetch(`${h.fake.url}/__fake/${path}`, {
      method: body === undefined ? 'GET' : 'POST',
      body: body === undefined ? undefined : JSON.stringify(body),
    })
  expect((await hook('sign-ins', { waitForApproval: true, interval: 1 })).status).toBe(204)
  const started = await h.api('POST', '/sign-in', { body: { sandbox: 'XDKS.1' } })
  const userCode = String(started.json.userCode)
  await expect
    .poll(async () => (await h.api('GET', `/sign-in/${String(started.json.flowId)}`)).json.status)
    .toBe('pending')
  await expect.poll(() => h.fake.requestsTo('token').length).toBeGreaterThan(2)
  expect((await hook('approve', { userCode: 'WRONG' })).status).toBe(404)
  expect((await hook('approve', { userCode })).status).toBe(204)
  const outcome = await h.waitForOutcome(String(started.json.flowId))
  expect(outcome.status === 'signed-in' && outcome.identity.sandbox).toBe('XDKS.1')

  const received = (await (await hook('requests')).json()) as FakeRequest[]
  expect(received.map((r) => r.endpoint).filter((e, i, all) => all.indexOf(e) === i)).toEqual([
    'devicecode',
    'token',
    'user',
    'xsts',
  ])
  expect((await hook('reset', {})).status).toBe(204)
  expect(await (await hook('requests')).json()).toEqual([])
})
