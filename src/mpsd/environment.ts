// Environments: named sets of variables (decision 131), and their file format, which is Postman's
// environment export so a file moves between Postman, Bruno, Insomnia and the Workbench unchanged:
//   { id, name, values: [{ key, value, type: 'default' | 'secret', enabled }],
//     _postman_variable_scope: 'environment', _postman_exported_at, _postman_exported_using }
// Older Postman files say type 'text' (or 'any'); anything but 'secret' reads as a plain value.
//
// Security: a secret's value never leaves in an export (it is written as ''), as Postman's own
// export does for secrets when "Export with values" is off for them.
import { XBOX_LIVE_ORIGIN } from './limits'
import { ACT_AS_SIM_PREFIX, SIMULATOR_UPSTREAM } from './proxy-protocol'
import type { Variables } from './variables'

export type EnvironmentVariable = { key: string; value: string; secret: boolean; enabled: boolean }
export type Environment = { id: string; name: string; variables: EnvironmentVariable[] }

export type ParsedEnvironment =
  { ok: true; environment: Environment } | { ok: false; error: string }

/** Our bounds, not Postman's: an environment is a handful of ids, never a data store. */
export const ENVIRONMENT_FILE_MAX_BYTES = 1024 * 1024
export const ENVIRONMENT_VARIABLES_MAX = 500
export const ENVIRONMENT_NAME_MAX = 100
export const VARIABLE_KEY_MAX = 100
export const VARIABLE_VALUE_MAX = 10_000

export const POSTMAN_SCOPE = 'environment'
const EXPORTED_USING = 'Handles Workbench'
const DEFAULT_NAME = 'Imported environment'

/**
 * Why `key` cannot name a variable, or null. A key with braces could never be referenced
 * (`{{a}b}}` is not a reference), and spaces around it are trimmed by the reference syntax.
 */
export function variableKeyProblem(key: string): string | null {
  if (key.trim() === '') return 'Variable name is required'
  if (key !== key.trim()) return 'Variable name cannot start or end with a space'
  if (/[{}]/.test(key)) return 'Variable name cannot contain { or }'
  if (key.length > VARIABLE_KEY_MAX)
    return `Variable name must be at most ${VARIABLE_KEY_MAX} characters`
  return null
}

/** The variables a request resolves against: the enabled ones; the last of a repeated key wins. */
export function variablesOf(env: Environment): Variables {
  const vars: Record<string, string> = Object.create(null) as Record<string, string>
  for (const variable of env.variables) if (variable.enabled) vars[variable.key] = variable.value
  return vars
}

function newId(): string {
  return globalThis.crypto.randomUUID()
}

function describe(value: unknown): string {
  if (value === null) return 'null'
  if (Array.isArray(value)) return 'a list'
  return typeof value === 'object' ? 'an object' : `a ${typeof value}`
}

/** One entry of `values`, or the reason it is refused (1-based position for the message). */
function readVariable(entry: unknown, position: number): EnvironmentVariable | string {
  const where = `Variable ${position}`
  if (typeof entry !== 'object' || entry === null || Array.isArray(entry))
    return `${where} must be an object with "key" and "value", not ${describe(entry)}`
  const { key, value, type, enabled } = entry as Record<string, unknown>
  if (typeof key !== 'string') return `${where} has no "key" (a text)`
  const name = key.trim()
  const keyProblem = variableKeyProblem(name)
  if (keyProblem) return `${where} ("${name.slice(0, 40)}"): ${keyProblem}`
  // Postman writes numbers and booleans typed into a value as JSON values.
  let text: string
  if (value === undefined || value === null) text = ''
  else if (typeof value === 'string') text = value
  else if (typeof value === 'number' || typeof value === 'boolean') text = String(value)
  else return `${where} ("${name}") has a "value" that is ${describe(value)}, not a text`
  if (text.length > VARIABLE_VALUE_MAX)
    return `${where} ("${name}") is longer than ${VARIABLE_VALUE_MAX} characters`
  if (enabled !== undefined && typeof enabled !== 'boolean')
    return `${where} ("${name}") has "enabled" that is not true or false`
  return { key: name, value: text, secret: type === 'secret', enabled: enabled !== false }
}

/**
 * An environment from a Postman environment file (or the Workbench's export, which is one). The
 * file's id is kept when it has one; the store decides whether an import replaces anything.
 */
export function parseEnvironmentFile(text: string): ParsedEnvironment {
  if (text.length > ENVIRONMENT_FILE_MAX_BYTES)
    return {
      ok: false,
      error: `The file is larger than ${ENVIRONMENT_FILE_MAX_BYTES / 1024 / 1024} MB: not an environment`,
    }
  let data: unknown
  try {
    data = JSON.parse(text.replace(/^\uFEFF/, ''))
  } catch (error) {
    return {
      ok: false,
      error: `The file is not valid JSON (${error instanceof Error ? error.message : String(error)})`,
    }
  }
  if (typeof data !== 'object' || data === null || Array.isArray(data))
    return {
      ok: false,
      error: `Not a Postman environment: the file holds ${describe(data)}, not an object with "name" and "values"`,
    }
  const file = data as Record<string, unknown>
  const scope = file._postman_variable_scope
  if ('info' in file && 'item' in file)
    return { ok: false, error: 'This is a Postman collection, not an environment' }
  if (scope !== undefined && scope !== POSTMAN_SCOPE && scope !== 'globals')
    return {
      ok: false,
      error: `Not a Postman environment: its scope is "${String(scope)}", expected "environment"`,
    }
  if (!Array.isArray(file.values))
    return {
      ok: false,
      error: `Not a Postman environment: "values" must be a list of variables, the file has ${file.values === undefined ? 'none' : describe(file.values)}`,
    }
  if (file.values.length > ENVIRONMENT_VARIABLES_MAX)
    return {
      ok: false,
      error: `The environment has ${file.values.length} variables; at most ${ENVIRONMENT_VARIABLES_MAX} are accepted`,
    }
  if (file.name !== undefined && typeof file.name !== 'string')
    return { ok: false, error: 'Not a Postman environment: "name" must be a text' }
  const name = (typeof file.name === 'string' ? file.name.trim() : '') || DEFAULT_NAME
  if (name.length > ENVIRONMENT_NAME_MAX)
    return {
      ok: false,
      error: `The environment's name is longer than ${ENVIRONMENT_NAME_MAX} characters`,
    }
  const variables: EnvironmentVariable[] = []
  for (const [index, entry] of file.values.entries()) {
    const variable = readVariable(entry, index + 1)
    if (typeof variable === 'string') return { ok: false, error: variable }
    variables.push(variable)
  }
  const id = typeof file.id === 'string' && file.id.trim() !== '' ? file.id : newId()
  return { ok: true, environment: { id, name, variables } }
}

/** The environment as a Postman environment file; secret values are written empty. */
export function toPostmanEnvironment(env: Environment, exportedAt: Date = new Date()): string {
  return JSON.stringify(
    {
      id: env.id,
      name: env.name,
      values: env.variables.map((variable) => ({
        key: variable.key,
        value: variable.secret ? '' : variable.value,
        type: variable.secret ? 'secret' : 'default',
        enabled: variable.enabled,
      })),
      _postman_variable_scope: POSTMAN_SCOPE,
      _postman_exported_at: exportedAt.toISOString(),
      _postman_exported_using: EXPORTED_USING,
    },
    null,
    2,
  )
}

/** Where and as whom a send goes when the environment says so (decision 131); unset = Settings. */
export type SendOverrides = { upstream?: string; actAs?: string }

const UPSTREAM_NAMES: Record<string, string> = {
  simulator: SIMULATOR_UPSTREAM,
  sim: SIMULATOR_UPSTREAM,
  xboxlive: XBOX_LIVE_ORIGIN,
  'xbox live': XBOX_LIVE_ORIGIN,
  xbl: XBOX_LIVE_ORIGIN,
}

/**
 * The environment's `upstream` and `actAs` variables as the send takes them. `upstream`: "simulator",
 * "Xbox Live" (or "xboxlive", "xbl"), or an origin (the proxy still allows only the listed ones).
 * `actAs`: a value of the Act as menu (`sim:<xuid>`, `xbl:<account id>`, `token`, `none`) or a bare
 * XUID, meaning that simulated player. Empty or absent: the Settings and the Act as menu decide.
 */
export function sendOverridesOf(vars: Variables): SendOverrides {
  const overrides: SendOverrides = {}
  const upstream = Object.prototype.hasOwnProperty.call(vars, 'upstream')
    ? (vars.upstream ?? '').trim()
    : ''
  if (upstream !== '')
    overrides.upstream = UPSTREAM_NAMES[upstream.toLowerCase()] ?? upstream.replace(/\/+$/, '')
  const actAs = Object.prototype.hasOwnProperty.call(vars, 'actAs') ? (vars.actAs ?? '').trim() : ''
  if (actAs !== '') overrides.actAs = /^\d+$/.test(actAs) ? `${ACT_AS_SIM_PREFIX}${actAs}` : actAs
  return overrides
}
