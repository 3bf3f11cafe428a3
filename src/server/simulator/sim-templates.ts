// Session templates for the simulator: the constants a session starts with (mpsd-sessions.md §1.5).
// A developer names a JSON file in WORKBENCH_SIM_TEMPLATES, `{ "<template>": { <constants.system
// fields>, "hasOwners"?: true, "custom"?: {} } }`; a template the file does not define gets the
// defaults below, so any SCID and template typed in Compose can be tried (issue 14).
import { readFileSync } from 'node:fs'
import { z } from 'zod'

export type TemplateConstants = {
  system: Record<string, unknown>
  custom: Record<string, unknown>
}

export type SessionTemplates = ReadonlyMap<string, TemplateConstants>

/**
 * The constants of a template nobody defined: the issue's defaults ("game" invites, 8 members, no
 * owners) and the contract 107 timeouts of mpsd-sessions.md §1.5 (inactive members removed at once).
 */
export function defaultTemplateConstants(): TemplateConstants {
  return {
    system: {
      version: 1,
      maxMembersCount: 8,
      visibility: 'open',
      inviteProtocol: 'game',
      reservedRemovalTimeout: 30_000,
      inactiveRemovalTimeout: 0,
      readyRemovalTimeout: 180_000,
      sessionEmptyTimeout: 0,
    },
    custom: {},
  }
}

const timeout = z.number().int().min(0).nullable()
// Loose: the other constants of §1.5 (initiators, memberInitialization, …) pass through as given.
const templateSchema = z.looseObject({
  version: z.literal(1).optional(),
  maxMembersCount: z.number().int().min(1).max(1000).optional(),
  visibility: z.enum(['private', 'visible', 'open']).optional(),
  inviteProtocol: z.string().min(1).optional(),
  hasOwners: z.boolean().optional(),
  capabilities: z.record(z.string(), z.boolean()).optional(),
  ownershipPolicies: z
    .looseObject({
      migration: z.enum(['oldest', 'endsession']).optional(),
      allowNonOwnerInviteHandles: z.boolean().optional(),
    })
    .optional(),
  reservedRemovalTimeout: timeout.optional(),
  inactiveRemovalTimeout: timeout.optional(),
  readyRemovalTimeout: timeout.optional(),
  sessionEmptyTimeout: timeout.optional(),
  custom: z.record(z.string(), z.unknown()).optional(),
})
const templatesFileSchema = z.record(z.string().min(1), templateSchema)

/** A template file's entry as MPSD constants: `hasOwners` is the capability of that name. */
function toConstants(entry: z.infer<typeof templateSchema>): TemplateConstants {
  const { hasOwners, custom, ...system } = entry
  const defaults = defaultTemplateConstants()
  const capabilities = {
    ...(system.capabilities ?? {}),
    ...(hasOwners === undefined ? {} : { hasOwners }),
  }
  return {
    system: {
      ...defaults.system,
      ...system,
      ...(system.capabilities || hasOwners !== undefined ? { capabilities } : {}),
    },
    custom: custom ?? {},
  }
}

/** Parses a template file's text; a sentence naming the file and the first problem otherwise. */
export function parseTemplates(
  text: string,
  file: string,
): { ok: true; templates: SessionTemplates } | { ok: false; error: string } {
  let json: unknown
  try {
    json = JSON.parse(text)
  } catch (error) {
    return {
      ok: false,
      error: `WORKBENCH_SIM_TEMPLATES: ${file} is not valid JSON (${(error as Error).message}).`,
    }
  }
  const parsed = templatesFileSchema.safeParse(json)
  if (!parsed.success) {
    const issue = parsed.error.issues[0]
    const where = issue?.path.length ? ` at ${issue.path.join('.')}` : ''
    return {
      ok: false,
      error: `WORKBENCH_SIM_TEMPLATES: ${file}${where}: ${issue?.message ?? 'invalid template file'}. Expected { "<template name>": { "inviteProtocol": "game", "maxMembersCount": 8, "hasOwners": false, … } }.`,
    }
  }
  const templates = new Map<string, TemplateConstants>()
  // Template names compare case-insensitively (mpsd-sessions.md §1.1).
  for (const [name, entry] of Object.entries(parsed.data))
    templates.set(name.toLowerCase(), toConstants(entry))
  return { ok: true, templates }
}

/** Reads WORKBENCH_SIM_TEMPLATES; throws an Error whose message names the file. */
export function readTemplatesFile(file: string): SessionTemplates {
  let text: string
  try {
    text = readFileSync(file, 'utf8')
  } catch (error) {
    throw new Error(
      `WORKBENCH_SIM_TEMPLATES: cannot read ${file} (${(error as NodeJS.ErrnoException).code ?? (error as Error).message}).`,
      { cause: error },
    )
  }
  const result = parseTemplates(text, file)
  if (!result.ok) throw new Error(result.error)
  return result.templates
}

export function templateConstants(
  templates: SessionTemplates | undefined,
  name: string,
): TemplateConstants {
  const found = templates?.get(name.toLowerCase())
  return structuredClone(found ?? defaultTemplateConstants())
}
