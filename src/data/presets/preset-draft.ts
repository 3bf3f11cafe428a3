// Between the composer and presets. Saving keeps the composer's request as it is, with the Settings'
// contract version pinned (exports use it); loading opens the preset's request as a new draft (the
// previous draft is stashed by openDraft), so nothing typed is lost.
import type { RequestEntity } from '../../mpsd/request-entity'

export function presetRequestOf(request: RequestEntity, contractVersion: number): RequestEntity {
  return { ...request, contractVersion }
}

export function draftRequestOf(preset: {
  request: RequestEntity
  xuids?: readonly string[] | undefined
}): RequestEntity {
  const { request, xuids } = preset
  // A preset with an XUID list but no single XUID opens with the first one, ready to send.
  if (request.kind !== 'invite' || request.invite.invitedXuid !== '' || !xuids?.[0]) return request
  return { ...request, invite: { ...request.invite, invitedXuid: xuids[0] } }
}
