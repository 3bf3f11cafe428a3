// Multiplayer Activity (issue 15, decision 110), against the simulator, as a new user would follow
// README's "Multiplayer Activity" section: set an activity, query it, invite three players in one
// call, and find the invite in each one's Inbox with the accept URI a GDK title receives.
import { expect, test } from '@playwright/test'
import { resetSimulator } from './support'

const TITLE = '1717113201'
const ANA = '2814679796296491'
const CONNECTION = 'srv=203.0.113.7:7777;lobby=7f3c'
const INVITEES = [
  { gamertag: 'Sim Ben', xuid: '2533274790000001' },
  { gamertag: 'Sim Cleo', xuid: '2533274790000002' },
  { gamertag: 'Sim Dev', xuid: '2533274790000003' },
]

test.beforeEach(async ({ page, request }) => {
  await resetSimulator(request)
  await page.goto('/')
  await page.evaluate(() => localStorage.clear())
  await page.reload()
})

test('set an MPA activity, query it, invite three players, and each finds the invite in their Inbox', async ({
  page,
}) => {
  const status = page.getByRole('region', { name: 'Response' }).getByLabel('Status')
  const send = page.getByRole('button', { name: 'Send', exact: true })
  // The request pane's tabs (Fields, Activity tools…) and the preview's (Preview, Headers…).
  const tab = (name: string) => page.getByRole('tab', { name, exact: true }).click()

  // Set activity: the User XUID starts as the player acting (Sim Ana).
  await page.getByLabel('Service').selectOption({ label: 'Multiplayer Activity' })
  await expect(page.getByRole('radio', { name: 'Set activity' })).toBeChecked()
  await expect(page.getByLabel('User XUID')).toHaveValue(ANA)
  await page.getByLabel('Title ID').fill(TITLE)
  await page.getByLabel('Connection string').fill(CONNECTION)
  await page.getByLabel('Join restriction').selectOption('Followed')
  await page.getByLabel('Max players').fill('8')
  await page.getByLabel('Current players').fill('3')
  await page.getByLabel('Group ID').fill('lobby-7f3c')
  await expect(page.getByLabel('Request line')).toContainText(
    `PUT http://127.0.0.1:${process.env.E2E_PORT}/sim/titles/${TITLE}/users/${ANA}/activities`,
  )
  await tab('Headers')
  await expect(page.getByLabel('Request headers')).toContainText('x-xbl-contract-version: 1')
  await tab('Preview')
  // Compact, in the SDK's order, the "auto" sequence number a JSON number, no platform (cross-play).
  await page.getByRole('button', { name: 'Wire' }).click()
  await expect(page.getByLabel('Wire body')).toHaveText(
    /^\{"sequenceNumber":\d{11,},"connectionString":"srv=203\.0\.113\.7:7777;lobby=7f3c","joinRestriction":"Followed","maxPlayers":8,"currentPlayers":3,"groupId":"lobby-7f3c"\}$/,
  )
  await send.click()
  await expect(status).toHaveText('204 No Content')

  // A field the docs disagree on warns without refusing.
  await page.getByRole('radio', { name: 'Send invites' }).check()
  await page.getByLabel('Platform').selectOption('IOS')
  await expect(page.getByText(/REST reference spells it IOS/)).toBeVisible()
  await page.getByLabel('Platform').selectOption('')

  // Query it, as Sim Ben.
  await page.getByLabel('Act as').selectOption({ label: 'Sim Ben · 2533274790000001' })
  await page.getByRole('radio', { name: 'Query activities' }).check()
  await page.getByLabel('Users', { exact: true }).fill(ANA)
  await send.click()
  await expect(status).toHaveText('200 OK')
  const response = page.getByRole('region', { name: 'Response' })
  await expect(response).toContainText(`"userId": "${ANA}"`)
  await expect(response).toContainText(`"connectionString": "${CONNECTION}"`)
  // Join: the connection string Sim Ben's title would get.
  await tab('Activity tools')
  await page.getByRole('button', { name: 'Find activities' }).click()
  await expect(page.getByText('1 activity found.')).toBeVisible()
  await page.getByRole('button', { name: 'Join' }).click()
  await expect(
    page.getByText(`The title would get the connection string ${CONNECTION}`),
  ).toBeVisible()

  // Invite three players in one call, as Sim Ana.
  await page.getByLabel('Act as').selectOption({ label: 'Sim Ana · 2814679796296491' })
  await tab('Fields')
  await page.getByRole('radio', { name: 'Send invites' }).check()
  await expect(page.getByLabel('Connection string')).toHaveValue(CONNECTION)
  await page.getByLabel('Invited users').fill(INVITEES.map((p) => p.xuid).join('\n'))
  await expect(page.getByLabel('Wire body')).toHaveText(
    `{"connectionString":"${CONNECTION}","invitedUsers":["${INVITEES.map((p) => p.xuid).join('","')}"]}`,
  )
  await send.click()
  await expect(status).toHaveText('204 No Content')

  for (const invitee of INVITEES) {
    await page.getByLabel('Act as').selectOption({ label: `${invitee.gamertag} · ${invitee.xuid}` })
    await page.getByRole('link', { name: 'Inbox' }).click()
    const table = page.getByRole('table', { name: 'Multiplayer Activity invites' })
    const row = table.getByRole('row').filter({ hasText: 'Sim Ana' })
    await expect(row).toHaveCount(1)
    await expect(row).toContainText(TITLE)
    await expect(row).toContainText(CONNECTION)
    await expect(row).toContainText(
      `ms-xbl-multiplayer://inviteAccept?invitedUser=${invitee.xuid}&sender=${ANA}&connectionString=${encodeURIComponent(CONNECTION)}`,
    )
    await page.getByRole('link', { name: 'Compose' }).click()
  }

  // History files each call under the service and its kind.
  await page.getByRole('link', { name: 'History' }).click()
  const rows = page
    .getByRole('grid', { name: 'History' })
    .getByRole('row')
    .filter({ has: page.getByRole('gridcell') })
  await page.getByLabel('Service').selectOption({ label: 'MPSD handles' })
  await expect(rows).toHaveCount(0)
  await page.getByLabel('Service').selectOption({ label: 'Multiplayer Activity' })
  await expect(rows).toHaveCount(4)
  await page.getByLabel('Type').selectOption('mpaSendInvites')
  await expect(rows).toHaveCount(1)
  await expect(rows.first()).toContainText('204')
})

test('a batch of 20 invitees goes out in two MPA calls of at most 16', async ({ page }) => {
  await page.getByLabel('Service').selectOption({ label: 'Multiplayer Activity' })
  await page.getByRole('radio', { name: 'Send invites' }).check()
  await page.getByLabel('Title ID').fill(TITLE)
  await page.getByLabel('Connection string').fill(CONNECTION)
  const invitees = [
    INVITEES[0]?.xuid ?? '',
    ...Array.from({ length: 19 }, (_, i) => String(2533274790000100 + i)),
  ]
  await page.getByRole('tab', { name: 'Batch invites', exact: true }).click()
  await page.getByLabel('Invitees').fill(invitees.join('\n'))
  await page.getByRole('button', { name: 'Invite in 2 calls' }).click()
  const calls = page.getByRole('list', { name: 'Batch calls' }).getByRole('listitem')
  await expect(calls).toHaveText([
    /^16 invitees \(2533274790000001…\): sent — 204$/,
    /^4 invitees \(2533274790000115…\): sent — 204$/,
  ])
  await page.getByLabel('Act as').selectOption({ label: 'Sim Ben · 2533274790000001' })
  await page.getByRole('link', { name: 'Inbox' }).click()
  await expect(
    page.getByRole('table', { name: 'Multiplayer Activity invites' }).getByRole('row'),
  ).toHaveCount(2)
})
