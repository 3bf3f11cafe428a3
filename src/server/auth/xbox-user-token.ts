// The Xbox user token (XASU) for a Microsoft access token, xbox-auth.md §4. An app registration's
// access token goes in as an RPS ticket with the `d=` prefix (§2.6); no Signature header is needed.
import { z } from 'zod'
import { AuthError, userTokenError } from './auth-errors'
import { postJson } from './auth-http'
import type { AuthContext } from './msa-device-code'

export type UserToken = {
  token: string
  /** Epoch ms (NotAfter). */
  notAfter: number
  uhs: string
}

const isoDate = z.string().refine((value) => Number.isFinite(Date.parse(value)), 'not a date')

const userTokenAnswer = z.object({
  Token: z.string().min(1),
  NotAfter: isoDate,
  DisplayClaims: z.object({ xui: z.array(z.object({ uhs: z.string().min(1) })).min(1) }),
})

export async function requestUserToken(
  ctx: AuthContext,
  accessToken: string,
  signal?: AbortSignal,
): Promise<UserToken> {
  const answer = await postJson(
    ctx.endpoints.userAuthUrl,
    {
      RelyingParty: 'http://auth.xboxlive.com',
      TokenType: 'JWT',
      Properties: {
        AuthMethod: 'RPS',
        SiteName: 'user.auth.xboxlive.com',
        RpsTicket: `d=${accessToken}`,
      },
    },
    // Contract 1, as OpenXbox and go-xsapi send (§4).
    { timeoutMs: ctx.timeoutMs, signal, headers: { 'x-xbl-contract-version': '1' } },
  )
  if (answer.status !== 200)
    throw userTokenError(answer.status, answer.headers.get('x-xblcorrelationid') ?? undefined)
  const parsed = userTokenAnswer.safeParse(answer.body)
  if (!parsed.success)
    throw new AuthError(
      'bad_response',
      'Xbox user authentication sent an answer the Workbench does not understand. Try again; if it persists, report it.',
    )
  return {
    token: parsed.data.Token,
    notAfter: Date.parse(parsed.data.NotAfter),
    uhs: parsed.data.DisplayClaims.xui[0]!.uhs,
  }
}
