// The values of secret variables of the environments this tab has read, for the redaction that
// runs synchronously before anything is written (History, presets, links, exports): those read
// storage synchronously (known-secrets.ts), and environments live in IndexedDB. The environment
// store refreshes this list on every read and write; the send path reads the active environment
// before it sends, so a secret that can reach a request is always in it by then.
import { MIN_SECRET_LENGTH } from '../../mpsd/redact'
import type { Environment } from '../../mpsd/environment'

let secrets: readonly string[] = []

export function rememberEnvironmentSecrets(environments: readonly Environment[]): void {
  secrets = [
    ...new Set(
      environments.flatMap((env) =>
        env.variables
          .filter((variable) => variable.secret && variable.value.length >= MIN_SECRET_LENGTH)
          .map((variable) => variable.value),
      ),
    ),
  ]
}

export function environmentSecrets(): readonly string[] {
  return secrets
}
