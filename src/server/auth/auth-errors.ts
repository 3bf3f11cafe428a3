// Every way the sign-in chain fails, as a sentence a developer can act on (xbox-auth.md §2.3, §6).
// The code decides, never Microsoft's description text, which is localised and changes (§2.3).
// Sentences name what to do; none of them ever carries a token.

export class AuthError extends Error {
  /** Stable, for the dashboard and tests: `expired_token`, `xerr_2148916233`, `network`… */
  readonly code: string
  /** True when only a new device-code sign-in can help (the saved refresh token is useless). */
  readonly signInAgain: boolean
  constructor(code: string, message: string, options: { signInAgain?: boolean } = {}) {
    super(message)
    this.name = 'AuthError'
    this.code = code
    this.signInAgain = options.signInAgain ?? false
  }
}

export const APP_SETUP_HINT =
  'See "Sign in to Xbox Live" in the README for the app registration steps.'

type MsaErrorBody = { error?: unknown; error_codes?: unknown; error_description?: unknown }

function aadstsCodes(body: MsaErrorBody): number[] {
  return Array.isArray(body.error_codes)
    ? body.error_codes.filter((c): c is number => typeof c === 'number')
    : []
}

/** The "AADSTSnnnnn: …" line, without trace and correlation ids, for cases no sentence covers. */
function firstDescriptionLine(body: MsaErrorBody): string {
  return typeof body.error_description === 'string'
    ? (body.error_description.split(/\r?\n/)[0] ?? '').slice(0, 300)
    : ''
}

/**
 * An error answer of the Microsoft identity platform (device code start, poll or refresh) as an
 * AuthError. `clientId` is named in the sentence so a typo in Settings is visible at once.
 */
export function msaError(
  body: MsaErrorBody,
  status: number,
  clientId: string,
  phase: 'start' | 'poll' | 'refresh',
): AuthError {
  const error = typeof body.error === 'string' ? body.error : ''
  const codes = aadstsCodes(body)
  const has = (code: number) => codes.includes(code)
  const app = `The app registration ${clientId}`

  // Order matters: the AADSTS code is more precise than the OAuth error it rides on.
  if (has(9002332))
    return new AuthError(
      'app_not_for_personal_accounts',
      `${app} accepts only work or school accounts. In the Azure portal, App registrations → your app → Authentication, set "Supported account types" to include personal Microsoft accounts, then start sign-in again.`,
    )
  if (
    has(700016) ||
    (error === 'unauthorized_client' && /consumers/i.test(firstDescriptionLine(body)))
  )
    return new AuthError(
      'unknown_client',
      `${app} was not found for personal Microsoft accounts. Check the Client ID (the "Application (client) ID" on the app's Overview page) and that the app accepts personal Microsoft accounts. ${APP_SETUP_HINT}`,
    )
  if (has(7000218) || error === 'invalid_client')
    return new AuthError(
      'public_client_flows_disabled',
      `${app} is not set up for device sign-in. In the Azure portal, App registrations → your app → Authentication → Advanced settings, set "Allow public client flows" to Yes and save. Do not create a client secret.`,
    )
  if (error === 'invalid_scope' || has(70011))
    return new AuthError(
      'scope_not_allowed',
      `${app} may not ask for Xbox Live sign-in (XboxLive.signin). Check that it is a personal-account app; Microsoft may reserve Xbox Live sign-in for approved apps. ${APP_SETUP_HINT}`,
    )
  switch (error) {
    case 'expired_token':
      return new AuthError(
        'expired_token',
        'The sign-in code expired before sign-in was finished in the browser. Start sign-in again and enter the new code within its time.',
      )
    case 'authorization_declined':
    case 'access_denied':
      return new AuthError(
        'declined',
        'Sign-in was declined in the browser. Start sign-in again and choose "Accept" (or "Yes") when Microsoft asks.',
      )
    case 'bad_verification_code':
      return new AuthError(
        'bad_verification_code',
        'Microsoft did not recognise this sign-in code. Start sign-in again.',
      )
    case 'invalid_grant':
      return new AuthError(
        'sign_in_expired',
        phase === 'refresh'
          ? 'The saved Microsoft sign-in has expired or was revoked (for example after a password change). Sign in again.'
          : 'Microsoft refused the sign-in grant. Start sign-in again.',
        { signInAgain: true },
      )
    case 'unauthorized_client':
      return new AuthError(
        'unauthorized_client',
        `${app} may not sign in personal Microsoft accounts this way. ${APP_SETUP_HINT}`,
      )
  }
  const detail = firstDescriptionLine(body)
  return new AuthError(
    error || `http_${status}`,
    `Microsoft sign-in failed${phase === 'refresh' ? ' while renewing the token' : ''} (HTTP ${status}${error ? `, ${error}` : ''})${detail ? `: ${detail}` : '.'}`,
  )
}

const XERR_SENTENCES: Record<number, (sandbox: string) => string> = {
  2148916227: () =>
    'This account (or device) is banned from the Xbox network (XErr 2148916227). Use another account.',
  2148916228: () =>
    'This account is banned from the Xbox network by a third party (XErr 2148916228). Use another account.',
  2148916229: () =>
    'Online access is blocked by family settings (XErr 2148916229). A parent must allow it at account.microsoft.com/family, or use another account.',
  2148916232: () =>
    "The account's billing information must be updated at account.microsoft.com before it can sign in (XErr 2148916232).",
  2148916233: () =>
    'This Microsoft account has no Xbox profile yet (XErr 2148916233). Sign in once at xbox.com to create one, then sign in here again.',
  2148916234: () =>
    'The Xbox terms of use have not been accepted for this account (XErr 2148916234). Sign in at xbox.com, accept them, then sign in here again.',
  2148916235: () =>
    "The Xbox network is not available in this account's country or region (XErr 2148916235). Use another account.",
  2148916236: () =>
    'The account must complete age verification before it can sign in (XErr 2148916236). Sign in at xbox.com to do so.',
  2148916237: () =>
    'A screen-time or curfew limit set by a guardian blocks sign-in right now (XErr 2148916237).',
  2148916238: () =>
    'This is a child account that is not part of a Microsoft family (XErr 2148916238). An adult must add it at account.microsoft.com/family, or use an adult test account.',
  2148916239: () =>
    'The account needs an action at xbox.com before it can sign in (XErr 2148916239). Sign in at xbox.com and follow the prompts.',
  2148916240: () =>
    'The account needs maintenance at xbox.com before it can sign in (XErr 2148916240). Sign in at xbox.com and follow the prompts.',
  2148916241: (sandbox) =>
    `This account type is not allowed in sandbox ${sandbox} (XErr 2148916241). Check the sandbox in Settings and use an account made for it.`,
  2148916242: (sandbox) =>
    `This account has no access to sandbox ${sandbox} (XErr 2148916242). Use a Partner Center test account for that sandbox, or set Sandbox in Settings to RETAIL; sandbox ids are case-sensitive.`,
  2148916243: () =>
    'The gamertag must be changed before this account can sign in (XErr 2148916243). Change it at xbox.com.',
  2148916244: () =>
    'Xbox wants an interactive challenge for this account (XErr 2148916244). Sign in at xbox.com once, then sign in here again.',
  2148916246: () =>
    'This account is signed in on too many devices of this type (XErr 2148916246). Sign out elsewhere and try again.',
  2148916247: () =>
    'Xbox wants a PIN or interactive challenge for this account (XErr 2148916247). Sign in at xbox.com once, then sign in here again.',
  2148916248: (sandbox) =>
    `A retail account may not sign in to sandbox ${sandbox} (XErr 2148916248). Use a Partner Center test account, or set Sandbox in Settings to RETAIL.`,
  2148916249: (sandbox) =>
    `Sandbox ${sandbox} may not be used here (XErr 2148916249). Check the sandbox id in Settings and that your title is published to it.`,
  2148916254: () =>
    'This account is already signed in to this title elsewhere (XErr 2148916254). Sign out there and try again.',
}

/** An XSTS refusal (HTTP 401 with XErr, xbox-auth.md §6.1) as an AuthError. */
export function xstsError(
  xerr: number | undefined,
  sandbox: string,
  status: number,
  correlationId: string | undefined,
): AuthError {
  const sentence = xerr === undefined ? undefined : XERR_SENTENCES[xerr]
  if (sentence) return new AuthError(`xerr_${xerr}`, sentence(sandbox))
  const trace = correlationId ? ` Correlation id: ${correlationId}.` : ''
  if (xerr !== undefined)
    return new AuthError(
      `xerr_${xerr}`,
      `Xbox Live refused the sign-in (XErr ${xerr}, 0x${xerr.toString(16).toUpperCase()}). Check the account at xbox.com and the sandbox (${sandbox}) in Settings.${trace}`,
    )
  return new AuthError(
    `xsts_http_${status}`,
    status === 401 || status === 403
      ? `Xbox Live refused the user token for sandbox ${sandbox} (HTTP ${status}). Sign in again.${trace}`
      : `Xbox Live's XSTS service answered HTTP ${status}. Try again in a minute.${trace}`,
    { signInAgain: status === 401 || status === 403 },
  )
}

/** A rejected RPS ticket at user.auth.xboxlive.com (xbox-auth.md §6.2). */
export function userTokenError(status: number, correlationId: string | undefined): AuthError {
  const trace = correlationId ? ` Correlation id: ${correlationId}.` : ''
  if (status === 400 || status === 401 || status === 403)
    return new AuthError(
      'user_token_rejected',
      `Xbox user authentication rejected the Microsoft token (HTTP ${status}). Sign in again; if it keeps happening, the app registration may not be allowed to sign in to Xbox Live. ${APP_SETUP_HINT}${trace}`,
      { signInAgain: true },
    )
  return new AuthError(
    `user_token_http_${status}`,
    `Xbox user authentication answered HTTP ${status}. Try again in a minute.${trace}`,
  )
}
