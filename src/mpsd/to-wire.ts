// The one way from a composed request to the bytes that go out: the preview, Send, snippets, batch
// runs and preset exports all call toWire, so they cannot disagree. Values are trimmed here and
// nowhere else (decision 004): identifiers pasted with spaces are not errors, the Context is the
// game's own payload and is sent verbatim (decision 001). Key order follows XSAPI's serializers,
// so bodies diff cleanly against the SDK's [§2.1, §2.2]; bodies are compact JSON as rapidjson
// writes them (decision 101).
import { HANDLE_VERSION } from './limits'
import type {
  ActivityRequest,
  HandleRequest,
  InviteRequest,
  MpaRequest,
  RequestEntity,
  SearchQueryRequest,
  SearchRequest,
  SessionRequest,
  TransferRequest,
} from './request-entity'
import {
  postHandleRequest,
  putSessionRequest,
  querySearchHandlesRequest,
  RawJson,
  sessionPath,
  type SessionWriteMode,
  type WireRequest,
} from './request-builder'
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

/** MultiplayerTransferHandlePostRequest::Serialize: type, sessionRef, version, originSessionRef. */
export function transferBody(request: TransferRequest) {
  const { transfer } = request
  return {
    type: 'transfer' as const,
    sessionRef: sessionRefBody(request.sessionRef, false),
    version: HANDLE_VERSION,
    originSessionRef: {
      scid: transfer.originScid.trim(),
      templateName: transfer.originTemplateName.trim(),
      name: transfer.originName.trim(),
    },
  }
}

const raw = (text: string) => (text.trim() === '' ? undefined : new RawJson(text))

/**
 * MultiplayerSearchHandleRequest::Serialize: type, version, sessionRef, then searchAttributes
 * (tags, numbers, strings; left out when all are empty).
 */
export function searchBody(request: SearchRequest) {
  const { search } = request
  const tags = search.tags
    .split(',')
    .map((tag) => tag.trim())
    .filter((tag) => tag !== '')
  const numbers = raw(search.numbers)
  const strings = raw(search.strings)
  const attributes =
    tags.length > 0 || numbers || strings
      ? { ...(tags.length > 0 ? { tags } : {}), numbers, strings }
      : undefined
  return {
    type: 'search' as const,
    version: HANDLE_VERSION,
    sessionRef: sessionRefBody(request.sessionRef, false),
    searchAttributes: attributes,
  }
}

/**
 * MultiplayerQuerySearchHandleRequest::Serialize: type, scid, templateName, global (always true),
 * filter, orderBy, sessionMembers.people {moniker, monikerXuid}.
 */
export function searchQueryBody(request: SearchQueryRequest) {
  const { searchQuery } = request
  const filter = searchQuery.filter.trim()
  const orderBy = searchQuery.orderBy.trim()
  const moniker = searchQuery.socialGroup.trim()
  return {
    type: 'search' as const,
    scid: request.sessionRef.scid.trim(),
    templateName: request.sessionRef.templateName.trim(),
    global: true,
    ...(filter === '' ? {} : { filter }),
    ...(orderBy === '' ? {} : { orderBy }),
    ...(moniker === ''
      ? {}
      : {
          sessionMembers: {
            people: { moniker, monikerXuid: searchQuery.socialGroupXuid.trim() },
          },
        }),
  }
}

/**
 * XblMultiplayerSession::Serialize: constants (a new session only), properties, members. The
 * member is MultiplayerSessionMember::Serialize: constants.system.xuid on its first write, then
 * properties.system.active (and `ready: false` when inactive) [sessions §1.4].
 */
export function sessionBody(request: SessionRequest) {
  const { session } = request
  const xuid = session.memberXuid.trim()
  const active = session.memberStatus !== 'inactive'
  const me =
    session.memberStatus === 'leave'
      ? null
      : {
          ...(xuid === '' ? {} : { constants: { system: { xuid } } }),
          properties: { system: active ? { active: true } : { active: false, ready: false } },
        }
  return {
    constants: raw(session.constants),
    properties: raw(session.properties),
    members: session.memberStatus === 'none' ? undefined : { me },
  }
}

/** The handle body of a handle-creating request, built whatever the fields hold. */
export function handleBodyOf(request: HandleRequest) {
  return request.kind === 'activity' ? activityBody(request) : inviteBody(request)
}

function writeModeOf(value: string): SessionWriteMode {
  return value === 'create' || value === 'update' ? value : ''
}

/** The exact request that goes out; the request's own contract version wins over Settings'. */
export function toWire(request: RequestEntity, settings: WireSettings): WireRequest {
  if (isMpaRequest(request)) return mpaToWire(request, settings)
  const contractVersion = request.contractVersion ?? settings.contractVersion
  switch (request.kind) {
    case 'activity':
      return postHandleRequest(activityBody(request), contractVersion)
    case 'invite':
      return postHandleRequest(inviteBody(request), contractVersion)
    case 'transfer':
      return postHandleRequest(transferBody(request), contractVersion)
    case 'search':
      return postHandleRequest(searchBody(request), contractVersion)
    case 'searchQuery':
      return querySearchHandlesRequest(searchQueryBody(request), contractVersion)
    case 'session':
      return putSessionRequest(
        sessionPath({
          scid: request.sessionRef.scid.trim(),
          templateName: request.sessionRef.templateName.trim(),
          name: request.sessionRef.name.trim(),
        }),
        sessionBody(request),
        contractVersion,
        writeModeOf(request.session.writeMode),
      )
  }
}
