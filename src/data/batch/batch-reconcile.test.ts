import { describe, expect, it } from 'vitest'
import { entry, inviteAnswer } from '../../testing/history-fixtures'
import { newBatchRun, type BatchRun } from './batch-run'
import {
  discardRun,
  discardSummary,
  mergeRunCopies,
  reconcileWithHistory,
  xuidsToReconcile,
} from './batch-reconcile'

const TEMPLATE = {
  scid: 'bd6c41c3-01c3-468a-a3b5-3e0fe8133862',
  templateName: 'deathmatch',
  sessionName: 'session-1',
  titleId: '1234',
}
const X = ['2533274790000001', '2533274790000002', '2533274790000003']

function runWith(statuses: Array<BatchRun['items'][number]['status']>, updatedAt = 10): BatchRun {
  const run = newBatchRun({ template: TEMPLATE, xuids: X, budgets: [], now: 0 })
  return {
    ...run,
    updatedAt,
    state: 'paused',
    items: run.items.map((item, i) => {
      const status = statuses[i] ?? 'pending'
      return status === 'sent'
        ? { ...item, status, httpStatus: 201, handleId: `h-${i}`, at: 5, invitedAt: 5, attempts: 1 }
        : { ...item, status, attempts: status === 'pending' ? 0 : 1 }
    }),
  }
}

function inviteEntry(run: BatchRun, xuid: string, status: number, startedAt: number) {
  return entry({
    kind: 'invite',
    startedAt,
    xuid,
    batchId: run.id,
    response: {
      status,
      statusText: '',
      headers: status === 429 ? [['retry-after', '3']] : [],
      body: status === 201 ? inviteAnswer(`handle-${xuid}`, xuid) : 'nope',
      sizeBytes: 10,
    },
    statusClass: status === 201 ? '2xx' : status === 429 ? '4xx' : '5xx',
  })
}

describe('mergeRunCopies', () => {
  it('takes the newer copy but keeps an XUID the older one saw invited', () => {
    const stored = runWith(['sent', 'sent', 'pending'], 20)
    const stale = runWith(['sent', 'failed', 'pending'], 10)
    // A stale copy that claims to be newer (its clock moved on) still cannot un-invite XUID 2.
    const staleButLater = { ...stale, updatedAt: 30 }
    const merged = mergeRunCopies(stored, staleButLater)
    expect(merged.items.map((i) => i.status)).toEqual(['sent', 'sent', 'pending'])
    expect(merged.items[1]?.handleId).toBe('h-1')
    expect(mergeRunCopies(stored, stale)).toBe(stored)
  })
})

describe('reconcileWithHistory', () => {
  it('an XUID caught sending whose 2xx History kept is invited, with its handle', () => {
    const run = runWith(['sent', 'sending', 'pending'])
    expect(xuidsToReconcile(run)).toEqual([X[1]])
    const next = reconcileWithHistory(run, [inviteEntry(run, X[1]!, 201, 1_000)])
    expect(next.items[1]).toMatchObject({
      status: 'sent',
      httpStatus: 201,
      handleId: `handle-${X[1]}`,
    })
    expect(next.items[1]?.invitedAt).toBeDefined()
  })

  it('a failed XUID that History shows accepted is invited, so Retry failed skips it', () => {
    const run = runWith(['sent', 'failed', 'pending'])
    const next = reconcileWithHistory(run, [
      inviteEntry(run, X[1]!, 503, 1_000),
      inviteEntry(run, X[1]!, 201, 2_000),
    ])
    expect(next.items[1]?.status).toBe('sent')
  })

  it('an XUID caught sending takes its recorded last answer: 429 back in the queue, 503 failed', () => {
    const run = runWith(['sending', 'sending', 'pending'])
    const next = reconcileWithHistory(run, [
      inviteEntry(run, X[0]!, 429, 1_000),
      inviteEntry(run, X[1]!, 503, 1_000),
    ])
    expect(next.items.map((i) => i.status)).toEqual(['pending', 'failed', 'pending'])
    expect(next.items[1]?.error).toMatch(/HTTP 503/)
  })

  it('leaves the outcome unknown when History lacks the last attempt, and ignores other runs', () => {
    const run = runWith(['sending', 'pending', 'pending'])
    run.items[0] = { ...run.items[0]!, attempts: 2 }
    const other = { ...run, id: 'another-run' }
    const next = reconcileWithHistory(run, [
      inviteEntry(run, X[0]!, 429, 1_000),
      inviteEntry(other, X[0]!, 201, 1_500),
    ])
    expect(next).toBe(run)
  })
})

describe('discardRun', () => {
  it('keeps what was invited and marks the rest not sent, with the count', () => {
    const run = runWith(['sent', 'failed', 'pending'])
    expect(discardSummary(run)).toEqual({ invited: 1, total: 3, left: 1 })
    const discarded = discardRun(run, 99)
    expect(discarded.state).toBe('cancelled')
    expect(discarded.items.map((i) => i.status)).toEqual(['sent', 'failed', 'cancelled'])
    expect(discarded.note).toBe('Discarded: 1 of 3 invited; the 1 left was not sent.')
  })
})
