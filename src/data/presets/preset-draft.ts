// The two-way mapping between the composer's flat draft and a preset's request. Loading a preset
// opens it as a new draft (the previous draft is stashed by openDraft), so nothing typed is lost.
import type { ComposeDraft } from '../drafts/draft-store'
import type { PresetRequest } from '../../mpsd/preset'

export function draftToPresetRequest(
  draft: ComposeDraft,
  contractVersion: number,
  xuids?: readonly string[],
): PresetRequest {
  return {
    type: draft.type,
    sessionRef: { scid: draft.scid, templateName: draft.templateName, name: draft.sessionName },
    invite: {
      invitedXuid: draft.invitedXuid,
      titleId: draft.titleId,
      context: draft.context,
      contextString: draft.contextString,
      senderString: draft.senderString,
    },
    contractVersion,
    ...(xuids && xuids.length > 0 ? { xuids: [...xuids] } : {}),
  }
}

export function presetRequestToDraft(request: PresetRequest): ComposeDraft {
  return {
    type: request.type,
    scid: request.sessionRef.scid,
    templateName: request.sessionRef.templateName,
    sessionName: request.sessionRef.name,
    // A preset with an XUID list but no single XUID opens with the first one, ready to send.
    invitedXuid: request.invite.invitedXuid || (request.xuids?.[0] ?? ''),
    titleId: request.invite.titleId,
    context: request.invite.context,
    contextString: request.invite.contextString,
    senderString: request.invite.senderString,
  }
}
