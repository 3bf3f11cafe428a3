// Device-code sign-ins in progress. Starting one asks Microsoft for a code and returns at once; the
// server then polls in the background (so the browser never holds the device code) and, once the
// user has approved, gets the user and XSTS tokens and files the identity. The dashboard reads the
// status by flow id, a random id that is not the device code.
import { randomUUID } from 'node:crypto'
import type { SignInStarted, SignInStatus } from '../../mpsd/identity'
import type { Logger } from '../logger'
import { AuthError } from './auth-errors'
import type { IdentityStore } from './identity-store'
import {
  pollDeviceCode,
  startDeviceCode,
  type AuthContext,
  type DeviceCodeGrant,
} from './msa-device-code'
import { requestUserToken } from './xbox-user-token'
import { requestXstsToken } from './xsts-token'

/** Each pending flow polls Microsoft; a few at once is plenty for a sender and an invitee. */
export const MAX_PENDING_SIGN_INS = 5
/** Long enough for the dashboard to read the outcome after a tab was in the background. */
const KEEP_FINISHED_MS = 10 * 60_000

type Flow = {
  flowId: string
  clientId: string
  sandbox: string
  grant: DeviceCodeGrant
  interval: number
  controller: AbortController
  outcome: Exclude<SignInStatus, { status: 'pending' }> | undefined
  finishedAt: number | undefined
}

export type SignInFlowsOptions = {
  ctx: AuthContext
  store: IdentityStore
  logger: Logger
}

export function createSignInFlows(options: SignInFlowsOptions) {
  const { ctx, store, logger } = options
  const flows = new Map<string, Flow>()
  /** Starts still waiting for Microsoft's code: they count towards the cap. */
  const starting = new Set<AbortController>()

  function sweep(): void {
    const now = ctx.now()
    for (const [id, flow] of flows)
      if (flow.finishedAt !== undefined && now - flow.finishedAt > KEEP_FINISHED_MS)
        flows.delete(id)
  }

  function started(flow: Flow): SignInStarted {
    return {
      flowId: flow.flowId,
      userCode: flow.grant.userCode,
      verificationUri: flow.grant.verificationUri,
      expiresAt: new Date(flow.grant.expiresAt).toISOString(),
      interval: flow.interval,
      sandbox: flow.sandbox,
    }
  }

  async function run(flow: Flow): Promise<void> {
    const signal = flow.controller.signal
    try {
      const msa = await pollDeviceCode(ctx, flow.clientId, flow.grant, {
        signal,
        onInterval: (seconds) => {
          flow.interval = seconds
        },
      })
      const user = await requestUserToken(ctx, msa.accessToken, signal)
      const xsts = await requestXstsToken(ctx, user.token, flow.sandbox, signal)
      if (signal.aborted) throw new AuthError('cancelled', 'Sign-in was cancelled.')
      const identity = store.add({
        clientId: flow.clientId,
        sandbox: flow.sandbox,
        msa,
        user,
        xsts,
      })
      flow.outcome = { status: 'signed-in', flowId: flow.flowId, identity }
    } catch (error) {
      const failure =
        error instanceof AuthError
          ? { code: error.code, message: error.message }
          : {
              code: 'internal',
              message: `Sign-in failed unexpectedly (${(error as Error)?.name ?? 'error'}). Start sign-in again; if it persists, report it.`,
            }
      if (failure.code !== 'cancelled') logger.info(`sign-in failed: ${failure.code}`)
      flow.outcome = { status: 'failed', flowId: flow.flowId, error: failure }
    } finally {
      flow.finishedAt = ctx.now()
    }
  }

  return {
    /** Asks Microsoft for a code; throws AuthError (with its sentence) when Microsoft refuses. */
    async start(request: { clientId: string; sandbox: string }): Promise<SignInStarted> {
      sweep()
      const pending =
        [...flows.values()].filter((f) => f.finishedAt === undefined).length + starting.size
      if (pending >= MAX_PENDING_SIGN_INS)
        throw new AuthError(
          'too_many_sign_ins',
          `${pending} sign-ins are already waiting for a code to be entered. Finish or cancel one first.`,
        )
      // The slot is taken before asking Microsoft: concurrent starts must not all pass the check
      // above while each waits for its code.
      const controller = new AbortController()
      starting.add(controller)
      let grant: DeviceCodeGrant
      try {
        grant = await startDeviceCode(ctx, request.clientId, controller.signal)
      } finally {
        starting.delete(controller)
      }
      const flow: Flow = {
        flowId: randomUUID(),
        clientId: request.clientId,
        sandbox: request.sandbox,
        grant,
        interval: grant.interval,
        controller,
        outcome: undefined,
        finishedAt: undefined,
      }
      flows.set(flow.flowId, flow)
      void run(flow)
      return started(flow)
    },

    status(flowId: string): SignInStatus | undefined {
      sweep()
      const flow = flows.get(flowId)
      if (!flow) return undefined
      return flow.outcome ?? { status: 'pending', ...started(flow) }
    },

    /** Stops polling for a sign-in the user abandoned. */
    cancel(flowId: string): boolean {
      const flow = flows.get(flowId)
      if (!flow) return false
      flow.controller.abort()
      return true
    },

    /** Stops every poll (server shutdown). */
    close(): void {
      for (const flow of flows.values()) flow.controller.abort()
      for (const controller of starting) controller.abort()
    },
  }
}

export type SignInFlows = ReturnType<typeof createSignInFlows>
