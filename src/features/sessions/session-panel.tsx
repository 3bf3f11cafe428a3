// The Session panel beside the composed request's session reference (issue 14 item 4): "Check
// session" (GET), "Create session" (PUT, If-None-Match: *, members.me as the acting player, the
// template's constants), "Join session" and "Leave session" (PUT, If-Match: *), the members and
// their states. Against the simulator it checks the session by itself when the reference settles,
// and when Send would be refused (no session, or the acting player not in it) says so before
// sending, with "Create session and send" (decision 101). All of it goes where Send goes, as whom
// Send sends: the active environment's `upstream` and `actAs` when set (decision 131).
import { useMemo, useState } from 'react'
import { Alert } from '../../components/alert'
import { SessionMembers } from '../../components/session-members'
import { useComposeTarget } from '../../data/environments/compose-target'
import type { HistoryEntry } from '../../data/history/history-entry'
import { useActing } from '../../data/identities/use-acting'
import { COMPOSE_SEND_KEY, useSendRequest } from '../../data/send/use-send-request'
import { actingXuidOf } from '../../data/sessions/session-probe'
import {
  useSessionAction,
  useSessionProbe,
  useSettled,
  type SessionAction,
  type SessionCallResult,
} from '../../data/sessions/session-queries'
import { useSettings } from '../../data/settings/settings-queries'
import { useSimRules } from '../../data/sim-rules/sim-rules-queries'
import { describeSender, senderOf } from '../../mpsd/acting-identity'
import { isGuid } from '../../mpsd/field-rules'
import { NAME_MAX_LENGTH } from '../../mpsd/limits'
import { SIMULATOR_UPSTREAM } from '../../mpsd/proxy-protocol'
import type { RequestEntity } from '../../mpsd/request-entity'
import { requestIssues } from '../../mpsd/request-validate'
import { predictRefusal } from '../../mpsd/send-precheck'
import type { SessionRef, SessionView } from '../../mpsd/session-document'
import { toWire } from '../../mpsd/to-wire'

/** The session reference as sent, or undefined while it cannot name a session. */
function refOf(request: RequestEntity): SessionRef | undefined {
  // Multiplayer Activity calls name no MPSD session.
  if (!('sessionRef' in request)) return undefined
  const ref = {
    scid: request.sessionRef.scid.trim(),
    templateName: request.sessionRef.templateName.trim(),
    name: request.sessionRef.name.trim(),
  }
  const nameOk = (value: string) => value !== '' && value.length <= NAME_MAX_LENGTH
  return isGuid(ref.scid) && nameOk(ref.templateName) && nameOk(ref.name) ? ref : undefined
}

const sameRef = (a: SessionRef | undefined, b: SessionRef | undefined) =>
  a !== undefined &&
  b !== undefined &&
  a.scid.toLowerCase() === b.scid.toLowerCase() &&
  a.templateName.toLowerCase() === b.templateName.toLowerCase() &&
  a.name.toLowerCase() === b.name.toLowerCase()

function failureOf(entry: HistoryEntry): string | undefined {
  if (entry.networkError) return entry.networkError
  if (entry.proxyError) return `Proxy: ${entry.proxyError.message}`
  const response = entry.response
  if (!response) return 'No answer'
  if (response.status >= 200 && response.status < 300) return undefined
  return `HTTP ${response.status} ${response.statusText}: ${response.body.slice(0, 300)}`.trim()
}

const ACTION_LABELS: Record<SessionAction, string> = {
  check: 'Check session',
  create: 'Create session',
  join: 'Join session',
  leave: 'Leave session',
}

export function SessionPanel({ request }: { request: RequestEntity }) {
  const settings = useSettings()
  const target = useComposeTarget()
  const acting = useActing(target.upstream, target.actAs)
  const xuid = acting.kind === 'blocked' ? undefined : actingXuidOf(acting)
  const sender = acting.kind === 'blocked' ? undefined : senderOf(acting)
  const typedRef = refOf(request)
  // The reference as an object whose identity changes only with its text: the check's key.
  const refKey = typedRef ? JSON.stringify(typedRef) : ''
  const settledKey = useSettled(refKey, 600)
  const settledRef = useMemo(
    () => (settledKey ? (JSON.parse(settledKey) as SessionRef) : undefined),
    [settledKey],
  )
  const simulated = target.upstream === SIMULATOR_UPSTREAM
  const probe = useSessionProbe(
    simulated && settledKey === refKey && !target.waiting ? settledRef : undefined,
    target.upstream,
    target.actAs,
  )
  const rules = useSimRules()
  const action = useSessionAction()
  // Its answer is Compose's own: the Response panel shows it, as after Send.
  const send = useSendRequest(COMPOSE_SEND_KEY)
  const [last, setLast] = useState<{ ref: SessionRef; result: SessionCallResult }>()

  const checked = probe.data && sameRef(settledRef, typedRef) ? probe.data : undefined
  // What the panel shows: the automatic check (it runs again after every call here), else the
  // answer of the last call for this same session.
  const lastHere = last && sameRef(last.ref, typedRef) ? last.result : undefined
  let view: { session?: SessionView; missing: boolean } | undefined
  if (checked?.state === 'exists') view = { session: checked.session, missing: false }
  else if (checked?.state === 'missing') view = { missing: true }
  else if (lastHere?.session) view = { session: lastHere.session, missing: false }
  else if (lastHere?.gone) view = { missing: true }

  const modes = Object.fromEntries((rules.data ?? []).map((rule) => [rule.id, rule.mode]))
  const refusal =
    checked && checked.state !== 'unknown' && typedRef
      ? predictRefusal(request.kind, typedRef.name, checked, modes)
      : undefined
  const sendable = requestIssues(request).length === 0
  const lastFailure = lastHere ? failureOf(lastHere.entry) : undefined
  // While the chosen environment is read, where and as whom are not known yet.
  const busy = action.isPending || send.isPending || target.waiting

  async function run(which: SessionAction) {
    if (!typedRef || target.waiting) return
    const result = await action.run(
      which,
      typedRef,
      xuid,
      settings.contractVersion,
      target.overrides,
    )
    setLast({ ref: typedRef, result })
  }

  async function createAndSend() {
    if (!typedRef || !sendable || target.waiting) return
    const result = await action.createOrJoin(
      typedRef,
      xuid,
      settings.contractVersion,
      target.overrides,
    )
    setLast({ ref: typedRef, result })
    if (failureOf(result.entry)) return
    send.mutate({
      request: toWire(request, settings),
      composed: request,
      kind: request.kind,
      ...target.overrides,
    })
  }

  const you = sender ? describeSender(sender) : 'you'
  const me = view?.session && xuid ? view.session.members.find((m) => m.xuid === xuid) : undefined
  return (
    <section className="panel session-panel" aria-labelledby="session-panel-heading">
      <h3 id="session-panel-heading">Session</h3>
      {typedRef ? (
        <p className="mono small">
          {typedRef.templateName}/{typedRef.name}
        </p>
      ) : (
        <p className="muted">
          Fill in the SCID, template name and session name to work on the session.
        </p>
      )}
      <div className="button-row">
        {(Object.keys(ACTION_LABELS) as SessionAction[]).map((which) => (
          <button
            key={which}
            type="button"
            disabled={!typedRef || busy || acting.kind === 'blocked'}
            onClick={() => void run(which)}
          >
            {ACTION_LABELS[which]}
          </button>
        ))}
      </div>
      {typedRef && view ? (
        <p role="status" aria-label="Session state">
          {view.missing
            ? `Session ${typedRef.name} does not exist.`
            : `Session ${typedRef.name} exists: ${view.session?.members.length ?? 0} ${view.session?.members.length === 1 ? 'member' : 'members'}${xuid ? (me ? `; ${you} is ${me.status}.` : `; ${you} is not a member.`) : '.'}`}
        </p>
      ) : null}
      {typedRef && !view && simulated && probe.isFetching ? (
        <p className="muted">Checking the session…</p>
      ) : null}
      {checked?.state === 'unknown' ? (
        <p className="muted">The session could not be checked: {checked.message}</p>
      ) : null}
      {view?.session ? <SessionMembers session={view.session} you={xuid} /> : null}
      {lastFailure ? (
        <Alert>
          {lastHere?.entry.request.method === 'GET'
            ? 'The check failed'
            : 'The session call failed'}
          : {lastFailure}
        </Alert>
      ) : null}
      {action.isError ? <Alert>{action.error.message}</Alert> : null}
      {refusal ? (
        <div className="alert" aria-label="Before you send">
          <p>
            {refusal.message}
            {refusal.ruleTitle
              ? ` Simulator rule: "${refusal.ruleTitle}" (Settings → Simulator rules).`
              : ''}
          </p>
          <button
            type="button"
            className="primary"
            disabled={!sendable || busy}
            onClick={() => void createAndSend()}
          >
            {refusal.fix === 'create' ? 'Create session and send' : 'Join session and send'}
          </button>
          {!sendable ? <span className="muted"> Fix the request’s fields first.</span> : null}
        </div>
      ) : null}
    </section>
  )
}
