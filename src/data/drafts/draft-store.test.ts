import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { memoryStorage } from '../../testing/memory-storage'
import { emptyRequest, fieldsOf, requestsFromFields } from '../../mpsd/request-fields'
import {
  draftFields,
  openDraft,
  readDraft,
  readStash,
  restoreStashedDraft,
  saveDraft,
} from './draft-store'

beforeEach(() => {
  vi.stubGlobal('localStorage', memoryStorage())
  vi.stubGlobal('sessionStorage', memoryStorage())
})
afterEach(() => vi.unstubAllGlobals())

const SCID = 'bd6c41c3-01c3-468a-a3b5-3e0fe8133862'
const typed = {
  ...fieldsOf(emptyRequest()),
  scid: SCID,
  templateName: 'deathmatch',
  sessionName: 'lobby',
  invitedXuid: '2533274790000001',
  titleId: '1234',
  context: ' as typed ',
}

describe('the composer draft', () => {
  it("opens today's localStorage draft and stash exactly as they were typed", () => {
    const stored = JSON.parse(
      readFileSync(
        join(__dirname, '../../testing/fixtures/legacy/draft-localstorage.json'),
        'utf8',
      ),
    ) as Record<string, string>
    for (const [key, value] of Object.entries(stored)) localStorage.setItem(key, value)
    const legacy = JSON.parse(stored['handles-workbench:draft']!) as {
      values: Record<string, string> & { type: string }
    }
    const { type, ...values } = legacy.values
    const draft = readDraft()
    expect(draft).toMatchObject({ revision: 1 })
    // The "Opened from …" notice was for the visit that opened it, not for every reload after.
    expect(draft.source).toBeUndefined()
    // Activity chosen; the invite typed before the switch is still there to switch back to.
    expect(draft.request.kind).toBe('activity')
    expect(draftFields(draft)).toEqual({ ...fieldsOf(emptyRequest()), kind: type, ...values })
    expect(readStash().map((d) => draftFields(d).sessionName)).toEqual(['earlier-session'])
  })

  it('keeps the hidden fields of the other kind across a kind switch and a reload', () => {
    const asActivity = { ...typed, kind: 'activity' as const }
    saveDraft(requestsFromFields(asActivity))
    expect(draftFields(readDraft())).toEqual(asActivity)
    // ...and back to Invite: the invite fields are the ones typed before.
    expect(draftFields(readDraft()).invitedXuid).toBe('2533274790000001')
  })

  it('stores the request as typed, untrimmed, and nothing for a kind with nothing hidden', () => {
    saveDraft(requestsFromFields(typed))
    const raw = JSON.parse(localStorage.getItem('handles-workbench:draft')!)
    expect(raw).toEqual({ revision: 0, request: requestsFromFields(typed).request })
    expect(raw.request.invite.context).toBe(' as typed ')
  })

  it('opens a request as a new draft, stashing the one being typed, and restores it', () => {
    saveDraft(requestsFromFields(typed))
    const opened = openDraft({ ...emptyRequest('activity'), contractVersion: 105 }, 'preset “X”')
    expect(opened).toEqual({ revision: 1, request: emptyRequest('activity'), source: 'preset “X”' })
    expect(readStash().map(draftFields)).toEqual([typed])
    const restored = restoreStashedDraft()
    expect(restored && draftFields(restored)).toEqual(typed)
    expect(readDraft().revision).toBe(2)
  })

  it('says where a draft was opened from only once: a reload does not, the preset link stays', () => {
    openDraft(emptyRequest('activity'), 'preset “X”', { id: 'p1', name: 'X' })
    // A reload reads storage: the notice's source is not there, the preset link is.
    expect(readDraft()).toEqual({
      revision: 1,
      request: emptyRequest('activity'),
      preset: { id: 'p1', name: 'X' },
    })
    saveDraft(requestsFromFields(typed))
    expect(readDraft().preset).toEqual({ id: 'p1', name: 'X' })
    expect(readDraft().source).toBeUndefined()
  })

  it('opens damaged storage as an empty draft instead of failing', () => {
    for (const raw of ['{', 'null', '42', '{"request":{"v":9}}', '{"values":"x"}']) {
      localStorage.setItem('handles-workbench:draft', raw)
      expect(draftFields(readDraft())).toEqual(fieldsOf(emptyRequest()))
    }
    localStorage.setItem('handles-workbench:draft-stash', '[{"request":1},"x"]')
    expect(readStash().map(draftFields)).toEqual([
      fieldsOf(emptyRequest()),
      fieldsOf(emptyRequest()),
    ])
  })
})
