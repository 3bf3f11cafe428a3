// The one way from a composed request to the bytes that go out: the preview, Send, snippets, batch
// runs and preset exports all call toWire, so they cannot disagree. Values are trimmed here and
// nowhere else (decision 004): identifiers pasted with spaces are not errors, the Context is the
// game's own payload and is sent verbatim (decision 001). Key order follows XSAPI's serializers,
// so bodies diff cleanly against the SDK's [§2.1, §2.2].
import { HANDLE_VERSION } from './limits'
import type {
  ActivityRequest,
  HandleRequest,
  InviteRequest,
  MpaRequest,
  RequestEntity,
} from './request-entity'
import { postHandleRequest, type WireRequest } from './request-builder'
import { KIND_SERVICE } from './request-kinds'
import { mpaToWire, type MpaWireSettings } from './mpa/mpa-wire'

/**
 * What toWire needs besides the request: at least the contract version from Settings (MPSD's; MPA
 * always sends 1), and for MPA the clock and the last sequence number sent.
 */
export type WireSettings = { contractVersion: number } & MpaWireSettings

export function isMpaRequest(request: RequestEntity): request is MpaRequest {
  return KIND_SERVICE[request.kind] === 'mpa'
}

function sessionRefBody(sessionRef: HandleRequest['sessionRef'], nameOptional: boolean) {
  const name = sessionRef.name.trim()
  return {
    scid: sessionRef.scid.trim(),
    templateName: sessionRef.templateName.trim(),
    // The docs let MPSD fill in a GUID when an activity has no name [§2.1].
    ...(nameOptional && name === '' ? {} : { name }),
  }
}

export function activityBody(request: ActivityRequest) {
  return {
    type: 'activity' as const,
    sessionRef: sessionRefBody(request.sessionRef, true),
    version: HANDLE_VERSION,
  }
}

export function inviteBody(request: InviteRequest) {
  // Optional attributes are left out when empty, as XSAPI does; order is XSAPI's serializer order.
  const { invite } = request
  const contextString = invite.contextString.trim()
  const senderString = invite.senderString.trim()
  return {
    type: 'invite' as const,
    sessionRef: sessionRefBody(request.sessionRef, false),
    version: HANDLE_VERSION,
    invitedXuid: invite.invitedXuid.trim(),
    inviteAttributes: {
      titleId: invite.titleId.trim(),
      ...(contextString === '' ? {} : { contextString }),
      ...(invite.context === '' ? {} : { context: invite.context }),
      ...(senderString === '' ? {} : { senderString }),
    },
  }
}

/** The handle body of a request, built whatever the fields hold (validation is separate). */
export function handleBodyOf(request: HandleRequest) {
  return request.kind === 'activity' ? activityBody(request) : inviteBody(request)
}

/** The exact request that goes out; the request's own contract version wins over Settings'. */
export function toWire(request: RequestEntity, settings: WireSettings): WireRequest {
  if (isMpaRequest(request)) return mpaToWire(request, settings)
  return postHandleRequest(
    handleBodyOf(request),
    request.contractVersion ?? settings.contractVersion,
  )
}
