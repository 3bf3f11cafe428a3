// Test-only wiring for the sign-in tests: the loopback fake, the identities module configured from
// the fake's environment variables exactly as the server will do it, mounted at /api/identities on
// a real loopback server, a clock the test moves, and a record of every answer the API gave (for
// the no-token-in-any-answer check). Only *.test.ts files import this.
import { serve } from '@hono/node-server'
import { getConnInfo } from '@hono/node-server/conninfo'
import { Hono } from 'hono'
import type { Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import type { SignInStatus } from '../../mpsd/identity'
import { createLogger } from '../logger'
import { readAuthConfig } from './auth-config'
import { startFakeXboxAuth, type FakeOptions, type FakeSignIn } from './fake-xbox-auth'
import { createIdentities } from './identities'

export const TEST_CLIENT_ID = '00001111-aaaa-2222-bbbb-3333cccc4444'
/** A protocol second lasts 4 ms: Microsoft's 5 s interval becomes 20 ms. */
export const TEST_SECOND_MS = 4

export function createClock(start = Date.parse('2026-11-29T10:00:00Z')) {
  let time = start
  return {
    now: () => time,
    advance(ms: number) {
      time += ms
    },
  }
}

export type HarnessOptions = {
  env?: NodeJS.ProcessEnv
  fake?: FakeOptions
  refreshMarginMs?: number
}

export async function startAuthHarness(options: HarnessOptions = {}) {
  const clock = createClock()
  const fake = await startFakeXboxAuth({
    now: clock.now,
    secondMs: TEST_SECOND_MS,
    ...options.fake,
  })
  const config = readAuthConfig({
    ...fake.env,
    WORKBENCH_MSA_CLIENT_ID: TEST_CLIENT_ID,
    WORKBENCH_AUTH_TIMEOUT_MS: '5000',
    ...options.env,
  })
  const logs: string[] = []
  const logger = createLogger((line) => logs.push(line))
  const identities = createIdentities(config, {
    logger,
    allowedHosts: ['127.0.0.1'],
    isLoopbackPeer: (c) => /^(127\.|::1$|::ffff:127\.)/.test(getConnInfo(c).remote.address ?? ''),
    now: clock.now,
    secondMs: TEST_SECOND_MS,
    refreshMarginMs: options.refreshMarginMs,
  })
  const root = new Hono()
  root.route('/api/identities', identities.app)
  const server = await new Promise<Server>((resolve, reject) => {
    const s = serve({ fetch: root.fetch, hostname: '127.0.0.1', port: 0 }) as Server
    s.once('listening', () => resolve(s))
    s.once('error', reject)
  })
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
  /** The raw text of every answer the identities API gave during the test. */
  const answers: string[] = []

  async function api(
    method: string,
    path: string,
    init: { body?: unknown; headers?: Record<string, string> } = {},
  ) {
    const response = await fetch(`${url}/api/identities${path}`, {
      method,
      headers: {
        ...(init.body === undefined ? {} : { 'Content-Type': 'application/json' }),
        ...init.headers,
      },
      body: init.body === undefined ? undefined : JSON.stringify(init.body),
    })
    const text = await response.text()
    answers.push(`${response.status} ${JSON.stringify([...response.headers])} ${text}`)
    return {
      status: response.status,
      headers: response.headers,
      json: (text ? JSON.parse(text) : undefined) as Record<string, unknown> & {
        message?: string
        error?: string
      },
    }
  }

  /** Reads the flow's status until it is no longer pending, as the dashboard will. */
  async function waitForOutcome(flowId: string, seenPending: { count: number } = { count: 0 }) {
    const deadline = Date.now() + 10_000
    for (;;) {
      const { json } = await api('GET', `/sign-in/${flowId}`)
      const status = json as unknown as SignInStatus
      if (status.status !== 'pending') return status
      seenPending.count++
      if (Date.now() > deadline) throw new Error('sign-in still pending after 10 s')
      await new Promise((resolve) => setTimeout(resolve, 5))
    }
  }

  /** Queues a script on the fake, starts sign-in through the API and waits for the outcome. */
  async function signIn(script: FakeSignIn = {}, body: Record<string, string> = {}) {
    fake.queueSignIn(script)
    const started = await api('POST', '/sign-in', { body })
    if (started.status !== 201)
      throw new Error(`sign-in did not start: ${started.status} ${JSON.stringify(started.json)}`)
    return waitForOutcome(String(started.json.flowId))
  }

  return {
    clock,
    fake,
    config,
    identities,
    store: identities.store,
    logs,
    url,
    answers,
    api,
    signIn,
    waitForOutcome,
    async close() {
      await identities.close()
      server.closeAllConnections()
      await new Promise<void>((resolve) => server.close(() => resolve()))
      await fake.close()
    },
  }
}

export type AuthHarness = Awaited<ReturnType<typeof startAuthHarness>>
