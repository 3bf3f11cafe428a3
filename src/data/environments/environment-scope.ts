// An environment's variables as Compose uses them (decision 131): the enabled ones, and what its
// `upstream` / `actAs` say about the send. Loaded with the environment store, not at first paint.
import { sendOverridesOf, variablesOf, type Environment } from '../../mpsd/environment'
import { NO_SCOPE, type VariableScope } from './environment-queries'

/** `activeId`'s scope among `environments`; a deleted environment reads as none. */
export function scopeOf(activeId: string, environments: readonly Environment[]): VariableScope {
  const environment = environments.find((env) => env.id === activeId)
  if (activeId === '' || !environment) return NO_SCOPE
  const variables = variablesOf(environment)
  return { status: 'ready', environment, variables, overrides: sendOverridesOf(variables) }
}
