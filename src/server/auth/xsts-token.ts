// The XSTS token for relying party http://xboxlive.com in one sandbox, xbox-auth.md §5, and the
// display claims the dashboard shows. A user-only request needs no ProofKey or Signature (§5).
import { z } from 'zod'
import { MULTIPLAYER_PRIVILEGE } from '../../mpsd/identity'
import { AuthError, xstsError } from './auth-errors'
import { isRecord, postJson } from './auth-http'
import type { AuthContext } from './msa-device-code'

export const XBOX_LIVE_RELYING_PARTY = 'http://xboxlive.com'

export type XstsClaims = {
  xuid: string
  gamertag: string
  /** Adult, Teen or Child, when sent. */
  ageGroup: string | null
  privileges: number[]
}

export type XstsToken = {
  token: string
  /** Epoch ms (NotAfter). */
  notAfter: number
  /** Always taken from the same answer as the token (§7, go-xsapi). */
  uhs: string
  claims: XstsClaims
}

const isoDate = z.string().refine((value) => Number.isFinite(Date.parse(value)), 'not a date')

const xstsAnswer = z.object({
  Token: z.string().min(1),
  NotAfter: isoDate,
  DisplayClaims: z.object({
    xui: z
      .array(
        z.object({
          uhs: z.string().min(1),
          xid: z.string().regex(/^\d{1,20}$/),
          gtg: z.string().optional(),
          agg: z.string().optional(),
          prv: z.string().optional(),
        }),
      )
      .min(1),
  }),
})

/** `prv` is space-separated decimal privilege ids (§5). */
export function parsePrivileges(prv: string | undefined): number[] {
  return (prv ?? '')
    .split(/\s+/)
    .filter((id) => /^\d+$/.test(id))
    .map(Number)
}

export function canJoinMultiplayer(claims: XstsClaims): boolean {
  return claims.privileges.includes(MULTIPLAYER_PRIVILEGE)
}

function xerrOf(body: unknown, headers: Headers): number | undefined {
  const fromBody = isRecord(body) ? Number(body.XErr) : NaN
  if (Number.isSafeInteger(fromBody) && fromBody > 0) return fromBody
  // SISU-style answers put it in a header too (§6.1).
  const fromHeader = Number(headers.get('x-err'))
  return Number.isSafeInteger(fromHeader) && fromHeader > 0 ? fromHeader : undefined
}

export async function requestXstsToken(
  ctx: AuthContext,
  userToken: string,
  sandbox: string,
  signal?: AbortSignal,
): Promise<XstsToken> {
  const answer = await postJson(
    ctx.endpoints.xstsUrl,
    {
      RelyingParty: XBOX_LIVE_RELYING_PARTY,
      TokenType: 'JWT',
      Properties: { UserTokens: [userToken], SandboxId: sandbox },
    },
    { timeoutMs: ctx.timeoutMs, signal, headers: { 'x-xbl-contract-version': '1' } },
  )
  if (answer.status !== 200)
    throw xstsError(
      xerrOf(answer.body, answer.headers),
      sandbox,
      answer.status,
      answer.headers.get('x-xblcorrelationid') ?? undefined,
    )
  const parsed = xstsAnswer.safeParse(answer.body)
  if (!parsed.success)
    throw new AuthError(
      'bad_response',
      'Xbox Live sent an XSTS answer without the expected claims (uhs, xid). Try again; if it persists, report it.',
    )
  const xui = parsed.data.DisplayClaims.xui[0]!
  return {
    token: parsed.data.Token,
    notAfter: Date.parse(parsed.data.NotAfter),
    uhs: xui.uhs,
    claims: {
      xuid: xui.xid,
      gamertag: xui.gtg ?? '',
      ageGroup: xui.agg ?? null,
      privileges: parsePrivileges(xui.prv),
    },
  }
}
