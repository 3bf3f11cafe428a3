// The last line for faults nobody foresaw: an unknown path and an exception anywhere in a handler
// still answer with the security headers, and the exception is written through the redacting
// logger (never by the framework's console.error, which would print a token in a stack trace).
import type { Context, Hono } from 'hono'
import { secretsOfAuthorization } from '../mpsd/redact'
import { proxyError } from './error-response'
import type { Logger } from './logger'
import { withSecurityHeaders } from './security-headers'

/** Logs an unexpected failure of one request, with the caller's own token as a known secret. */
export function logFailure(logger: Logger, request: Request | undefined, error: unknown): void {
  const where = request ? `${request.method} ${new URL(request.url).pathname}: ` : ''
  const what = error instanceof Error ? (error.stack ?? String(error)) : String(error)
  logger.error(
    `${where}${what}`,
    secretsOfAuthorization(request?.headers.get('authorization') ?? ''),
  )
}

export function internalError(): Response {
  return withSecurityHeaders(
    proxyError('internal_error', 'The Workbench server failed on this request; its log says why.'),
  )
}

// Hono apps with or without Variables: only onError and notFound are used.
type AnyHono = Pick<Hono, 'onError' | 'notFound'>

export function handleErrors(app: AnyHono, logger: Logger): void {
  app.onError((error: Error, c: Context) => {
    logFailure(logger, c.req.raw, error)
    return internalError()
  })
  app.notFound(() =>
    withSecurityHeaders(
      new Response('Not found.', {
        status: 404,
        headers: { 'Content-Type': 'text/plain; charset=utf-8' },
      }),
    ),
  )
}
