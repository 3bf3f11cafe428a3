// Builds the exact bytes that go out. Building is separate from validating: the XSAPI fixtures use a
// mock SCID that is not a GUID, and the preview must show what would be sent even while fields are
// invalid. Key order follows XSAPI's serializers so bodies diff cleanly against the SDK's [§2.1, §2.2].
import { CONTRACT_VERSION, HANDLE_VERSION } from './limits'

export type HttpMethod = 'GET' | 'POST' | 'DELETE'

/** A request as it leaves the Workbench, minus the Authorization value (added at the last moment). */
export type WireRequest = {
  method: HttpMethod
  /** Path and query on the MPSD origin, e.g. `/handles` or `/handles/query?include=relatedInfo`. */
  path: string
  /** Header pairs in the order sent. Never contains Authorization. */
  headers: Array<[string, string]>
  /** The body text exactly as sent; undefined for GET and DELETE. */
  body: string | undefined
}

export type SessionRefInput = { scid: string; templateName: string; name: string }

export type ActivityInput = { sessionRef: SessionRefInput }

export type InviteInput = {
  sessionRef: SessionRefInput
  invitedXuid: string
  titleId: string
  context?: string
  contextString?: string
  senderString?: string
}

export const AUTHORIZATION_HEADER = 'Authorization'
/** What every preview, snippet and record shows in place of the token. */
export const REDACTED_AUTHORIZATION = 'XBL3.0 x=<userhash>;<token> (redacted)'

function clean(value: string | undefined): string {
  return (value ?? '').trim()
}

function sessionRef(input: SessionRefInput, nameOptional: boolean) {
  const name = clean(input.name)
  return {
    scid: clean(input.scid),
    templateName: clean(input.templateName),
    ...(nameOptional && name === '' ? {} : { name }),
  }
}

export function buildActivityBody(input: ActivityInput) {
  return {
    type: 'activity' as const,
    sessionRef: sessionRef(input.sessionRef, true),
    version: HANDLE_VERSION,
  }
}

export function buildInviteBody(input: InviteInput) {
  // Optional attributes are left out when empty, as XSAPI does; order is XSAPI's serializer order.
  const contextString = clean(input.contextString)
  const context = input.context ?? ''
  const senderString = clean(input.senderString)
  return {
    type: 'invite' as const,
    sessionRef: sessionRef(input.sessionRef, false),
    version: HANDLE_VERSION,
    invitedXuid: clean(input.invitedXuid),
    inviteAttributes: {
      titleId: clean(input.titleId),
      ...(contextString === '' ? {} : { contextString }),
      ...(context === '' ? {} : { context }),
      ...(senderString === '' ? {} : { senderString }),
    },
  }
}

export function serializeBody(body: unknown): string {
  return JSON.stringify(body, null, 2)
}

export function mpsdHeaders(contractVersion: number = CONTRACT_VERSION): Array<[string, string]> {
  // XSAPI sends this Content-Type on every call, GET and DELETE included [§1].
  return [
    ['x-xbl-contract-version', String(contractVersion)],
    ['Content-Type', 'application/json; charset=utf-8'],
  ]
}

export function postHandleRequest(body: unknown, contractVersion?: number): WireRequest {
  return {
    method: 'POST',
    path: '/handles',
    headers: mpsdHeaders(contractVersion),
    body: serializeBody(body),
  }
}

export function queryHandlesRequest(body: unknown, contractVersion?: number): WireRequest {
  return {
    method: 'POST',
    path: '/handles/query?include=relatedInfo,customProperties',
    headers: mpsdHeaders(contractVersion),
    body: serializeBody(body),
  }
}

export function getHandleRequest(handleId: string, contractVersion?: number): WireRequest {
  return {
    method: 'GET',
    path: `/handles/${encodeURIComponent(handleId)}`,
    headers: mpsdHeaders(contractVersion),
    body: undefined,
  }
}

export function deleteHandleRequest(handleId: string, contractVersion?: number): WireRequest {
  return {
    method: 'DELETE',
    path: `/handles/${encodeURIComponent(handleId)}`,
    headers: mpsdHeaders(contractVersion),
    body: undefined,
  }
}
