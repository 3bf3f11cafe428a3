// What every journey does the same way: set the token in Settings and fill the invite form, by the
// labels and button names users see.
import { expect, type Page } from '@playwright/test'

export const SCID = 'bd6c41c3-01c3-468a-a3b5-3e0fe8133862'

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
