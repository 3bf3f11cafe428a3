// Settings → Sign in with Microsoft (decisions 021, 022): the server runs the device-code flow and
// keeps the tokens; this panel shows the code, the link, a countdown, and the accounts signed in.
import { useEffect, useState } from 'react'
import { Alert } from '../../components/alert'
import { CopyButton } from '../../components/copy-button'
import {
  useCancelSignIn,
  useIdentities,
  useSignInFlow,
  useSignOut,
  useStartSignIn,
} from '../../data/identities/identities-queries'
import { useSettings, useUpdateSettings } from '../../data/settings/settings-queries'
import { useUpstreams } from '../../data/settings/upstreams-queries'
import { msaClientIdSchema, sandboxIdSchema, type SignInStarted } from '../../mpsd/identity'
import { timeLeft } from './time-left'

export function SignInPanel() {
  const settings = useSettings()
  const updateSettings = useUpdateSettings()
  const serverHasClientId = useUpstreams().data?.signInConfigured ?? false
  const [clientId, setClientId] = useState(settings.msaClientId)
  const [sandbox, setSandbox] = useState(settings.sandbox)
  const start = useStartSignIn()
  const [flow, setFlow] = useState<SignInStarted | undefined>()
  const clientIdError =
    clientId.trim() && !msaClientIdSchema.safeParse(clientId).success
      ? msaClientIdSchema.safeParse(clientId).error?.issues[0]?.message
      : undefined
  const sandboxCheck = sandboxIdSchema.safeParse(sandbox)
  const sandboxError = sandboxCheck.success ? undefined : sandboxCheck.error.issues[0]?.message

  function signIn() {
    if (clientIdError || sandboxError) return
    updateSettings.mutate({ ...settings, msaClientId: clientId.trim(), sandbox: sandbox.trim() })
    start.mutate(
      { ...(clientId.trim() ? { clientId: clientId.trim() } : {}), sandbox: sandbox.trim() },
      { onSuccess: setFlow },
    )
  }

  return (
    <section aria-labelledby="sign-in-heading" id="sign-in">
      <h3 id="sign-in-heading">Sign in to Xbox Live</h3>
      <p className="muted">
        Tokens stay in the Workbench server; the dashboard only sees gamertags and XUIDs. Sign in
        several accounts (a sender and an invitee) and pick one in Act as.
      </p>
      <label htmlFor="msa-client-id">Client ID</label>{' '}
      <input
        id="msa-client-id"
        value={clientId}
        placeholder={serverHasClientId ? 'the server’s WORKBENCH_MSA_CLIENT_ID' : ''}
        aria-invalid={clientIdError ? 'true' : 'false'}
        onChange={(event) => setClientId(event.target.value)}
      />{' '}
      <label htmlFor="msa-sandbox">Sandbox</label>{' '}
      <input
        id="msa-sandbox"
        value={sandbox}
        aria-invalid={sandboxError ? 'true' : 'false'}
        onChange={(event) => setSandbox(event.target.value)}
      />
      {clientIdError ? <Alert variant="inline">{clientIdError}</Alert> : null}
      {sandboxError ? <Alert variant="inline">{sandboxError}</Alert> : null}
      <div className="button-row">
        <button type="button" onClick={signIn} disabled={start.isPending || Boolean(flow)}>
          Sign in with Microsoft
        </button>
      </div>
      {start.isError ? <Alert>{start.error.message}</Alert> : null}
      {flow ? <SignInProgress flow={flow} onDone={() => setFlow(undefined)} /> : null}
      <SignedInAccounts />
    </section>
  )
}

function useCountdown(until: string): number {
  const [now, setNow] = useState(Date.now)
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), 1000)
    return () => clearInterval(timer)
  }, [])
  return Math.max(0, Math.round((Date.parse(until) - now) / 1000))
}

function SignInProgress({ flow, onDone }: { flow: SignInStarted; onDone: () => void }) {
  const status = useSignInFlow(flow.flowId, Math.max(1, flow.interval) * 1000)
  const cancel = useCancelSignIn()
  const left = useCountdown(flow.expiresAt)
  if (status.data?.status === 'signed-in')
    return (
      <p role="status">
        Signed in as {status.data.identity.gamertag} ({status.data.identity.xuid}).{' '}
        <button type="button" onClick={onDone}>
          Done
        </button>
      </p>
    )
  if (status.data?.status === 'failed' || status.isError)
    return (
      <>
        <Alert>
          {status.data?.status === 'failed' ? status.data.error.message : status.error?.message}
        </Alert>
        <button type="button" onClick={onDone}>
          Close
        </button>
      </>
    )
  return (
    <div className="sign-in-code" aria-label="Sign-in code">
      <p>
        Open{' '}
        <a href={flow.verificationUri} target="_blank" rel="noopener noreferrer">
          {flow.verificationUri}
        </a>{' '}
        and enter the code{' '}
        <strong className="mono" aria-label="Code">
          {flow.userCode}
        </strong>{' '}
        <CopyButton label="Copy code" text={() => flow.userCode} />
      </p>
      <p role="status">
        {left > 0
          ? `Waiting for you to sign in (${Math.floor(left / 60)}:${String(left % 60).padStart(2, '0')} left)…`
          : 'The code has expired: start again.'}
      </p>
      <button
        type="button"
        onClick={() => {
          cancel.mutate(flow.flowId)
          onDone()
        }}
      >
        Cancel
      </button>
    </div>
  )
}

function SignedInAccounts() {
  const identities = useIdentities()
  const signOut = useSignOut()
  if (identities.isError) return <Alert>Could not list sign-ins: {identities.error.message}</Alert>
  const list = identities.data ?? []
  if (list.length === 0) return <p>No account is signed in.</p>
  return (
    <ul aria-label="Signed-in accounts">
      {list.map((identity) => (
        <li key={identity.id}>
          {identity.gamertag} · {identity.xuid} · {identity.sandbox} ·{' '}
          {timeLeft(identity.expiresAt)}
          {identity.canJoinMultiplayer ? '' : ' · cannot join multiplayer (privilege 254 missing)'}
          {identity.problem ? <Alert variant="inline">{identity.problem}</Alert> : null}{' '}
          <button
            type="button"
            onClick={() => signOut.mutate(identity.id)}
            aria-label={`Sign out ${identity.gamertag}`}
          >
            Sign out
          </button>
        </li>
      ))}
    </ul>
  )
}
