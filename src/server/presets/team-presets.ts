// Team presets: the JSON files of a folder in the working directory (`presets/`, or
// WORKBENCH_PRESETS_DIR), kept in git by the team. GET lists them, parsed with the shared schema,
// with a message per unreadable file. PUT writes one, pretty-printed with sorted keys so a change
// is a small diff. The browser never names a path: only a slug ([a-z0-9-]) becomes `<slug>.json`
// inside the folder, which rules out traversal. Writes are same-origin only, like the proxy.
import { Hono, type Context } from 'hono'
import { mkdir, readdir, readFile, rename, stat, writeFile } from 'node:fs/promises'
import { join, resolve } from 'node:path'
import {
  describeProblem,
  parsePresetsText,
  presetContentSchema,
  stableStringify,
  toPresetDocument,
  TEAM_SLUG_PATTERN,
  type Preset,
} from '../../mpsd/preset'
import { joinChunks, readBudgeted, UNMETERED } from '../byte-budget'

export const TEAM_FILE_MAX_BYTES = 256 * 1024
export const TEAM_FILES_MAX = 500

export type TeamPresetsOptions = {
  dir: string
  /** Host names the dashboard is served under (DNS-rebinding defence). */
  allowedHosts: readonly string[]
  isLoopbackPeer: (c: Context) => boolean
}

type TeamListing = {
  dir: string
  presets: Array<{ file: string; preset: Preset }>
  errors: Array<{ file: string; message: string }>
}

export async function readTeamPresets(dir: string, now: number = Date.now()): Promise<TeamListing> {
  const listing: TeamListing = { dir, presets: [], errors: [] }
  let names: string[]
  try {
    names = (await readdir(dir)).filter((n) => n.endsWith('.json')).sort()
  } catch (error) {
    // No folder yet is the normal case for a team that has not shared a preset.
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') {
      listing.errors.push({
        file: dir,
        message: `The presets folder could not be read (${(error as NodeJS.ErrnoException).code ?? 'error'}).`,
      })
    }
    return listing
  }
  if (names.length > TEAM_FILES_MAX) {
    listing.errors.push({
      file: dir,
      message: `Only the first ${TEAM_FILES_MAX} of ${names.length} files are read.`,
    })
    names = names.slice(0, TEAM_FILES_MAX)
  }
  for (const file of names) {
    const path = join(dir, file)
    try {
      const info = await stat(path)
      if (!info.isFile()) continue
      if (info.size > TEAM_FILE_MAX_BYTES) {
        listing.errors.push({ file, message: `Over ${TEAM_FILE_MAX_BYTES / 1024} KB; not read.` })
        continue
      }
      const parsed = parsePresetsText(
        await readFile(path, 'utf8'),
        file,
        info.mtimeMs ? Math.floor(info.mtimeMs) : now,
      )
      if (parsed.fatal) listing.errors.push({ file, message: describeProblem(parsed.fatal) })
      for (const problem of parsed.problems)
        listing.errors.push({ file, message: describeProblem(problem) })
      const slug = file.replace(/\.json$/, '')
      parsed.presets.forEach((preset, index) => {
        // Ids are derived from the file, so they are stable across reads and never collide with local ones.
        const id = `team:${slug}${parsed.presets.length > 1 ? `:${index + 1}` : ''}`
        listing.presets.push({ file, preset: { ...preset, id } })
      })
    } catch (error) {
      listing.errors.push({
        file,
        message: `Could not be read (${(error as NodeJS.ErrnoException).code ?? 'error'}).`,
      })
    }
  }
  return listing
}

function refuse(c: Context, status: 400 | 403 | 409 | 413 | 415, error: string, message: string) {
  return c.json({ error, message }, status)
}

export function createTeamPresetsApp(options: TeamPresetsOptions) {
  const app = new Hono()
  const dir = resolve(options.dir)

  // Same checks as the proxy: our own host names only (DNS rebinding), and a browser caller must
  // be the dashboard itself; Origin-less callers only from this machine.
  app.use('*', async (c, next) => {
    const hostHeader = c.req.header('host') ?? ''
    const hostname = hostHeader
      .replace(/:\d+$/, '')
      .replace(/^\[|\]$/g, '')
      .toLowerCase()
    if (!options.allowedHosts.includes(hostname)) {
      return refuse(
        c,
        403,
        'origin_not_allowed',
        `Requests must address the Workbench by one of its own host names, not "${hostname}".`,
      )
    }
    const origin = c.req.header('origin')
    if (origin !== undefined) {
      const self = `${new URL(c.req.url).protocol}//${hostHeader}`.toLowerCase()
      if (origin.toLowerCase() !== self)
        return refuse(
          c,
          403,
          'origin_not_allowed',
          'Only the Workbench dashboard itself may use team presets.',
        )
    } else if (c.req.method !== 'GET' && !options.isLoopbackPeer(c)) {
      return refuse(
        c,
        403,
        'origin_not_allowed',
        'Callers without an Origin header may write only from this machine.',
      )
    }
    await next()
    c.header('Cache-Control', 'no-store')
  })

  app.get('/', async (c) => c.json(await readTeamPresets(dir)))

  app.put('/:slug', async (c) => {
    const slug = c.req.param('slug')
    if (!TEAM_SLUG_PATTERN.test(slug)) {
      return refuse(
        c,
        400,
        'bad_slug',
        'The file name must be lower-case letters, digits and dashes (like "weekly-invite").',
      )
    }
    if (!(c.req.header('content-type') ?? '').toLowerCase().startsWith('application/json')) {
      return refuse(c, 415, 'bad_content_type', 'Send the preset as application/json.')
    }
    const declared = Number(c.req.header('content-length') ?? '0')
    if (declared > TEAM_FILE_MAX_BYTES)
      return refuse(
        c,
        413,
        'too_large',
        `A team preset is limited to ${TEAM_FILE_MAX_BYTES / 1024} KB.`,
      )
    // Read with the cap, not read and then measured: a chunked body has no length to check first.
    const read = await readBudgeted(
      c.req.raw.body as AsyncIterable<Uint8Array> | null,
      TEAM_FILE_MAX_BYTES,
      UNMETERED,
      c.req.raw.signal,
    )
    if (!read.ok)
      return refuse(
        c,
        413,
        'too_large',
        `A team preset is limited to ${TEAM_FILE_MAX_BYTES / 1024} KB.`,
      )
    const text = new TextDecoder().decode(joinChunks(read.chunks, read.size))
    let body: unknown
    try {
      body = JSON.parse(text)
    } catch {
      return refuse(c, 400, 'bad_json', 'The preset is not valid JSON.')
    }
    // The allowlist: only preset fields are written, whatever else the body carried.
    const parsed = presetContentSchema.safeParse(
      typeof body === 'object' && body !== null && 'preset' in body
        ? (body as { preset: unknown }).preset
        : body,
    )
    if (!parsed.success) {
      const issue = parsed.error.issues[0]
      return refuse(
        c,
        400,
        'invalid_preset',
        `${issue?.path.join('.') || 'preset'}: ${issue?.message ?? 'invalid'}`,
      )
    }
    const file = `${slug}.json`
    const path = join(dir, file)
    // Belt and braces: the joined path must still be directly inside the folder.
    if (resolve(path) !== join(dir, file))
      return refuse(c, 400, 'bad_slug', 'The file name is not allowed.')
    await mkdir(dir, { recursive: true })
    // Two names can make one file name ("Foo!" and "Foo?" are both foo.json): a teammate's file is
    // replaced only when the caller says so.
    if (
      c.req.query('overwrite') !== '1' &&
      (await stat(path).then(
        () => true,
        () => false,
      ))
    ) {
      return refuse(c, 409, 'exists', `${file} is already in the team folder.`)
    }
    // Write then rename: a reader (or git) never sees half a file.
    const temporary = join(dir, `.${file}.${process.pid}.${Date.now()}.tmp`)
    await writeFile(temporary, stableStringify(toPresetDocument(parsed.data)), 'utf8')
    await rename(temporary, path)
    const now = Date.now()
    return c.json(
      { file, preset: { ...parsed.data, id: `team:${slug}`, createdAt: now, updatedAt: now } },
      200,
    )
  })

  return app
}
