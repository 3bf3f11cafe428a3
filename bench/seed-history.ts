// Fills the app's IndexedDB history in the page, the way the app itself stores entries: records of
// the real shape (validated by zod when the app reads them) written straight into the 'history'
// store, 5,000 per transaction. The app creates the database; we only add rows to it.
import type { BrowserContext, Page } from '@playwright/test'

export const HISTORY_DB = 'handles-workbench'
export const SEED_BATCH = 5_000

type SeedArgs = { count: number; batchSize: number; now: number; dbName: string }

/** Runs in the page. Newest entry is `now`, one a minute before that, so all are inside the 90-day retention. */
async function seedInPage({ count, batchSize, now, dbName }: SeedArgs): Promise<number> {
  const kinds = ['invite', 'activity', 'query', 'get', 'delete'] as const
  const db = await new Promise<IDBDatabase>((resolve, reject) => {
    // No version: the one the app created, whatever it is now (it upgrades as stores are added).
    const request = indexedDB.open(dbName)
    request.onsuccess = () => resolve(request.result)
    request.onerror = () => reject(request.error ?? new Error('indexedDB.open failed'))
    // The app must have created the stores already; an upgrade here would mean it did not.
    request.onupgradeneeded = () =>
      reject(new Error(`${dbName} did not exist yet: load the app first`))
  })
  const userhash = 'XBL3.0 x=<userhash>;<token> (redacted)'
  for (let start = 0; start < count; start += batchSize) {
    await new Promise<void>((resolve, reject) => {
      const tx = db.transaction('history', 'readwrite')
      const store = tx.objectStore('history')
      for (let i = start; i < Math.min(count, start + batchSize); i++) {
        const kind = kinds[i % kinds.length] ?? 'invite'
        const startedAt = now - i * 60_000
        const failed = i % 10 === 9
        const scid = `bd6c41c3-01c3-468a-a3b5-${(i % 1000).toString(16).padStart(12, '0')}`
        const xuid = String(2533274790000000 + i)
        const sessionName = `session-${i % 500}`
        const method = kind === 'get' ? 'GET' : kind === 'delete' ? 'DELETE' : 'POST'
        const requestBody =
          kind === 'invite'
            ? JSON.stringify({
                type: 'invite',
                sessionRef: { scid, templateName: 'deathmatch', name: sessionName },
                version: 1,
                invitedXuid: xuid,
                inviteAttributes: { titleId: '1234' },
              })
            : kind === 'activity'
              ? JSON.stringify({
                  type: 'activity',
                  sessionRef: { scid, templateName: 'deathmatch', name: sessionName },
                  version: 1,
                })
              : kind === 'query'
                ? JSON.stringify({ type: 'activity', scid, owners: { xuids: [xuid] } })
                : undefined
        const responseBody = failed
          ? JSON.stringify({
              code: 400,
              source: 'MPSD',
              description: 'The request body is not valid.',
            })
          : JSON.stringify({
              id: crypto.randomUUID(),
              type: kind === 'invite' ? 'invite' : 'activity',
              version: 1,
              sessionRef: { scid, templateName: 'deathmatch', name: sessionName },
              expiration: new Date(startedAt + 86_400_000).toISOString(),
            })
        const status = failed ? 400 : kind === 'invite' ? 201 : kind === 'delete' ? 204 : 200
        store.put({
          id: `${startedAt.toString(36).padStart(10, '0')}-${crypto.randomUUID()}`,
          startedAt,
          kind,
          upstream: 'simulator',
          request: {
            method,
            path:
              kind === 'query'
                ? '/handles/query?include=relatedInfo'
                : kind === 'get' || kind === 'delete'
                  ? `/handles/${crypto.randomUUID()}`
                  : '/handles',
            headers: [
              ['x-xbl-contract-version', '107'],
              ['Content-Type', 'application/json; charset=utf-8'],
              ['Authorization', userhash],
            ],
            ...(requestBody === undefined ? {} : { body: requestBody }),
          },
          response: {
            status,
            statusText: failed
              ? 'Bad Request'
              : status === 201
                ? 'Created'
                : status === 204
                  ? 'No Content'
                  : 'OK',
            headers: [['content-type', 'application/json']],
            body: responseBody,
            sizeBytes: responseBody.length,
          },
          durationMs: 5 + (i % 40),
          statusClass: failed ? '4xx' : '2xx',
          scid,
          xuid,
          sessionName,
        })
      }
      tx.oncomplete = () => resolve()
      tx.onerror = () => reject(tx.error ?? new Error('seed transaction failed'))
      tx.onabort = () => reject(tx.error ?? new Error('seed transaction aborted'))
    })
  }
  const total = await new Promise<number>((resolve, reject) => {
    const request = db.transaction('history').objectStore('history').count()
    request.onsuccess = () => resolve(request.result)
    request.onerror = () => reject(request.error ?? new Error('count failed'))
  })
  db.close()
  return total
}

/**
 * Visits /history once so the app opens (and so creates) its database, then seeds `count` entries.
 * Returns the page, left on /history, and the number of records now stored.
 */
export async function seedHistory(
  context: BrowserContext,
  appUrl: string,
  count: number,
): Promise<{ page: Page; stored: number }> {
  const page = await context.newPage()
  await page.goto(`${appUrl}/history`)
  // The list (or its empty state) shows once the app has read the store, so the DB exists.
  await page
    .getByRole('heading', { name: /history/i })
    .first()
    .waitFor({ timeout: 30_000 })
  await page.waitForFunction(
    async (name) => (await indexedDB.databases()).some((db) => db.name === name),
    HISTORY_DB,
    { timeout: 30_000 },
  )
  const stored = await page.evaluate(seedInPage, {
    count,
    batchSize: SEED_BATCH,
    now: Date.now(),
    dbName: HISTORY_DB,
  })
  return { page, stored }
}
