// What every journey does the same way: set the token in Settings and fill the invite form, by the
// labels and button names users see.
import { expect, type APIRequestContext, type Page } from '@playwright/test'

export const SCID = 'bd6c41c3-01c3-468a-a3b5-3e0fe8133862'

/**
 * Who the journeys send as in the simulator: the default roster (Sim Ana, Ben, Cleo, Dev) and the
 * userhashes of the tokens the specs paste. Decimal userhashes are their own XUID there.
 */
const JOURNEY_SENDERS = [
  '2814679796296491',
  '2814679796296492',
  '2814679796296493',
  '2533274790000001',
  '2533274790000002',
  '2533274790000003',
]
/** The sessions (template "deathmatch") the journeys invite to and set activities for. */
const JOURNEY_SESSIONS = [
  'session-49',
  'session-1',
  'session-2',
  'session-3',
  'session-9',
  'session-a',
  'session-b',
  'session-sync',
  'session-from-history',
  'session-batch',
  'session-other',
  'session-analysis',
  'inbox-session',
  'session-secret',
  'session-interrupt',
  'edited',
  'changed-after',
  'second',
  'sidebar-session',
]

/**
 * Clears the simulator (handles, sessions, log, rules back to strict), then creates the sessions
 * the journeys send to, with every journey sender an active member: under the strict rules
 * (decision 100) an invite needs an existing session and a sender in it, an activity an active
 * member. Setup calls skip the per-user budget (?sim_throttle=off), so the journey's own calls
 * count as before.
 */
export async function resetSimulator(
  request: APIRequestContext,
  scids: readonly string[] = [SCID],
  /** A spec's own session names, created as well (the shared list stays short: each costs calls). */
  extraSessions: readonly string[] = [],
): Promise<void> {
  await request.post('/sim/__reset')
  const names = [...JOURNEY_SESSIONS, ...extraSessions]
  const sessions = scids.flatMap((scid) => names.map((name) => ({ scid, name })))
  await Promise.all(
    sessions.map(async ({ scid, name }) => {
      for (const xuid of JOURNEY_SENDERS) {
        const response = await request.put(
          `/sim/serviceconfigs/${scid}/sessionTemplates/deathmatch/sessions/${name}?sim_throttle=off`,
          {
            headers: {
              'Content-Type': 'application/json',
              'x-xbl-contract-version': '107',
              Authorization: `XBL3.0 x=${xuid};e2e-setup`,
            },
            data: {
              members: {
                me: {
                  constants: { system: { xuid, initialize: true } },
                  properties: { system: { active: true } },
                },
              },
            },
          },
        )
        expect(response.status(), `session ${scid}/${name} as ${xuid}`).toBeLessThan(300)
      }
    }),
  )
}

/** Settings → Authorization → "Save token"; "Remember for this tab" keeps it across reloads. */
export async function setToken(
  page: Page,
  token: string,
  { remember = false } = {},
): Promise<void> {
  await page.getByRole('link', { name: 'Settings' }).click()
  await page.getByLabel('Authorization', { exact: true }).fill(token)
  if (remember) await page.getByLabel('Remember for this tab').check()
  await page.getByRole('button', { name: 'Save token' }).click()
  await expect(page.getByText('Token set.')).toBeVisible()
}

export type InviteFields = {
  sessionName?: string
  invitedXuid?: string
  titleId?: string
  templateName?: string
}

/** Compose → Invite, with a valid request unless a field says otherwise. */
export async function fillInvite(page: Page, fields: InviteFields = {}): Promise<void> {
  await page.getByRole('link', { name: 'Compose' }).click()
  await page.getByRole('radio', { name: 'Invite' }).check()
  await page.getByLabel('SCID', { exact: true }).fill(SCID)
  await page.getByLabel('Template name').fill(fields.templateName ?? 'deathmatch')
  await page.getByLabel('Session name').fill(fields.sessionName ?? 'session-49')
  await page.getByLabel('Invited XUID').fill(fields.invitedXuid ?? '2533274790000001')
  await page.getByLabel('Title ID').fill(fields.titleId ?? '1234')
}

/**
 * Everything the page keeps: localStorage and every IndexedDB store, and sessionStorage too unless
 * the test put a token there on purpose ("Remember for this tab").
 */
export async function dumpBrowserStorage(
  page: Page,
  { includeSessionStorage = true }: { includeSessionStorage?: boolean } = {},
): Promise<string> {
  return page.evaluate(async (withSession) => {
    const local = JSON.stringify(
      withSession ? { ...localStorage, ...sessionStorage } : { ...localStorage },
    )
    const databases = await indexedDB.databases()
    const dumps: string[] = []
    for (const { name } of databases) {
      if (!name) continue
      dumps.push(
        await new Promise<string>((resolve, reject) => {
          const open = indexedDB.open(name)
          open.onerror = () => reject(new Error(`cannot open ${name}`))
          open.onsuccess = () => {
            const db = open.result
            const stores = [...db.objectStoreNames]
            if (stores.length === 0) return resolve('')
            const tx = db.transaction(stores, 'readonly')
            const requests = stores.map((store) => tx.objectStore(store).getAll())
            tx.oncomplete = () => resolve(JSON.stringify(requests.map((r) => r.result as unknown)))
          }
        }),
      )
    }
    return `${local}\n${dumps.join('\n')}`
  }, includeSessionStorage)
}
