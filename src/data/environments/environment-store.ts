// Environments in IndexedDB ('environments' store, keyed by id; decision 131). Records are checked
// on read; a corrupt one is set aside in `quarantine` and reported, never shown half-read or
// deleted silently. Every write announces itself so other tabs refresh (changes-channel).
import { z } from 'zod'
import { openWorkbenchDB } from '../../lib/db'
import {
  ENVIRONMENT_NAME_MAX,
  ENVIRONMENT_VARIABLES_MAX,
  parseEnvironmentFile,
  VARIABLE_KEY_MAX,
  VARIABLE_VALUE_MAX,
  variableKeyProblem,
  type Environment,
  type EnvironmentVariable,
} from '../../mpsd/environment'
import { announceChange } from '../sync/changes-channel'
import { rememberEnvironmentSecrets } from './environment-secrets'

export type StoredEnvironment = Environment & { createdAt: number; updatedAt: number }

/** What a new environment holds: the ids every request needs, empty until the user fills them. */
export const SUGGESTED_VARIABLES = [
  'scid',
  'titleId',
  'templateName',
  'sandbox',
  'upstream',
  'actAs',
] as const

const variableSchema = z.object({
  key: z
    .string()
    .max(VARIABLE_KEY_MAX)
    .superRefine((key, ctx) => {
      const problem = variableKeyProblem(key)
      if (problem) ctx.addIssue({ code: 'custom', message: problem })
    }),
  value: z
    .string()
    .max(VARIABLE_VALUE_MAX, `A value must be at most ${VARIABLE_VALUE_MAX} characters`),
  secret: z.boolean(),
  enabled: z.boolean(),
})

export const environmentNameSchema = z
  .string({ message: 'Environment name is required' })
  .trim()
  .min(1, 'Environment name is required')
  .max(ENVIRONMENT_NAME_MAX, `Environment name must be at most ${ENVIRONMENT_NAME_MAX} characters`)

export const environmentVariablesSchema = z
  .array(variableSchema)
  .max(
    ENVIRONMENT_VARIABLES_MAX,
    `An environment holds at most ${ENVIRONMENT_VARIABLES_MAX} variables`,
  )
  .superRefine((variables, ctx) => {
    const seen = new Set<string>()
    variables.forEach((variable, index) => {
      if (seen.has(variable.key))
        ctx.addIssue({
          code: 'custom',
          path: [index, 'key'],
          message: `Variable ${variable.key} is listed twice`,
        })
      seen.add(variable.key)
    })
  })

const storedSchema = z.object({
  id: z.string().min(1),
  name: environmentNameSchema,
  variables: environmentVariablesSchema,
  createdAt: z.number(),
  updatedAt: z.number(),
})

/** Every readable environment, sorted by name; corrupt records are moved to quarantine. */
export async function listEnvironments(): Promise<StoredEnvironment[]> {
  const db = await openWorkbenchDB()
  const records = await db.getAll('environments')
  const environments: StoredEnvironment[] = []
  const corrupt: Array<{ key: string; record: unknown; reason: string }> = []
  for (const record of records) {
    const parsed = storedSchema.safeParse(record)
    if (parsed.success) environments.push(parsed.data)
    else
      corrupt.push({
        key: String(record.id),
        record,
        reason: parsed.error.issues
          .slice(0, 3)
          .map((issue) => `${issue.path.join('.') || '(record)'}: ${issue.message}`)
          .join('; '),
      })
  }
  if (corrupt.length > 0) {
    const tx = db.transaction(['environments', 'quarantine'], 'readwrite')
    for (const { key, record, reason } of corrupt) {
      void tx
        .objectStore('quarantine')
        .add({ store: 'environments', key, record, reason, at: Date.now() })
      void tx.objectStore('environments').delete(key)
    }
    await tx.done
  }
  environments.sort((a, b) => a.name.localeCompare(b.name) || a.createdAt - b.createdAt)
  rememberEnvironmentSecrets(environments)
  return environments
}

async function put(environment: StoredEnvironment): Promise<StoredEnvironment> {
  const clean = storedSchema.parse(environment)
  const db = await openWorkbenchDB()
  await db.put('environments', clean)
  announceChange('environments')
  await listEnvironments()
  return clean
}

/** The next free "name (n)" among `taken` names. */
export function uniqueEnvironmentName(name: string, taken: ReadonlySet<string>): string {
  if (!taken.has(name)) return name
  const base = name.replace(/ \(\d+\)$/, '')
  for (let n = 2; ; n++) {
    const candidate = `${base} (${n})`
    if (!taken.has(candidate)) return candidate
  }
}

async function takenNames(): Promise<Set<string>> {
  return new Set((await listEnvironments()).map((env) => env.name))
}

function newId(): string {
  return crypto.randomUUID()
}

/** A new environment with the suggested variables (empty) and any given ones. */
export async function createEnvironment(
  name: string,
  variables: readonly EnvironmentVariable[] = SUGGESTED_VARIABLES.map((key) => ({
    key,
    value: '',
    secret: false,
    enabled: true,
  })),
  now: number = Date.now(),
): Promise<StoredEnvironment> {
  const unique = uniqueEnvironmentName(environmentNameSchema.parse(name), await takenNames())
  return put({
    id: newId(),
    name: unique,
    variables: [...variables],
    createdAt: now,
    updatedAt: now,
  })
}

export async function getEnvironment(id: string): Promise<StoredEnvironment | undefined> {
  return (await listEnvironments()).find((env) => env.id === id)
}

const GONE = 'This environment is no longer stored (deleted in another tab?).'

/** Renames and/or replaces the variables. A name another environment has is refused. */
export async function updateEnvironment(
  id: string,
  patch: { name?: string; variables?: readonly EnvironmentVariable[] },
  now: number = Date.now(),
): Promise<StoredEnvironment> {
  const all = await listEnvironments()
  const current = all.find((env) => env.id === id)
  if (!current) throw new Error(GONE)
  const name = patch.name === undefined ? current.name : environmentNameSchema.parse(patch.name)
  if (all.some((env) => env.id !== id && env.name === name))
    throw new Error(`Another environment is already called "${name}"`)
  return put({
    ...current,
    name,
    variables: patch.variables ? [...patch.variables] : current.variables,
    updatedAt: now,
  })
}

export async function duplicateEnvironment(
  id: string,
  now: number = Date.now(),
): Promise<StoredEnvironment> {
  const current = await getEnvironment(id)
  if (!current) throw new Error(GONE)
  const name = uniqueEnvironmentName(`${current.name} (copy)`, await takenNames())
  return put({ ...current, id: newId(), name, createdAt: now, updatedAt: now })
}

export async function deleteEnvironment(id: string): Promise<void> {
  const db = await openWorkbenchDB()
  await db.delete('environments', id)
  announceChange('environments')
  await listEnvironments()
}

/**
 * An environment file (Postman's format) as a new environment: always added, never replacing one,
 * under a free name ("Dev (2)" when "Dev" exists). Refused with the parser's message when it is not
 * an environment.
 */
export async function importEnvironment(
  text: string,
  now: number = Date.now(),
): Promise<StoredEnvironment> {
  const parsed = parseEnvironmentFile(text)
  if (!parsed.ok) throw new Error(parsed.error)
  const { environment } = parsed
  const variables = environmentVariablesSchema.safeParse(environment.variables)
  if (!variables.success)
    throw new Error(variables.error.issues[0]?.message ?? 'The variables cannot be read')
  return put({
    id: newId(),
    name: uniqueEnvironmentName(environment.name, await takenNames()),
    variables: variables.data,
    createdAt: now,
    updatedAt: now,
  })
}
