// A presets-file entry as the tests need one: a sendable MPSD invite (version 1 body shape).
import type { PresetContent } from '../mpsd/preset'

export const FIXTURE_SCID = 'bd6c41c3-01c3-468a-a3b5-3e0fe8133862'

export function invitePreset(name: string, tags: string[] = []): PresetContent {
  return {
    name,
    description: '',
    tags,
    request: {
      type: 'invite',
      sessionRef: { scid: FIXTURE_SCID, templateName: 'deathmatch', name: 'session-1' },
      invite: {
        invitedXuid: '2533274790000001',
        titleId: '1234',
        context: '',
        contextString: '',
        senderString: '',
      },
      contractVersion: 107,
    },
  }
}
