import 'fake-indexeddb/auto'
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { compactJsonText } from '../../mpsd/request-builder'
import { describe, expect, it } from 'vitest'
import { openWorkbenchDB } from '../../lib/db'
import { freshWorkbenchDBPerTest } from '../../testing/history-fixtures'
import { newBatchRun } from './batch-run'
import { plannedInvites } from './batch-send'
import { getBatchRun } from './batch-store'

freshWorkbenchDBPerTest()

const legacy = (name: string): unknown =>
  JSON.parse(readFileSync(join(__dirname, '../../testing/fixtures/legacy', name), 'utf8'))

describe('a stored batch run', () => {
  it("of today's build opens where it stopped, its template as the invite it sends", async () => {
    const stored = legacy('batch-run.json') as { id: string }
    const db = await openWorkbenchDB()
    await db.put('batchRuns', stored as never)
    const run = await getBatchRun(stored.id)
    expect(run).toMatchObject({
      state: 'paused',
      items: [
        { xuid: '2533274790000011', status: 'sent', invitedAt: 1764000500100 },
        { xuid: '2533274790000012', status: 'pending' },
      ],
      template: {
        v: 1,
        kind: 'invite',
        sessionRef: { templateName: 'deathmatch', name: 'session-49' },
        invite: { invitedXuid: '', titleId: '1234', context: ' join me ' },
      },
    })
    // The run sends the bytes today's build sent for the same invite (the History fixture), in
    // the same order, compact since decision 101.
    const [record] = legacy('history-records.json') as Array<{ request: { body: string } }>
    const [planned] = plannedInvites(run!.template, ['2533274790000001'])
    expect(planned?.body).toBe(compactJsonText(record?.request.body ?? ''))
  })

  it('keeps the request as typed and sends it trimmed, once per XUID', () => {
    const run = newBatchRun({
      template: {
        v: 1,
        kind: 'invite',
        sessionRef: { scid: ' MockScid ', templateName: 't ', name: ' s' },
        invite: { titleId: ' 1 ', contextString: '  ' },
      },
      xuids: ['1', '2', '1'],
      budgets: [],
    })
    expect(run.template.sessionRef.scid).toBe(' MockScid ')
    expect(run.items.map((i) => i.xuid)).toEqual(['1', '2'])
    expect(plannedInvites(run.template, ['2']).map((p) => JSON.parse(p.body ?? ''))).toEqual([
      {
        type: 'invite',
        sessionRef: { scid: 'MockScid', templateName: 't', name: 's' },
        version: 1,
        invitedXuid: '2',
        inviteAttributes: { titleId: '1' },
      },
    ])
  })
})
