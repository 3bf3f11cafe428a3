// The opt-in token cache: sign-ins survive a restart only through an encrypted, 0600 file, and a
// file the key cannot open is set aside with a warning, never a crash.
import { randomBytes } from 'node:crypto'
import { chmod, mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { createLogger } from '../logger'
import { readAuthConfig } from './auth-config'
import { startAuthHarness, TEST_SECOND_MS, type AuthHarness } from './auth-test-harness'
import { FAKE_DEFAULT_ACCOUNT } from './fake-xbox-auth'
import { createIdentities } from './identities'
import { decryptIdentities } from './token-cache'

const KEY = randomBytes(32)
const ID = `${FAKE_DEFAULT_ACCOUNT.xuid}.RETAIL`
const INVITEE = {
  ...FAKE_DEFAULT_ACCOUNT,
  xuid: '2535400000000002',
  gamertag: 'Invitee',
  uhs: '777',
}
const DAY = 24 * 3600_000

let dir: string
let file: string
let h: AuthHarness

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'token-cache-'))
  file = join(dir, 'state', 'tokens.json')
})

afterEach(async () => {
  await h.close()
  await rm(dir, { recursive: true, force: true })
})

async function start(key: string = KEY.toString('base64')) {
  h = await startAuthHarness({
    env: { WORKBENCH_TOKEN_CACHE: file, WORKBENCH_TOKEN_CACHE_KEY: key },
  })
}

/** The server after a restart: a new module from the same environment, against the same fake. */
async function restart(key: string = KEY.toString('hex')) {
  const logs: string[] = []
  const identities = createIdentities(
    readAuthConfig({ ...h.fake.env, WORKBENCH_TOKEN_CACHE: file, WORKBENCH_TOKEN_CACHE_KEY: key }),
    {
      logger: createLogger((line) => logs.push(line)),
      allowedHosts: ['127.0.0.1'],
      isLoopbackPeer: () => true,
      now: h.clock.now,
      secondMs: TEST_SECOND_MS,
    },
  )
  await identities.ready
  return { identities, store: identities.store, logs }
}

async function xboxLiveAccepts(header: string): Promise<boolean> {
  const answer = await fetch(`${h.fake.url}/handles`, { headers: { Authorization: header } })
  return answer.status === 200
}

describe('token cache (WORKBENCH_TOKEN_CACHE)', () => {
  it('keeps sign-ins across a restart in an encrypted file only its owner can read', async () => {
    await start()
    await h.signIn()
    await h.signIn({ account: INVITEE })
    await h.store.flush()

    expect((await stat(file)).mode & 0o777).toBe(0o600)
    const text = await readFile(file, 'utf8')
    for (const secret of h.fake.issuedSecrets()) expect(text).not.toContain(secret)
    expect(text).not.toContain('DevTester')
    expect(text).not.toContain(FAKE_DEFAULT_ACCOUNT.xuid)
    expect(JSON.parse(text)).toMatchObject({ type: 'handles-workbench/token-cache', version: 1 })

    const after = await restart()
    expect(after.store.list().map((v) => v.gamertag)).toEqual(['DevTester 42', 'Invitee'])
    expect(await xboxLiveAccepts(await after.store.authorizationHeader(ID))).toBe(true)
    // The cached refresh token works too: the whole chain renews after the user token's 14 days.
    h.clock.advance(15 * DAY)
    expect(await xboxLiveAccepts(await after.store.authorizationHeader(ID))).toBe(true)
    await after.identities.close()

    // That renewal rotated the refresh token and the cache kept the new one (the fake refuses the old).
    const third = await restart()
    h.clock.advance(15 * DAY)
    expect(await xboxLiveAccepts(await third.store.authorizationHeader(ID))).toBe(true)
    await third.identities.close()
  })

  it('forgets a signed-out identity in the file as well', async () => {
    await start()
    await h.signIn()
    await h.signIn({ account: INVITEE })
    expect((await h.api('DELETE', `/${ID}`)).status).toBe(204)
    const { identities } = decryptIdentities(await readFile(file, 'utf8'), KEY)
    expect(identities.map((i) => i.xsts.claims.gamertag)).toEqual(['Invitee'])
    const after = await restart()
    expect(after.store.list().map((v) => v.gamertag)).toEqual(['Invitee'])
    await after.identities.close()
  })

  it('starts with no saved sign-ins, and a warning, when the key is not the one the file was written with', async () => {
    await start()
    await h.signIn()
    await h.store.flush()
    const other = randomBytes(32).toString('base64')
    const after = await restart(other)
    expect(after.store.list()).toEqual([])
    expect(after.logs.join('\n')).toMatch(
      /could not be decrypted with WORKBENCH_TOKEN_CACHE_KEY.*starting with no saved sign-ins/,
    )
    await after.identities.close()
  })

  it('ignores a tampered or damaged file with a warning', async () => {
    await start()
    await h.signIn()
    await h.store.flush()
    const envelope = JSON.parse(await readFile(file, 'utf8')) as { data: string }
    const data = Buffer.from(envelope.data, 'base64')
    data[data.length - 1]! ^= 1
    await writeFile(file, JSON.stringify({ ...envelope, data: data.toString('base64') }))
    const tampered = await restart()
    expect(tampered.store.list()).toEqual([])
    expect(tampered.logs.join('\n')).toMatch(/could not be decrypted/)
    await tampered.identities.close()

    await writeFile(file, 'not json at all')
    const damaged = await restart()
    expect(damaged.store.list()).toEqual([])
    expect(damaged.logs.join('\n')).toMatch(/could not be decrypted/)
    await damaged.identities.close()
  })

  it('warns about a file others can read and rewrites it with mode 0600 at the next change', async () => {
    await start()
    await h.signIn()
    await h.store.flush()
    await chmod(file, 0o644)
    const after = await restart()
    expect(after.logs.join('\n')).toMatch(/readable by other users/)
    expect(after.store.list()).toHaveLength(1)
    await after.store.authorizationHeader(ID, { forceRefresh: true })
    await after.store.flush()
    expect((await stat(file)).mode & 0o777).toBe(0o600)
    await after.identities.close()
  })
})
