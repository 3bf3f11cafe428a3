// The team presets the server reads from its presets folder (GET /api/team-presets), and writing
// one there (PUT /api/team-presets/:slug). The server validates with the same schema.
import { z } from 'zod'
import { presetSchema, type Preset, type PresetContent } from '../../mpsd/preset'

export const TEAM_PRESETS_URL = '/api/team-presets'

const teamListSchema = z.object({
  dir: z.string(),
  presets: z.array(z.object({ file: z.string(), preset: presetSchema })),
  errors: z.array(z.object({ file: z.string(), message: z.string() })),
})
export type TeamPresetList = z.infer<typeof teamListSchema>

export async function fetchTeamPresets(fetchImpl: typeof fetch = fetch): Promise<TeamPresetList> {
  const response = await fetchImpl(TEAM_PRESETS_URL, { headers: { Accept: 'application/json' } })
  if (!response.ok) throw new Error(`Team presets could not be read (HTTP ${response.status}).`)
  const parsed = teamListSchema.safeParse(await response.json())
  if (!parsed.success) throw new Error('The server answered team presets in an unexpected shape.')
  return parsed.data
}

/** The file is already in the team folder; saving again with `overwrite` replaces it. */
export class TeamPresetExistsError extends Error {
  override name = 'TeamPresetExistsError'
}

export async function saveTeamPreset(
  slug: string,
  preset: PresetContent,
  fetchImpl: typeof fetch = fetch,
  { overwrite = false }: { overwrite?: boolean } = {},
): Promise<{ file: string; preset: Preset }> {
  const response = await fetchImpl(
    `${TEAM_PRESETS_URL}/${encodeURIComponent(slug)}${overwrite ? '?overwrite=1' : ''}`,
    {
      method: 'PUT',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify(preset),
    },
  )
  const body = (await response.json().catch(() => ({}))) as {
    message?: string
    file?: string
    preset?: unknown
  }
  if (response.status === 409)
    throw new TeamPresetExistsError(body.message ?? `${slug}.json is already in the team folder.`)
  if (!response.ok)
    throw new Error(body.message ?? `The team folder refused the preset (HTTP ${response.status}).`)
  return { file: String(body.file ?? ''), preset: presetSchema.parse(body.preset) }
}
