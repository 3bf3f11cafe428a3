// The session resource of the simulator (mpsd-sessions.md §1, §2): GET and PUT of
// /serviceconfigs/{scid}/sessionTemplates/{template}/sessions/{name}, and GET|PUT /handles/{id}/session,
// which dereference a handle (§3). Preconditions, ETag, Content-Location and the lazy timers live here;
// the merge itself is session-merge.ts.
import type { Context, Hono } from 'hono'
import { SIM_RULE_IDS } from '../../mpsd/sim-rules'
import { mergeSessionPut, type JoinGrant, type MergeResult } from './session-merge'
import {
  sessionDocument,
  sessionKey,
  sessionPath,
  sweepMembers,
  findMember,
  newEtag,
  type SessionRefKey,
  type StoredMember,
  type StoredSession,
} from './session-store'
import { documentedRefusal } from './sim-rules-state'
import type { SimRulesState } from './sim-rules-state'
import { templateConstants, type SessionTemplates } from './sim-templates'
import type { SimulatorState, StoredHandle } from './simulator-state'

export type SessionDeps = {
  state: SimulatorState
  now: () => number
  timestamp: (ms: number) => string
  rules: SimRulesState
  templates?: SessionTemplates
}

type Env = { Variables: { xuid: string; body: string } }

/** Reads, writes and the timers of the stored sessions; handle-binding.ts uses it too. */
export function createSessionService(deps: SessionDeps) {
  const { state } = deps

  /** Handles that die with a member or a session (§2.2, §2.3). */
  function dropHandlesOf(ref: SessionRefKey, left: StoredMember[], sessionGone: boolean) {
    const key = sessionKey(ref)
    const xuids = new Set(left.map((m) => m.xuid))
    for (const [id, handle] of state.handles) {
      const target = handle.sessionRef as SessionRefKey | undefined
      if (!target || sessionKey(target) !== key) continue
      // The activity is bound to the member: gone when the member leaves or goes inactive (§2.2).
      if (handle.type === 'activity' && (sessionGone || xuids.has(handle.ownerXuid)))
        state.handles.delete(id)
      // Transfer handles are deleted with their target (§2.3); invite and search handles dangle.
      if (handle.type === 'transfer' && sessionGone) state.handles.delete(id)
    }
  }

  /** The session after MPSD's lazy timers (§2.1), or undefined when there is none. */
  function read(ref: SessionRefKey): StoredSession | undefined {
    const key = sessionKey(ref)
    const session = state.sessions.get(key)
    if (!session) return undefined
    const removed = sweepMembers(session, deps.now(), {
      removeInactive: deps.rules.isStrict(SIM_RULE_IDS.inactiveRemovedAtOnce),
    })
    if (removed.length === 0) return session
    if (session.members.length === 0) {
      state.sessions.delete(key)
      dropHandlesOf(session.ref, removed, true)
      return undefined
    }
    session.changeNumber++
    session.etag = newEtag()
    dropHandlesOf(session.ref, removed, false)
    return session
  }

  /** A member who is no longer active loses the activity bound to it (§2.2). */
  function dropInactiveActivities(session: StoredSession) {
    const inactive = session.members.filter((m) => m.propertiesSystem.active !== true)
    if (inactive.length > 0) dropHandlesOf(session.ref, inactive, false)
  }

  function write(
    ref: SessionRefKey,
    body: unknown,
    caller: { xuid: string; gamertag?: string },
    grant: JoinGrant,
  ): MergeResult {
    const key = sessionKey(ref)
    const at = deps.now()
    const current = read(ref)
    const result = mergeSessionPut({
      session: current,
      ref,
      body,
      caller,
      template: templateConstants(deps.templates, ref.templateName),
      now: at,
      timestamp: deps.timestamp(at),
      grant,
      ...(state.correlationIds.has(key) ? { correlationId: state.correlationIds.get(key) } : {}),
    })
    if (result.kind === 'stored') {
      state.sessions.set(key, result.session)
      state.correlationIds.set(key, result.session.correlationId)
      dropHandlesOf(ref, result.left, false)
      dropInactiveActivities(result.session)
    } else if (result.kind === 'deleted' && current) {
      state.sessions.delete(key)
      dropHandlesOf(ref, [...result.left, ...current.members], true)
    }
    return result
  }

  return { read, write, dropHandlesOf }
}

export type SessionService = ReturnType<typeof createSessionService>

function sessionHeaders(session: StoredSession, at: number): Record<string, string> {
  return {
    'Content-Type': 'application/json; charset=utf-8',
    ETag: session.etag,
    'Content-Location': sessionPath(session.ref),
    Date: new Date(at).toUTCString(),
  }
}

function sessionResponse(session: StoredSession, status: number, at: number): Response {
  return new Response(JSON.stringify(sessionDocument(session)), {
    status,
    headers: sessionHeaders(session, at),
  })
}

/** Private sessions are read by members and reserved users only (§1.5). */
function readRefusal(session: StoredSession, xuid: string, grant: JoinGrant): Response | undefined {
  if (session.constants.system.visibility !== 'private') return undefined
  if (findMember(session, xuid) || grant === 'invite') return undefined
  return documentedRefusal(
    403,
    'Private Sessions can only be read by members of the session.',
    'Private sessions are read by members only (mpsd-sessions.md §1.5)',
  )
}

function preconditionFailure(
  c: Context<Env>,
  current: StoredSession | undefined,
  at: number,
): Response | undefined {
  const ifMatch = c.req.header('if-match')?.trim()
  const ifNoneMatch = c.req.header('if-none-match')?.trim()
  // §1.2: CreateNew sends If-None-Match: *; UpdateExisting If-Match: *; SynchronizedUpdate an ETag.
  // A 412 carries the current session and its ETag when there is one (§6.3).
  const failed = () =>
    current ? sessionResponse(current, 412, at) : new Response(null, { status: 412 })
  if (ifNoneMatch === '*' && current) return failed()
  if (ifMatch !== undefined) {
    if (!current) return failed()
    if (ifMatch !== '*' && ifMatch !== current.etag) return failed()
  }
  return undefined
}

function parseBody(c: Context<Env>): { ok: true; value: unknown } | { ok: false } {
  try {
    return { ok: true, value: JSON.parse(c.get('body') || '{}') as unknown }
  } catch {
    return { ok: false }
  }
}

function answerWrite(
  result: MergeResult,
  current: StoredSession | undefined,
  at: number,
  byHandle: boolean,
): Response {
  switch (result.kind) {
    case 'refused':
      if (result.withSession && current) {
        const response = sessionResponse(current, result.status, at)
        response.headers.set('X-Workbench-Sim-Doc-Rule', result.rule)
        return response
      }
      return documentedRefusal(result.status, result.message, result.rule)
    case 'nothing':
    case 'deleted':
      // §2.3: a create with no members, or the last member left.
      return new Response(null, { status: 204 })
    case 'stored':
      return sessionResponse(result.session, result.created && !byHandle ? 201 : 200, at)
  }
}

export function registerSessionRoutes(app: Hono<Env>, deps: SessionDeps, service: SessionService) {
  const callerOf = (c: Context<Env>) => {
    const xuid = c.get('xuid')
    const gamertag = deps.state.players.find((p) => p.xuid === xuid)?.gamertag
    return { xuid, ...(gamertag ? { gamertag } : {}) }
  }
  const refOf = (c: Context<Env>): SessionRefKey => ({
    scid: c.req.param('scid') ?? '',
    templateName: c.req.param('template') ?? '',
    name: c.req.param('name') ?? '',
  })

  // XSAPI writes sessionTemplates, its URI helper and the docs sessiontemplates (§1.1).
  for (const segment of ['sessionTemplates', 'sessiontemplates', 'SessionTemplates']) {
    const path = `/serviceconfigs/:scid/${segment}/:template/sessions/:name`
    app.get(path, (c) => {
      const at = deps.now()
      const session = service.read(refOf(c))
      if (!session) return c.body(null, 204)
      const refusal = readRefusal(session, c.get('xuid'), 'none')
      if (refusal) return refusal
      if (c.req.header('if-none-match')?.trim() === session.etag)
        return new Response(null, { status: 304, headers: { ETag: session.etag } })
      return sessionResponse(session, 200, at)
    })
    app.put(path, (c) => {
      const at = deps.now()
      const ref = refOf(c)
      const parsed = parseBody(c)
      if (!parsed.ok)
        return documentedRefusal(400, 'The request body is not valid JSON.', 'Request JSON')
      const current = service.read(ref)
      const failed = preconditionFailure(c, current, at)
      if (failed) return failed
      const result = service.write(ref, parsed.value, callerOf(c), 'none')
      return answerWrite(result, current, at, false)
    })
  }

  const handleOf = (c: Context<Env>): StoredHandle | undefined => {
    const handle = deps.state.handles.get((c.req.param('id') ?? '').toLowerCase())
    if (handle?.expiresAt !== undefined && handle.expiresAt <= deps.now()) return undefined
    return handle
  }
  const handleMissing = () =>
    documentedRefusal(
      404,
      "The requested handle wasn't found.",
      'A missing handle is 404 (mpsd-handles.md §4)',
    )

  app.get('/handles/:id/session', (c) => {
    const at = deps.now()
    const handle = handleOf(c)
    if (!handle) return handleMissing()
    const session = service.read(handle.sessionRef as SessionRefKey)
    // XSAPI reads 204 as "the session does not exist" (mpsd-handles.md §2.9).
    if (!session) return c.body(null, 204)
    const grant: JoinGrant =
      handle.type === 'invite' && handle.invitedXuid === c.get('xuid') ? 'invite' : 'none'
    const refusal = readRefusal(session, c.get('xuid'), grant)
    if (refusal) return refusal
    return sessionResponse(session, 200, at)
  })

  app.put('/handles/:id/session', (c) => {
    const at = deps.now()
    const handle = handleOf(c)
    if (!handle) return handleMissing()
    const parsed = parseBody(c)
    if (!parsed.ok)
      return documentedRefusal(400, 'The request body is not valid JSON.', 'Request JSON')
    const caller = callerOf(c)
    const ref = handle.sessionRef as SessionRefKey
    const current = service.read(ref)
    // §3: XSAPI's game client reads a 404 on a by-handle write as "the session does not exist".
    if (!current)
      return documentedRefusal(
        404,
        "The requested session wasn't found: the handle points to a session that no longer exists.",
        'A by-handle write to a missing session is 404 (mpsd-sessions.md §3, XSAPI multiplayer_game_client.cpp)',
      )
    let grant: JoinGrant = 'none'
    if (handle.type === 'invite' && handle.invitedXuid === caller.xuid) grant = 'invite'
    if (handle.type === 'transfer') {
      // Using a transfer handle: the caller must be a member of the origin session (§2.4, §4).
      const origin = service.read(handle.originSessionRef as SessionRefKey)
      if (!origin || !findMember(origin, caller.xuid))
        return documentedRefusal(
          403,
          'The caller is not a member of the transfer handle’s origin session.',
          'A transfer handle admits members of its origin session (mpsd-sessions.md §4, docs how-tos)',
        )
      grant = 'transfer'
    }
    const failed = preconditionFailure(c, current, at)
    if (failed) return failed
    const result = service.write(ref, parsed.value, caller, grant)
    return answerWrite(result, current, at, true)
  })
}
