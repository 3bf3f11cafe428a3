// Environments and {{variables}} (decision 131): the top bar's Environment changes what the preview
// and Send use, a shared preset keeps {{scid}} and resolves in each person's own environment, an
// unknown variable stops Send at its field, and environments export and import as Postman files
// without their secrets. An environment's upstream and actAs steer the Session panel's "Create
// session and send" as they steer Send, and the Act as menu says it is overridden.
import { readFile } from 'node:fs/promises'
import { expect, test, type Page } from '@playwright/test'
import { resetSimulator } from './support'

const SCID_DEV = 'bd6c41c3-01c3-468a-a3b5-3e0fe8133862'
const SCID_CERT = '00000000-0000-0000-0000-00007ff8b1f4'
const SCID_OTHER = '11111111-2222-4333-8444-555555555555'
const SECRET = 'e2e-environment-secret-value'
const CLEO = '2533274790000002'

test.use({ permissions: ['clipboard-read', 'clipboard-write'] })

test.beforeEach(async ({ page, request }) => {
  // The environments' SCIDs get the journeys' sessions, so their sends meet the strict rules.
  await resetSimulator(request, [SCID_DEV, SCID_CERT])
  await page.goto('/')
  await page.evaluate(() => localStorage.clear())
  await page.reload()
})

/** Settings → Environments: a new environment with these values for its variables. */
async function createEnvironment(page: Page, name: string, values: Record<string, string>) {
  await page.getByRole('link', { name: 'Settings' }).click()
  await page.getByLabel('New environment name').fill(name)
  await page.getByRole('button', { name: 'Create environment' }).click()
  await expect(page.getByText(`Created "${name}".`)).toBeVisible()
  for (const [key, value] of Object.entries(values))
    await page.getByLabel(`Value of ${key}`, { exact: true }).fill(value)
  await page.getByRole('button', { name: 'Save environment' }).click()
  await expect(page.getByText(`Saved ${name}.`)).toBeVisible()
}

async function chooseEnvironment(page: Page, name: string) {
  await page.getByLabel('Environment', { exact: true }).selectOption({ label: name })
}

/**
 * Settings send to Xbox Live (unreachable here) as the Act as menu's choice; the chosen environment
 * "Sim" sends to the simulator as Cleo. What follows the environment goes to the simulator.
 */
async function chooseSimAsCleoOverXboxLive(page: Page) {
  await page.getByRole('link', { name: 'Settings' }).click()
  await page.getByLabel('Upstream').selectOption({ label: 'Xbox Live' })
  await createEnvironment(page, 'Sim', {
    scid: SCID_DEV,
    titleId: '1234',
    upstream: 'simulator',
    actAs: CLEO,
  })
  await chooseEnvironment(page, 'Sim')
}

/** Compose → Invite with {{scid}} and {{titleId}} from the environment. */
async function fillInviteWithVariables(page: Page, scid = '{{scid}}') {
  await page.getByRole('link', { name: 'Compose' }).click()
  await page.getByRole('radio', { name: 'Invite' }).check()
  await page.getByLabel('SCID', { exact: true }).fill(scid)
  await page.getByLabel('Template name').fill('deathmatch')
  await page.getByLabel('Session name').fill('session-49')
  await page.getByLabel('Invited XUID').fill('2533274790000001')
  await page.getByLabel('Title ID').fill('{{titleId}}')
}

test('switching the Environment in the top bar changes the preview, and Send uses it', async ({
  page,
  request,
}) => {
  await createEnvironment(page, 'Dev', { scid: SCID_DEV, titleId: '1234' })
  await createEnvironment(page, 'Cert', { scid: SCID_CERT, titleId: '5678' })
  await fillInviteWithVariables(page)

  const body = page.getByLabel('Request body')
  const used = page.getByRole('list', { name: 'Variables used' })
  await chooseEnvironment(page, 'Dev')
  await expect(body).toContainText(`"scid": "${SCID_DEV}"`)
  await expect(body).toContainText('"titleId": "1234"')
  await expect(used).toContainText('SCID: scid ← Dev environment')
  await expect(page.getByLabel('SCID', { exact: true })).toHaveAttribute('aria-invalid', 'false')

  await chooseEnvironment(page, 'Cert')
  await expect(body).toContainText(`"scid": "${SCID_CERT}"`)
  await expect(body).toContainText('"titleId": "5678"')
  await expect(used).toContainText('Title ID: titleId ← Cert environment')
  // The field keeps the reference; only what goes out is resolved.
  await expect(page.getByLabel('SCID', { exact: true })).toHaveValue('{{scid}}')

  await page.getByRole('button', { name: 'Send', exact: true }).click()
  await expect(page.getByRole('region', { name: 'Response' }).getByLabel('Status')).toHaveText(
    '201 Created',
  )
  const received = (await (await request.get('/sim/__requests')).json()) as {
    requests: Array<{ method: string; body: string }>
  }
  expect(received.requests.some((r) => r.body.includes(SCID_CERT))).toBe(true)
  expect(received.requests.some((r) => r.body.includes('{{'))).toBe(false)

  // The choice is a setting: it survives a reload.
  await page.reload()
  await expect(page.getByLabel('Environment', { exact: true })).toHaveValue(/.+/)
  await expect(page.getByLabel('Request body')).toContainText(`"scid": "${SCID_CERT}"`)
})

test('the environment’s upstream and actAs: Act as says it is overridden, and "Create session and send" goes where Send goes, as Send’s player', async ({
  page,
  request,
}) => {
  await chooseSimAsCleoOverXboxLive(page)

  const actAs = page.getByLabel('Act as')
  const overridden = `Overridden by environment “Sim”: Compose sends as Sim Cleo (${CLEO}).`
  await expect(actAs).toHaveAccessibleDescription(overridden)
  await expect(page.getByRole('note')).toHaveText(overridden)
  // Still a choice the user can make: it applies again without this environment.
  await actAs.selectOption('sim:2533274790000001')
  await expect(actAs).toHaveValue('sim:2533274790000001')
  await expect(actAs).toHaveAccessibleDescription(overridden)

  await fillInviteWithVariables(page)
  await page.getByLabel('Session name').fill('env-lobby')
  const panel = page.getByRole('region', { name: 'Session', exact: true })
  // The automatic check runs because the environment's upstream is the simulator.
  await expect(panel.getByRole('status', { name: 'Session state' })).toHaveText(
    'Session env-lobby does not exist.',
  )
  await panel
    .getByLabel('Before you send')
    .getByRole('button', { name: 'Create session and send' })
    .click()
  const response = page.getByRole('region', { name: 'Response' })
  await expect(response.getByLabel('Status')).toHaveText('201 Created')
  await expect(response).toContainText(`"senderXuid": "${CLEO}"`)
  await expect(panel.getByRole('status', { name: 'Session state' })).toHaveText(
    `Session env-lobby exists: 1 member; Sim Cleo (${CLEO}) is active.`,
  )
  const received = (await (await request.get('/sim/__requests')).json()) as {
    requests: Array<{ method: string; path: string; body: string }>
  }
  const created = received.requests.find(
    (r) => r.method === 'PUT' && r.path.endsWith('/sessions/env-lobby'),
  )
  expect(created?.body).toContain(`"xuid":"${CLEO}"`)
})

test('Batch invites go where Send goes, as Send’s player: the environment’s upstream and actAs', async ({
  page,
  request,
}) => {
  await chooseSimAsCleoOverXboxLive(page)
  await fillInviteWithVariables(page)
  await page.getByRole('tab', { name: 'Batch invites', exact: true }).click()
  await page
    .getByLabel('Invited XUIDs', { exact: true })
    .fill(['2533274790000001', '2533274790000003'].join('\n'))
  await page.getByRole('button', { name: 'Send invites' }).click()
  await expect(page.getByRole('progressbar', { name: 'Batch progress' })).toHaveAttribute(
    'value',
    '2',
  )
  const results = page.getByRole('table', { name: 'Batch results' })
  await expect(results.locator('tr[data-kind="sent"]')).toHaveCount(2)

  // Both invites reached the simulator, not Xbox Live, and Cleo sent them.
  const received = (await (await request.get('/sim/__requests')).json()) as {
    requests: Array<{ method: string; path: string }>
  }
  expect(
    received.requests.filter((r) => r.method === 'POST' && r.path === '/handles'),
  ).toHaveLength(2)
  await page.getByRole('link', { name: 'Handles' }).click()
  const handles = page.getByRole('table', { name: 'Invite handles' }).locator('tbody tr')
  await expect(handles).toHaveCount(2)
  await expect(handles.filter({ hasText: CLEO })).toHaveCount(2)
})

test('an unknown variable is an error at its field, and Send stays blocked', async ({
  page,
  request,
}) => {
  await createEnvironment(page, 'Dev', { scid: SCID_DEV, titleId: '1234' })
  await fillInviteWithVariables(page, '{{sicd}}')
  await chooseEnvironment(page, 'Dev')
  const scid = page.getByLabel('SCID', { exact: true })
  await expect(scid).toHaveAttribute('aria-invalid', 'true')
  await expect(scid).toHaveAccessibleDescription(/\{\{sicd\}\} is not defined in environment "Dev"/)
  await expect(page.getByRole('button', { name: 'Send', exact: true })).toBeDisabled()
  await expect(page.getByLabel('Title ID')).toHaveAttribute('aria-invalid', 'false')

  // Without an environment, every reference is unknown.
  await chooseEnvironment(page, 'No environment')
  await expect(page.getByLabel('Title ID')).toHaveAccessibleDescription(/none is chosen/)
  await scid.fill('{{scid}}')
  await expect(page.getByRole('button', { name: 'Send', exact: true })).toBeDisabled()
  await page.getByLabel('Title ID').press('Enter')
  const received = (await (await request.get('/sim/__requests')).json()) as {
    requests: Array<{ path: string }>
  }
  // Only the set-up's session writes reached the simulator: no handle was posted.
  expect(received.requests.filter((r) => r.path.startsWith('/handles'))).toHaveLength(0)
})

test('a preset with {{scid}} shared by link resolves in the other browser’s own environment', async ({
  page,
  browser,
}) => {
  await createEnvironment(page, 'Dev', { scid: SCID_DEV, titleId: '1234' })
  await fillInviteWithVariables(page)
  await chooseEnvironment(page, 'Dev')
  await expect(page.getByLabel('Request body')).toContainText(SCID_DEV)

  await page.getByRole('button', { name: 'Save preset' }).click()
  const dialog = page.getByRole('dialog', { name: 'Save preset' })
  await dialog.getByLabel('Preset name').fill('Env invite')
  await dialog.getByRole('button', { name: 'Save', exact: true }).click()
  await expect(page.getByText('Saved preset “Env invite”.')).toBeVisible()

  await page.getByRole('link', { name: 'Presets' }).click()
  const card = page.getByRole('article', { name: 'Env invite' })
  await card.getByRole('button', { name: 'Copy share link' }).click()
  const linkField = page.getByLabel('Share link')
  await expect(linkField).toHaveValue(/#preset=/)
  const link = await linkField.inputValue()

  const fresh = await browser.newContext()
  try {
    const other = await fresh.newPage()
    await other.goto('/')
    await createEnvironment(other, 'Mine', { scid: SCID_OTHER, titleId: '42' })
    await chooseEnvironment(other, 'Mine')
    await other.goto(link)
    const shared = other.getByRole('dialog', { name: 'Shared preset' })
    await expect(shared).toContainText('{{scid}}')
    await shared.getByRole('button', { name: 'Save shared preset' }).click()
    await other
      .getByRole('article', { name: 'Env invite' })
      .getByRole('button', { name: 'Load' })
      .click()
    await expect(other.getByLabel('SCID', { exact: true })).toHaveValue('{{scid}}')
    await expect(other.getByLabel('Request body')).toContainText(`"scid": "${SCID_OTHER}"`)
    await expect(other.getByLabel('Request body')).toContainText('"titleId": "42"')
    await expect(other.getByRole('list', { name: 'Variables used' })).toContainText(
      'SCID: scid ← Mine environment',
    )
  } finally {
    await fresh.close()
  }
})

test('an environment exports to a Postman file without its secret, and imports in another browser', async ({
  page,
  browser,
}) => {
  await createEnvironment(page, 'Dev', { scid: SCID_DEV, titleId: '1234' })
  await page.getByRole('button', { name: 'Add variable' }).click()
  await page.getByLabel('Name of variable 7').fill('launchKey')
  await page.getByLabel('Value of launchKey').fill(SECRET)
  await page.getByLabel('launchKey is secret').check()
  await page.getByRole('button', { name: 'Save environment' }).click()
  await expect(page.getByText('Saved Dev.')).toBeVisible()

  // A secret used in a field goes out, but is never kept in History.
  await fillInviteWithVariables(page)
  await page.getByLabel('Context', { exact: true }).fill('{{launchKey}}')
  await chooseEnvironment(page, 'Dev')
  await page.getByRole('button', { name: 'Send', exact: true }).click()
  await expect(page.getByRole('region', { name: 'Response' }).getByLabel('Status')).toHaveText(
    '201 Created',
  )
  const history = await page.evaluate(
    () =>
      new Promise<string>((resolve, reject) => {
        const open = indexedDB.open('handles-workbench')
        open.onerror = () => reject(new Error('cannot open'))
        open.onsuccess = () => {
          const all = open.result.transaction('history').objectStore('history').getAll()
          all.onsuccess = () => resolve(JSON.stringify(all.result))
        }
      }),
  )
  expect(history).toContain(SCID_DEV)
  expect(history).not.toContain(SECRET)

  await page.getByRole('link', { name: 'Settings' }).click()
  const downloading = page.waitForEvent('download')
  await page.getByRole('button', { name: 'Export environment' }).click()
  const download = await downloading
  expect(download.suggestedFilename()).toBe('Dev.postman_environment.json')
  const text = await readFile((await download.path()) ?? '', 'utf8')
  expect(text).not.toContain(SECRET)
  expect(JSON.parse(text)).toMatchObject({
    name: 'Dev',
    _postman_variable_scope: 'environment',
    values: expect.arrayContaining([
      { key: 'scid', value: SCID_DEV, type: 'default', enabled: true },
      { key: 'launchKey', value: '', type: 'secret', enabled: true },
    ]) as unknown,
  })

  const fresh = await browser.newContext()
  try {
    const other = await fresh.newPage()
    await other.goto('/settings')
    const file = other.getByLabel('Import environment')
    await file.setInputFiles({
      name: 'broken.json',
      mimeType: 'application/json',
      buffer: Buffer.from('{"name": "x", "values": '),
    })
    await expect(other.getByRole('alert')).toContainText('broken.json: The file is not valid JSON')
    await file.setInputFiles({
      name: 'Dev.postman_environment.json',
      mimeType: 'application/json',
      buffer: Buffer.from(text),
    })
    await expect(other.getByText(/Imported Dev.postman_environment.json as "Dev"/)).toBeVisible()
    await expect(other.getByLabel('Value of scid')).toHaveValue(SCID_DEV)
    await expect(other.getByLabel('Value of launchKey')).toHaveValue('')
    await expect(other.getByLabel('launchKey is secret')).toBeChecked()
    await chooseEnvironment(other, 'Dev')
    await fillInviteWithVariables(other)
    await expect(other.getByLabel('Request body')).toContainText(SCID_DEV)
  } finally {
    await fresh.close()
  }
})
