// The contract between the server's sign-in (src/server/auth) and the dashboard: what the browser
// may know about a signed-in Xbox identity, and the shapes of the sign-in API. Tokens are not part
// of it, on purpose: they stay in the server (decision 021).
import { z } from 'zod'
import { isGuid } from './schemas'

/** gaming_privilege::multiplayer_sessions, "can join multiplayer sessions" (xbox-auth.md §5). */
export const MULTIPLAYER_PRIVILEGE = 254

/** What XSTS is asked for when Settings names no sandbox (xbox-auth.md §5). */
export const DEFAULT_SANDBOX = 'RETAIL'

// Sandbox ids are case-sensitive `<PublisherMoniker>.<n>` (XLDP.5, XDKS.1) or RETAIL (xbox-auth.md §5):
// kept exactly as typed, never upper-cased.
const SANDBOX_PATTERN = /^[A-Za-z0-9]+(\.[A-Za-z0-9]+)*$/
export const SANDBOX_MAX_LENGTH = 64

export const sandboxIdSchema = z
  .string()
  .trim()
  .min(1, 'Sandbox is required (RETAIL unless your title is in a development sandbox)')
  .max(SANDBOX_MAX_LENGTH, `Sandbox must be at most ${SANDBOX_MAX_LENGTH} characters`)
  .regex(SANDBOX_PATTERN, 'Sandbox must look like RETAIL or XDKS.1 (letters, digits and dots)')

export const msaClientIdSchema = z
  .string()
  .trim()
  .refine(
    isGuid,
    'Client ID must be the "Application (client) ID" GUID from the app registration\'s Overview page',
  )

/** The id of a signed-in identity: one per XUID and sandbox, readable in a URL. */
export function identityId(xuid: string, sandbox: string): string {
  return `${xuid}.${sandbox}`
}

export const identityViewSchema = z.object({
  id: z.string(),
  xuid: z.string(),
  gamertag: z.string(),
  /** The `x=` part of the Authorization header; not a secret (History keeps it too). */
  userhash: z.string(),
  sandbox: z.string(),
  /** When the current XSTS token ends (ISO 8601); the server renews it on the next use after that. */
  expiresAt: z.string(),
  /** Whether the server holds a refresh token, so it can renew the sign-in without the user. */
  renewable: z.boolean(),
  /** Privilege 254 in the XSTS claims: without it MPSD refuses to put the user in a session. */
  canJoinMultiplayer: z.boolean(),
  /** `agg` claim: Adult, Teen or Child, when XSTS sent it. */
  ageGroup: z.string().nullable(),
  /** The last renewal's failure, as a sentence, until one succeeds. */
  problem: z.string().nullable(),
})
export type IdentityView = z.infer<typeof identityViewSchema>

export const identityListSchema = z.object({ identities: z.array(identityViewSchema) })

export const signInRequestSchema = z.object({
  clientId: msaClientIdSchema.optional(),
  sandbox: sandboxIdSchema.optional(),
})
export type SignInRequest = z.infer<typeof signInRequestSchema>

export const signInStartedSchema = z.object({
  flowId: z.string(),
  userCode: z.string(),
  verificationUri: z.string(),
  /** When the code stops working (ISO 8601): the countdown's end. */
  expiresAt: z.string(),
  /** Seconds between the server's polls, as Microsoft asked for. */
  interval: z.number(),
  sandbox: z.string(),
})
export type SignInStarted = z.infer<typeof signInStartedSchema>

export const authFailureSchema = z.object({ code: z.string(), message: z.string() })
export type AuthFailure = z.infer<typeof authFailureSchema>

export const signInStatusSchema = z.discriminatedUnion('status', [
  signInStartedSchema.extend({ status: z.literal('pending') }),
  z.object({ status: z.literal('signed-in'), flowId: z.string(), identity: identityViewSchema }),
  z.object({ status: z.literal('failed'), flowId: z.string(), error: authFailureSchema }),
])
export type SignInStatus = z.infer<typeof signInStatusSchema>
