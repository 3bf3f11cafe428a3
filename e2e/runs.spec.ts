// Checks that run anywhere, in the dashboard: a request with expectations (the Response panel and
// History say when one fails), presets that keep them, and a run of three presets over a two-row
// CSV, exported as JUnit XML; runs are kept across a reload, and one the reload cut off says so.
//
// Simulator rules: the journey asks for lenient rules (PUT /api/sim/rules) so its invites and
// activity need no session; on a server without the rules endpoint the PUT is a 404 and the
// simulator is lenient already.
import { readFile } from 'node:fs/promises'
import { expect, test, type Page } from '@playwright/test'
import { SIM_RULES } from '../src/mpsd/sim-rules'
import { seriousViolations } from './axe-check'
import { fillInvite, resetSimulator, SCID } from './support'

test.beforeEach(async ({ page, request }) => {
  await request.post('/sim/__reset')
  await request.put('/api/sim/rules', {
    data: { modes: Object.fromEntries(SIM_RULES.map((rule) => [rule.id, 'lenient'])) },
  })
  await page.goto('/')
  await page.evaluate(() => localStorage.clear())
  await page.reload()
})

/** Saves the draft as a new preset: after the first, the draft belongs to it, so "Save as new". */
async function savePreset(page: Page, name: string, asNew = false) {
  await page.getByRole('button', { name: 'Save preset' }).click()
  const dialog = page.getByRole('dialog', { name: 'Save preset' })
  await dialog.getByLabel('Preset name').fill(name)
  await dialog.getByLabel('Tags').fill('nightly')
  await dialog.getByRole('button', { name: asNew ? 'Save as new' : 'Save', exact: true }).click()
  await expect(
    page.getByText(asNew ? `Saved a new preset “${name}”.` : `Saved preset “${name}”.`),
  ).toBeVisible()
}

test('expectations show after Send and in History; three presets run over a two-row CSV and export JUnit', async ({
  page,
  request,
}) => {
  // A failing expectation: the answer is a 201, the row expects a 200.
  await fillInvite(page)
  // Expectations have their own tab in the request pane (decision 130); the form is on "Fields".
  const tab = (name: string) => page.getByRole('tab', { name, exact: true }).click()
  await tab('Expect')
  const expectSection = page.getByRole('region', { name: 'Expect' })
  await expectSection.getByRole('button', { name: 'Add expectation' }).click()
  const first = expectSection.getByRole('group', { name: 'Expectation 1' })
  await first.getByLabel('Status').fill('2OO')
  await expect(first.getByLabel('Status')).toHaveAttribute('aria-invalid', 'true')
  await first.getByLabel('Status').fill('200')
  await expect(first.getByLabel('Status')).toHaveAttribute('aria-invalid', 'false')
  await tab('Fields')
  await page.getByRole('button', { name: 'Send', exact: true }).click()
  const response = page.getByRole('region', { name: 'Response' })
  await expect(response.getByRole('alert', { name: 'Expectations' })).toContainText(
    'Failed: Status is 200 — Got status 201',
  )

  await page.getByRole('link', { name: 'History' }).click()
  await page.getByRole('combobox', { name: 'Expectations' }).selectOption('failed')
  const rows = page
    .getByRole('grid', { name: 'History' })
    .getByRole('row')
    .filter({ has: page.getByRole('gridcell') })
  await expect(rows).toHaveCount(1)

  // Preset 1: an invite to {{xuid}} that expects a 201 and its own XUID back.
  await page.getByRole('link', { name: 'Compose' }).click()
  await tab('Expect')
  await first.getByLabel('Status').fill('201')
  await expectSection.getByRole('button', { name: 'Add expectation' }).click()
  const second = expectSection.getByRole('group', { name: 'Expectation 2' })
  await second.getByLabel('Check').selectOption('JSON path equals')
  await second.getByLabel('JSON path').fill('$.invitedXuid')
  await second.getByLabel('Value').fill('{{xuid}}')
  await tab('Fields')
  await page.getByLabel('Invited XUID').fill('{{xuid}}')
  await savePreset(page, 'Invite from CSV')

  // Preset 2: a fixed invite; preset 3: an activity (both expect a 2xx).
  await tab('Expect')
  await expectSection.getByRole('button', { name: 'Remove expectation 2' }).click()
  await expectSection.getByRole('button', { name: 'Remove expectation 1' }).click()
  await tab('Fields')
  await page.getByLabel('Invited XUID').fill('2533274790000009')
  await savePreset(page, 'Invite fixed', true)
  await page.getByRole('radio', { name: 'Activity' }).check()
  await savePreset(page, 'Activity', true)

  await page.getByRole('link', { name: 'Runs' }).click()
  await page.getByLabel('Select by tag').selectOption('nightly')
  await expect(page.getByText('3 presets selected')).toBeVisible()
  await page.getByLabel('Data file (CSV, optional)').setInputFiles({
    name: 'rows.csv',
    mimeType: 'text/csv',
    buffer: Buffer.from('xuid\n2533274790000001\n2533274790000002\n'),
  })
  await expect(page.getByText('2 rows: the presets run once per row')).toBeVisible()
  // A double-click starts one run: each step goes once (the 7 calls counted below).
  await page.getByRole('button', { name: 'Start run' }).dblclick()
  const results = page.getByRole('region', { name: 'Run results' })
  await expect(results.getByRole('status')).toHaveText('Done: 6 passed, 0 failed, 0 errors')
  await expect(results.getByRole('row')).toHaveCount(7)
  await expect(results.getByRole('row').filter({ hasText: 'Invite from CSV' })).toHaveCount(2)

  const download = page.waitForEvent('download')
  await results.getByRole('button', { name: 'Export JUnit XML' }).click()
  const file = await (await download).path()
  const xml = await readFile(file, 'utf8')
  expect(xml).toContain('<testsuites name="Run of 3 presets" tests="6" failures="0" errors="0"')
  expect(xml.match(/<testsuite /g)).toHaveLength(2)
  expect(xml).toContain('<testcase name="Invite from CSV"')
  expect(xml).toContain('PASS $.invitedXuid equals 2533274790000002')

  // Every call of the run went to the simulator (and so into History as a Send does).
  const received = (await (await request.get('/sim/__requests')).json()) as {
    requests: Array<{ method: string; body: string }>
  }
  const posts = received.requests.filter((r) => r.method === 'POST')
  expect(posts).toHaveLength(7)
  expect(
    posts.filter((r) => r.body.includes(SCID) && r.body.includes('2533274790000002')),
  ).toHaveLength(1)
  await page.getByRole('link', { name: 'History' }).click()
  await page.getByRole('combobox', { name: 'Expectations' }).selectOption('')
  await expect(rows).toHaveCount(7)

  // A reload keeps the run: listed, with every step's result, and its exports.
  await page.reload()
  await page.getByRole('link', { name: 'Runs' }).click()
  await expect(results.getByRole('status')).toHaveText('Done: 6 passed, 0 failed, 0 errors')
  await expect(results.getByRole('row').filter({ hasText: 'Passed' })).toHaveCount(6)
  const recentRuns = page.getByRole('table', { name: 'Recent runs' })
  await expect(recentRuns.getByRole('row', { name: /Run of 3 presets/ })).toContainText(
    'Done: 6 passed',
  )
  // One run kept for the double-click (the header row and its row).
  await expect(recentRuns.getByRole('row')).toHaveCount(2)
  const again = page.waitForEvent('download')
  await results.getByRole('button', { name: 'Export JSON' }).click()
  const report = JSON.parse(await readFile(await (await again).path(), 'utf8')) as {
    status: string
    summary: { passed: number }
  }
  expect(report).toMatchObject({ status: 'done', summary: { passed: 6 } })
})

/** The runs this page has stored: how many steps each has answered, and its status. */
function storedRuns(page: Page) {
  return page.evaluate(
    () =>
      new Promise<Array<{ status: string; answered: number }>>((resolve, reject) => {
        const open = indexedDB.open('handles-workbench')
        open.onerror = () => reject(new Error('open failed'))
        open.onsuccess = () => {
          const request = open.result.transaction('runs').objectStore('runs').getAll()
          request.onsuccess = () =>
            resolve(
              (
                request.result as Array<{
                  state: { status: string; results: Array<{ outcome: string }> }
                }>
              ).map((run) => ({
                status: run.state.status,
                answered: run.state.results.filter((r) => r.outcome !== 'notRun').length,
              })),
            )
        }
      }),
  )
}

test('a run the page left mid-way shows as interrupted after the reload, with its results and exports', async ({
  page,
  request,
}) => {
  await resetSimulator(request)
  await fillInvite(page, { sessionName: 'session-1', invitedXuid: '{{xuid}}' })
  await savePreset(page, 'Invite each row')

  // 35 invites: MPSD's burst budget lets 30 go, then the run waits about 15 s for the window.
  await page.getByRole('link', { name: 'Runs' }).click()
  await page.getByRole('checkbox', { name: 'Invite each row' }).check()
  const xuids = Array.from({ length: 35 }, (_, i) => String(2533274790002000n + BigInt(i)))
  await page.getByLabel('Data file (CSV, optional)').setInputFiles({
    name: 'rows.csv',
    mimeType: 'text/csv',
    buffer: Buffer.from(`xuid\n${xuids.join('\n')}\n`),
  })
  await page.getByRole('button', { name: 'Start run' }).click()
  const results = page.getByRole('region', { name: 'Run results' })
  await expect(results.getByRole('status')).toHaveText('Running: 30 of 35', { timeout: 20_000 })
  // Written as it goes (at most a second behind): the page goes away once the 30 are stored.
  await expect.poll(() => storedRuns(page)).toEqual([{ status: 'running', answered: 30 }])
  await page.reload()

  await expect(results.getByRole('status')).toHaveText(
    'Interrupted after 30 of 35: the page was closed or reloaded while it ran',
  )
  await expect(results.getByRole('row').filter({ hasText: 'Passed' })).toHaveCount(30)
  await expect(results.getByRole('row').filter({ hasText: 'Not run' })).toHaveCount(5)
  await expect(results.getByRole('row').filter({ hasText: 'Not run' }).first()).toContainText(
    'may have been sent; check History',
  )
  await expect(results.getByRole('button', { name: 'Resume' })).toHaveCount(0)
  await expect(
    page.getByRole('table', { name: 'Recent runs' }).getByRole('row', { name: /Invite each row/ }),
  ).toContainText('Interrupted after 30 of 35')
  // The results and Recent runs tables, as a keyboard or screen reader user meets them.
  expect(await seriousViolations(page), 'Runs view after the reload').toEqual([])

  const download = page.waitForEvent('download')
  await results.getByRole('button', { name: 'Export JUnit XML' }).click()
  const xml = await readFile(await (await download).path(), 'utf8')
  expect(xml).toContain('tests="35" failures="0" errors="0"')
  expect(xml.match(/<skipped /g)).toHaveLength(5)
  expect(xml).toContain('may have been sent; check History')

  // Nothing more went out after the reload: the run is read, never resumed by itself.
  const received = (await (await request.get('/sim/__requests')).json()) as {
    requests: Array<{ method: string; path: string }>
  }
  expect(received.requests.filter((r) => r.path === '/handles')).toHaveLength(30)
})
