// The secrets that must never leave in a preset, a link or an export: the Authorization value (and
// its token part) and any credential inside a settings URL (http://user:pass@host). Read at the
// moment of writing, so a token set a second ago is covered. The values of environments' secret
// variables join them (decision 131).
import { environmentSecrets } from '../environments/environment-secrets'
import { redactSecrets, secretsOfAuthorization } from '../../mpsd/redact'
import type { Settings } from './settings-schema'
import { readAuthorization, readSettingsQuickly } from './settings-store'

function urlCredentials(text: string): string[] {
  try {
    const url = new URL(text)
    return [decodeURIComponent(url.password), url.password].filter(Boolean)
  } catch {
    return []
  }
}

export function secretsFrom(
  authorization: string,
  settings: Pick<Settings, 'proxyUrl' | 'upstream'>,
): string[] {
  return [
    ...secretsOfAuthorization(authorization),
    ...urlCredentials(settings.proxyUrl),
    ...urlCredentials(settings.upstream),
  ]
}

export function currentSecrets(): string[] {
  try {
    return [
      ...secretsFrom(readAuthorization().value, readSettingsQuickly()),
      ...environmentSecrets(),
    ]
  } catch {
    return [...environmentSecrets()]
  }
}

/** Every secret known right now replaced by `<redacted>` in every string of `value`. */
export function redactKnownSecrets<T>(value: T): T {
  const secrets = currentSecrets()
  return secrets.length === 0 ? value : redactSecrets(value, secrets).value
}
