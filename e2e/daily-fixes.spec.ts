// What a daily user hit (issue 16, item 5), tried as one would: each fix as a journey.
import { expect, test, type Page } from '@playwright/test'
import { fillInvite, resetSimulator, SCID } from './support'

const response = (page: Page) => page.getByRole('region', { name: 'Response' })
const historyRows = (page: Page) =>
  page
    .getByRole('grid', { name: 'History' })
    .getByRole('row')
    .filter({ has: page.getByRole('gridcell') })

/** The request pane's fields, or the preview's Headers or Snippets: each in its tab (decision 130). */
async function showComposeTab(page: Page, name: 'Fields' | 'Headers' | 'Snippets'): Promise<void> {
  await page.getByRole('tab', { name, exact: true }).click()
}

/** The sessions this spec invites to, besides the shared ones. */
const DAILY_SESSIONS = [
  'first',
  'findable-session',
  'compare-a',
  'compare-b',
  'handles-101',
  'handles-102',
  'handles-103',
]

test.beforeEach(async ({ page, request }) => {
  // The journeys' sessions exist, as the simulator's strict rules need (decision 100).
  await resetSimulator(request, [SCID], DAILY_SESSIONS)
  await page.goto('/')
})

test('after Send, the focus is on the answer’s status and the answer is announced politely', async ({
  page,
}) => {
  await fillInvite(page)
  await page.getByRole('button', { name: 'Send', exact: true }).click()
  const status = response(page).getByLabel('Status')
  await expect(status).toHaveText('201 Created')
  // The focus left the (disabled while sending) button for the status, not the page body.
  await expect(response(page).locator('.answer-status')).toBeFocused()
  await expect(page.getByTestId('response-announcement')).toHaveText(
    /^Answer: 201 Created in \d+ ms\.$/,
  )
  await expect(page.getByTestId('response-announcement')).toHaveAttribute('aria-live', 'polite')
})

test('the Response belongs to what is shown: Open in composer clears it, Replay shows the new entry', async ({
  page,
}) => {
  await fillInvite(page, { sessionName: 'first' })
  await page.getByRole('button', { name: 'Send', exact: true }).click()
  await expect(response(page).getByLabel('Status')).toHaveText('201 Created')
  await page.getByLabel('Session name').fill('second')
  await page.getByRole('radio', { name: 'Activity' }).check()
  await page.getByRole('button', { name: 'Send', exact: true }).click()
  await expect(response(page).getByLabel('Status')).toHaveText('204 No Content')

  // Open the first (the invite) in the composer: the activity's 204 is not its answer.
  await page.getByRole('link', { name: 'History' }).click()
  await expect(historyRows(page)).toHaveCount(2)
  await historyRows(page)
    .nth(1)
    .getByRole('button', { name: /Open entry/ })
    .click()
  await page.getByRole('button', { name: 'Open in composer' }).click()
  await expect(page.getByLabel('Session name')).toHaveValue('first')
  await expect(response(page).getByLabel('Status')).toHaveCount(0)
  await expect(response(page)).toContainText('Send a request to see the answer here.')

  // Replay an entry: the detail switches to the new entry and its answer.
  await page.getByRole('link', { name: 'History' }).click()
  await historyRows(page)
    .first()
    .getByRole('button', { name: /Open entry/ })
    .click()
  const url = page.url()
  await page.getByRole('button', { name: 'Replay' }).click()
  await expect(page.getByRole('status').filter({ hasText: 'Replayed: 204' })).toHaveText(
    /this is the new History entry/,
  )
  await expect(historyRows(page)).toHaveCount(3)
  await expect(page).not.toHaveURL(url)
  await expect(historyRows(page).first()).toHaveAttribute('aria-selected', 'true')
})

test('History is a grid with column headers, whole times with seconds, the exact time on hover and the detail beside the list', async ({
  page,
}) => {
  await page.setViewportSize({ width: 1400, height: 900 })
  await fillInvite(page)
  await page.getByRole('button', { name: 'Send', exact: true }).click()
  await expect(response(page).getByLabel('Status')).toHaveText('201 Created')
  await page.getByRole('button', { name: 'Send', exact: true }).click()
  await expect(page.getByTestId('response-announcement')).toHaveText(/Answer: 201/)
  await page.getByRole('link', { name: 'History' }).click()

  const grid = page.getByRole('grid', { name: 'History' })
  await expect(grid.getByRole('columnheader')).toHaveText([
    'Compare',
    'Time',
    'Type',
    'Status',
    'Sender',
    'Target',
    'Duration',
    'Session / XUID',
  ])
  await expect(historyRows(page)).toHaveCount(2)
  const time = historyRows(page).first().getByRole('gridcell').nth(1)
  // Seconds shown, nothing cut: the cell's text fits its box.
  await expect(time).toHaveText(/\d{1,2}:\d{2}:\d{2}/)
  expect(await time.evaluate((cell) => cell.scrollWidth <= cell.clientWidth)).toBe(true)
  await expect(time).toHaveAttribute('title', /\d{2}:\d{2}:\d{2}\.\d{3}.*\(\d{4}-\d{2}-\d{2}T/)
  await expect(historyRows(page).first().getByRole('gridcell').nth(4)).toHaveText('Sim Ana')

  // Up and Down move between entries as in any grid; Enter opens one.
  const open = (n: number) =>
    historyRows(page)
      .nth(n)
      .getByRole('button', { name: /Open entry/ })
  await open(1).focus()
  await page.keyboard.press('ArrowUp')
  await expect(open(0)).toBeFocused()
  await page.keyboard.press('ArrowDown')
  await expect(open(1)).toBeFocused()
  await page.keyboard.press('ArrowUp')
  await page.keyboard.press('Enter')
  await expect(open(0)).toHaveAttribute('aria-pressed', 'true')
  const detail = page.getByRole('region', { name: 'Entry' })
  await expect(detail).toBeVisible()
  const listBox = await grid.boundingBox()
  const detailBox = await detail.boundingBox()
  expect(detailBox && listBox && detailBox.x > listBox.x + listBox.width / 2).toBe(true)
  expect(detailBox && listBox && detailBox.y < listBox.y + listBox.height).toBe(true)
})

test('“Opened from preset … as a new draft” goes away after the next edit, and after a reload', async ({
  page,
}) => {
  await fillInvite(page, { sessionName: 'from-preset' })
  await page.getByRole('button', { name: 'Save preset' }).click()
  await page.getByRole('dialog', { name: 'Save preset' }).getByLabel('Preset name').fill('Daily')
  await page
    .getByRole('dialog', { name: 'Save preset' })
    .getByRole('button', { name: 'Save', exact: true })
    .click()
  await expect(page.getByText('Saved preset “Daily”.')).toBeVisible()

  const load = async () => {
    await page.getByRole('link', { name: 'Presets' }).click()
    await page.getByRole('article', { name: 'Daily' }).getByRole('button', { name: 'Load' }).click()
  }
  const notice = page.getByText('Opened from preset “Daily” as a new draft.')
  await load()
  await expect(notice).toBeVisible()
  await page.getByLabel('Session name').fill('edited')
  await expect(notice).toHaveCount(0)
  // Leaving Compose and coming back does not bring it back either.
  await page.getByRole('link', { name: 'History' }).click()
  await page.getByRole('link', { name: 'Compose' }).click()
  await expect(page.getByLabel('Session name')).toHaveValue('edited')
  await expect(notice).toHaveCount(0)

  await load()
  await expect(notice).toBeVisible()
  await page.reload()
  await expect(page.getByLabel('Session name')).toHaveValue('from-preset')
  await expect(notice).toHaveCount(0)
})

test.describe('with the clipboard', () => {
  test.use({ permissions: ['clipboard-read', 'clipboard-write'] })

  test('the Response copies its body, headers and handle id, and finds text in the body', async ({
    page,
  }) => {
    await fillInvite(page, { sessionName: 'findable-session' })
    await page.getByRole('button', { name: 'Send', exact: true }).click()
    await expect(response(page).getByLabel('Status')).toHaveText('201 Created')
    const handleId = await response(page).getByLabel('Invite handle id').innerText()
    const clipboard = () => page.evaluate(() => navigator.clipboard.readText())

    await response(page).getByRole('button', { name: 'Copy handle id' }).click()
    await expect.poll(clipboard).toBe(handleId)
    await response(page).getByRole('button', { name: 'Copy headers' }).click()
    await expect.poll(clipboard).toMatch(/^content-type: application\/json/im)
    await response(page).getByRole('button', { name: 'Copy body' }).click()
    await expect.poll(clipboard).toContain(`"id": "${handleId}"`)
    expect(JSON.parse(await clipboard())).toMatchObject({
      id: handleId,
      sessionRef: { scid: SCID },
    })

    await response(page).getByLabel('Search the body').fill('FINDABLE')
    await expect(response(page).getByText('1 match', { exact: true })).toBeVisible()
    await expect(response(page).getByLabel('Response body').locator('mark')).toHaveText([
      'findable',
    ])
    await response(page).getByLabel('Search the body').fill('nothing-like-this')
    await expect(response(page).getByText('No match')).toBeVisible()
  })
})

test('Compare stays inside its dialog at 1400 px, compares the requests too and keeps each value’s type', async ({
  page,
}) => {
  await page.setViewportSize({ width: 1400, height: 900 })
  for (const [session, letter] of [
    ['compare-a', 'x'],
    ['compare-b', 'y'],
  ] as const) {
    await fillInvite(page, { sessionName: session })
    await page.getByLabel('Context', { exact: true }).fill(letter.repeat(250))
    await page.getByRole('button', { name: 'Send', exact: true }).click()
    await expect(page.getByTestId('response-announcement')).toHaveText(/Answer: 201/)
    await page.getByTestId('response-announcement').evaluate((el) => (el.textContent = ''))
  }
  await page.getByRole('link', { name: 'History' }).click()
  await expect(historyRows(page)).toHaveCount(2)
  await historyRows(page).nth(0).getByRole('checkbox').check()
  await historyRows(page).nth(1).getByRole('checkbox').check()
  await page.getByRole('button', { name: 'Compare' }).click()
  const dialog = page.getByRole('dialog', { name: 'Compare' })
  const table = dialog.getByRole('table', { name: 'Differences' })
  const row = (path: string) => table.getByRole('row').filter({ hasText: path })
  await expect(row('request.body.sessionRef.name')).toContainText('"compare-a"')
  await expect(row('request.body.inviteAttributes.context')).toContainText('x'.repeat(250))
  await expect(row('response.body.sessionRef.name')).toContainText('"compare-b"')

  // Nothing spills: the dialog does not scroll sideways and the table ends inside it.
  expect(await dialog.evaluate((el) => el.scrollWidth <= el.clientWidth)).toBe(true)
  const dialogBox = await dialog.boundingBox()
  const tableBox = await table.boundingBox()
  expect(
    dialogBox && tableBox && tableBox.x + tableBox.width <= dialogBox.x + dialogBox.width,
  ).toBe(true)
  expect(dialogBox && dialogBox.width <= 1400).toBe(true)
})

test('Handles: search, state filter, bulk revoke, no countdown once revoked, a failed Check says why, actions on screen at 800 px', async ({
  page,
}) => {
  for (const xuid of ['2533274790000101', '2533274790000102', '2533274790000103']) {
    await fillInvite(page, { invitedXuid: xuid, sessionName: `handles-${xuid.slice(-3)}` })
    await page.getByRole('button', { name: 'Send', exact: true }).click()
    await expect(response(page).getByLabel('Status')).toHaveText('201 Created')
    await expect(response(page).getByLabel('Invite handle id')).toBeVisible()
    await page.getByRole('link', { name: 'History' }).click()
    await expect(page.getByRole('grid', { name: 'History' })).toContainText(xuid)
  }
  await page.getByRole('link', { name: 'Handles' }).click()
  const table = page.getByRole('table', { name: 'Invite handles' })
  const rows = table.locator('tbody tr')
  await expect(rows).toHaveCount(3)

  await page.getByLabel('Search handles').fill('0102')
  await expect(rows).toHaveCount(1)
  await expect(rows.first()).toContainText('2533274790000102')
  await page.getByLabel('Search handles').fill('')
  await expect(rows).toHaveCount(3)

  // Bulk revoke the two others, after a confirmation.
  await rows.filter({ hasText: '2533274790000101' }).getByRole('checkbox').check()
  await rows.filter({ hasText: '2533274790000103' }).getByRole('checkbox').check()
  await page.getByRole('button', { name: 'Revoke selected (2)' }).click()
  const confirm = page.getByRole('dialog', { name: 'Revoke 2 invites?' })
  await confirm.getByRole('button', { name: 'Revoke 2 invites' }).click()
  await expect(page.getByRole('status').filter({ hasText: 'Revoked 2 of 2' })).toBeVisible()
  const revoked = rows.filter({ hasText: '2533274790000101' })
  await expect(revoked.getByRole('cell').nth(6)).toContainText('Revoked')
  await expect(revoked.getByRole('cell').nth(6)).not.toContainText('left')
  await expect(rows.filter({ hasText: '2533274790000102' }).getByRole('cell').nth(6)).toContainText(
    'left',
  )
  await page.getByLabel('State').selectOption('revoked')
  await expect(rows).toHaveCount(2)
  await page.getByLabel('State').selectOption('active')
  await expect(rows).toHaveCount(1)

  // A Check refused for want of a token says why, in the answer's words.
  await page.getByLabel('Act as').selectOption({ label: 'No Authorization' })
  await rows.first().getByRole('button', { name: 'Check' }).click()
  await expect(rows.first().getByRole('cell').nth(7)).toContainText(/failed \(401\): Authorization/)

  // At 800 px the actions stay on screen; the table scrolls beside them.
  await page.setViewportSize({ width: 800, height: 900 })
  await page.getByLabel('State').selectOption('')
  for (const name of ['Check', 'Revoke']) {
    const button = rows.first().getByRole('button', { name })
    await expect(button).toBeInViewport({ ratio: 1 })
    const box = await button.boundingBox()
    expect(box && box.x + box.width <= 800).toBe(true)
  }
})

test('Settings apply as typed: leaving without “Save settings” loses nothing, a value not valid yet waits with its message', async ({
  page,
}) => {
  await page.getByRole('link', { name: 'Settings' }).click()
  await page.getByLabel('Keep for (days)').fill('30')
  await expect(page.getByText('Applied as typed.')).toBeVisible()
  await page.getByLabel('Contract version').fill('99')
  await expect(page.getByText(/Not applied yet/)).toBeVisible()
  await page.getByRole('link', { name: 'Compose' }).click()
  // The preview uses the contract version in effect: the valid one, not the 99 still being typed.
  await showComposeTab(page, 'Headers')
  await expect(page.getByLabel('Request headers')).toContainText('x-xbl-contract-version: 107')

  await page.getByRole('link', { name: 'Settings' }).click()
  await expect(page.getByLabel('Keep for (days)')).toHaveValue('30')
  await expect(page.getByLabel('Contract version')).toHaveValue('99')
  await expect(page.getByLabel('Contract version')).toHaveAttribute('aria-invalid', 'true')
  await page.getByLabel('Contract version').fill('106')
  await page.reload()
  await expect(page.getByLabel('Contract version')).toHaveValue('106')
  await expect(page.getByLabel('Keep for (days)')).toHaveValue('30')
})
