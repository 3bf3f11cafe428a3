// Sessions and invites end to end (issue 14, "Done when"): as Sim Ana, create a session, set an
// activity and invite Sim Ben (the Session panel says Send would be refused until the session
// exists, and "Create session and send" does both); Ben finds the invite in his Inbox, with what
// his title receives, accepts it, and the session shows both members active. An invite to a
// session that does not exist is refused with the simulator rule named, and accepted once that
// rule is lenient (Settings → Simulator rules).
import { expect, test, type Page } from '@playwright/test'
import { SCID } from './support'

const ANA = { label: 'Sim Ana · 2814679796296491', who: 'Sim Ana (2814679796296491)' }
const BEN = { label: 'Sim Ben · 2533274790000001', who: 'Sim Ben (2533274790000001)' }
const SESSION = 'story-lobby'
const RULE = 'Invite needs an existing session'

test.beforeEach(async ({ page, request }) => {
  // A fresh simulator: no sessions, every rule strict.
  await request.post('/sim/__reset')
  await page.goto('/')
  await page.evaluate(() => localStorage.clear())
  await page.reload()
})
test.afterEach(async ({ request }) => {
  // The journeys after this one expect the strict default back.
  await request.post('/sim/__reset')
})

async function composeFor(page: Page, kind: string, session: string) {
  await page.getByRole('link', { name: 'Compose' }).click()
  await page.getByRole('radio', { name: kind }).check()
  await page.getByLabel('SCID', { exact: true }).fill(SCID)
  await page.getByLabel('Template name').fill('deathmatch')
  await page.getByLabel('Session name').fill(session)
}

const sessionPanel = (page: Page) => page.getByRole('region', { name: 'Session', exact: true })
const sessionState = (page: Page) =>
  sessionPanel(page).getByRole('status', { name: 'Session state' })
const response = (page: Page) => page.getByRole('region', { name: 'Response' })

test('Ana creates a session, sets an activity and invites Ben; Ben accepts and both are active', async ({
  page,
}) => {
  await page.getByLabel('Act as').selectOption({ label: ANA.label })
  await composeFor(page, 'Activity', SESSION)

  // Before anything is sent: no session, so the activity would be refused, and the fix is offered.
  await expect(sessionState(page)).toHaveText(`Session ${SESSION} does not exist.`)
  const warning = sessionPanel(page).getByLabel('Before you send')
  await expect(warning).toContainText('Activity needs an active member')
  await warning.getByRole('button', { name: 'Create session and send' }).click()
  await expect(response(page).getByLabel('Status')).toHaveText('204 No Content')
  await expect(sessionState(page)).toHaveText(
    `Session ${SESSION} exists: 1 member; ${ANA.who} is active.`,
  )
  await expect(warning).toHaveCount(0)

  // The invite: Ana is a member, so nothing stands in the way.
  await page.getByRole('radio', { name: 'Invite' }).check()
  await page.getByLabel('Invited XUID').fill('2533274790000001')
  await page.getByLabel('Title ID').fill('1234')
  await page.getByRole('button', { name: 'Send', exact: true }).click()
  await expect(response(page).getByLabel('Status')).toHaveText('201 Created')
  const handleId = await response(page).getByLabel('Invite handle id').innerText()

  // Ben's Inbox: the invite, the activation URI and the notification his title would get.
  await page.getByLabel('Act as').selectOption({ label: BEN.label })
  await page.getByRole('link', { name: 'Inbox' }).click()
  const row = page.getByRole('table', { name: 'Invites' }).getByRole('row').nth(1)
  await expect(row).toContainText(`deathmatch/${SESSION}`)
  await expect(row).toContainText(
    `ms-xbl-multiplayer://inviteHandleAccept?handle=${handleId}&invitedXuid=2533274790000001&senderXuid=2814679796296491`,
  )
  await row.getByText('Notification payload').click()
  await expect(row.getByLabel('Notification payload')).toContainText(`"id": "${handleId}"`)
  await expect(row.getByLabel('Notification payload')).toContainText('"sender": "Sim Ana"')
  await expect(row.getByRole('button', { name: 'Copy notification' })).toBeVisible()

  // Accept: Ben joins through the handle, and sees the session with both members active.
  await row.getByRole('button', { name: 'Accept' }).click()
  const members = page
    .getByRole('region', { name: 'Accepted session' })
    .getByRole('table', { name: 'Members of the accepted session' })
  await expect(members.getByRole('row')).toHaveCount(3)
  await expect(members.getByRole('row').nth(1)).toContainText(/Sim Ana.*2814679796296491.*active/)
  await expect(members.getByRole('row').nth(2)).toContainText(
    /Sim Ben \(you\).*2533274790000001.*active/,
  )

  // Compose, as Ben now: the Session panel reads the same session.
  await page.getByRole('link', { name: 'Compose' }).click()
  await expect(sessionState(page)).toHaveText(
    `Session ${SESSION} exists: 2 members; ${BEN.who} is active.`,
  )
  const panelMembers = sessionPanel(page).getByRole('table', { name: 'Session members' })
  await expect(panelMembers.getByRole('row')).toHaveCount(3)
  await expect(panelMembers.getByRole('cell', { name: 'active' })).toHaveCount(2)
})

test('an invite to a session that does not exist is refused with the rule named, and accepted once it is lenient', async ({
  page,
}) => {
  await composeFor(page, 'Invite', 'nobody-created-this')
  await page.getByLabel('Invited XUID').fill('2533274790000001')
  await page.getByLabel('Title ID').fill('1234')
  // Said before sending…
  const warning = sessionPanel(page).getByLabel('Before you send')
  await expect(warning).toContainText(
    'Session nobody-created-this does not exist: the simulator refuses an invite to it.',
  )
  await expect(warning).toContainText(RULE)
  // …and sending anyway is refused with the rule named.
  await page.getByRole('button', { name: 'Send', exact: true }).click()
  await expect(response(page).getByLabel('Status')).toHaveText('403 Forbidden')
  await expect(response(page).getByLabel('Response body')).toContainText(RULE)
  await expect(response(page).getByLabel('Response body')).toContainText(
    '"simRule": "invite-needs-session"',
  )

  await page.getByRole('link', { name: 'Settings' }).click()
  const rules = page.getByRole('region', { name: 'Simulator rules' })
  await rules.getByRole('switch', { name: RULE }).uncheck()
  await expect(rules.getByRole('status')).toHaveText('Saved.')

  await page.getByRole('link', { name: 'Compose' }).click()
  await expect(page.getByLabel('Session name')).toHaveValue('nobody-created-this')
  await expect(sessionState(page)).toHaveText('Session nobody-created-this does not exist.')
  await expect(sessionPanel(page).getByLabel('Before you send')).toHaveCount(0)
  await page.getByRole('button', { name: 'Send', exact: true }).click()
  await expect(response(page).getByLabel('Status')).toHaveText('201 Created')
})
