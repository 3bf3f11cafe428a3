// The identities API, to be mounted at /api/identities. Every answer is built from the public view
// (src/mpsd/identity.ts), which has no token field: the Microsoft and Xbox tokens stay in the
// identity store. Errors are `{ error, message }` like the proxy's, the message a sentence to show.
import { Hono, type Context } from 'hono'
import { bodyLimit } from 'hono/body-limit'
import { DEFAULT_SANDBOX, signInRequestSchema } from '../../mpsd/identity'
import { callerGuard } from '../caller-check'
import { APP_SETUP_HINT, AuthError } from './auth-errors'
import type { IdentityStore } from './identity-store'
import type { SignInFlows } from './sign-in-flows'

export type SignInAppOptions = {
  flows: SignInFlows
  store: IdentityStore
  /** WORKBENCH_MSA_CLIENT_ID, used when the request names no client id. */
  defaultClientId: string | undefined
  allowedHosts: readonly string[]
  isLoopbackPeer: (c: Context) => boolean
  /** Resolves once the token cache has been read; requests wait for it. */
  ready?: Promise<void>
}

/** The request body is two short strings. */
const BODY_LIMIT = 4 * 1024

function statusFor(error: AuthError): 429 | 502 | 504 {
  if (error.code === 'too_many_sign_ins') return 429
  if (error.code === 'timeout') return 504
  // Everything else is Microsoft refusing or failing: the Workbench itself is fine.
  return 502
}

export function createSignInApp(options: SignInAppOptions) {
  const app = new Hono()
  app.use('*', callerGuard(options, 'the sign-in API'))
  app.use('*', async (c, next) => {
    await options.ready
    await next()
    c.header('Cache-Control', 'no-store')
  })

  app.get('/', (c) => c.json({ identities: options.store.list() }))

  app.post(
    '/sign-in',
    bodyLimit({
      maxSize: BODY_LIMIT,
      onError: (c) =>
        c.json({ error: 'too_large', message: 'The sign-in request is too large.' }, 413),
    }),
    async (c) => {
      const text = await c.req.text()
      let json: unknown = {}
      if (text.trim()) {
        try {
          json = JSON.parse(text)
        } catch {
          return c.json(
            { error: 'bad_json', message: 'The sign-in request is not valid JSON.' },
            400,
          )
        }
      }
      const parsed = signInRequestSchema.safeParse(json)
      if (!parsed.success) {
        const issue = parsed.error.issues[0]
        return c.json(
          { error: 'invalid_request', message: issue?.message ?? 'Invalid sign-in request.' },
          400,
        )
      }
      const clientId = parsed.data.clientId ?? options.defaultClientId
      if (!clientId)
        return c.json(
          {
            error: 'no_client_id',
            message: `No app registration is set: enter its Client ID in Settings, or start the server with WORKBENCH_MSA_CLIENT_ID. ${APP_SETUP_HINT}`,
          },
          400,
        )
      try {
        const started = await options.flows.start({
          clientId,
          sandbox: parsed.data.sandbox ?? DEFAULT_SANDBOX,
        })
        return c.json(started, 201)
      } catch (error) {
        if (!(error instanceof AuthError)) throw error
        return c.json({ error: error.code, message: error.message }, statusFor(error))
      }
    },
  )

  app.get('/sign-in/:flowId', (c) => {
    const status = options.flows.status(c.req.param('flowId'))
    return status
      ? c.json(status)
      : c.json(
          {
            error: 'not_found',
            message: 'This sign-in is unknown or finished long ago. Start sign-in again.',
          },
          404,
        )
  })

  app.delete('/sign-in/:flowId', (c) =>
    options.flows.cancel(c.req.param('flowId'))
      ? c.body(null, 204)
      : c.json({ error: 'not_found', message: 'This sign-in is unknown.' }, 404),
  )

  app.delete('/:id', async (c) =>
    (await options.store.signOut(c.req.param('id')))
      ? c.body(null, 204)
      : c.json({ error: 'not_found', message: 'This identity is not signed in.' }, 404),
  )

  return app
}
