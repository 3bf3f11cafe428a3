// The command line, parsed: what to run, or what is wrong with it (exit 2). Node's parseArgs is
// strict, so an unknown option is an error, not silently ignored.
import { parseArgs } from 'node:util'
import type { Grouping } from '../mpsd/trace-rules/trace-call'

export type Reporter = 'cli' | 'json'

export type AnalyzeOptions = {
  file: string
  reporters: ReadonlySet<Reporter>
  out: string | undefined
  grouping: Grouping
  allEndpoints: boolean
}

export type RunReporter = 'cli' | 'junit' | 'json'

export type RunOptions = {
  /** A presets file, or a folder whose *.json files are read in name order. */
  presets: string
  env: string | undefined
  data: string | undefined
  /** `sim`, `xbox` or an origin (https://host[:port]). */
  upstream: string
  reporters: ReadonlySet<RunReporter>
  out: string | undefined
  simRules: 'strict' | 'lenient'
  throttle: boolean
}

export type CliCommand =
  | { kind: 'help' }
  | { kind: 'version' }
  /** No command at all: the usage, as an error. */
  | { kind: 'usage' }
  | { kind: 'analyze'; options: AnalyzeOptions }
  | { kind: 'run'; options: RunOptions }
  | { kind: 'error'; message: string }

export const COMMANDS = ['analyze', 'run'] as const

const REPORTERS: readonly Reporter[] = ['cli', 'json']
const GROUPINGS: readonly Grouping[] = ['console', 'user']

function parseReporters(value: string): Set<Reporter> | string {
  const names = value
    .split(',')
    .map((name) => name.trim())
    .filter(Boolean)
  const unknown = names.filter((name) => !REPORTERS.includes(name as Reporter))
  if (names.length === 0 || unknown.length > 0)
    return `--reporter takes cli, json or cli,json, not "${value}"`
  return new Set(names as Reporter[])
}

export function parseCliArgs(argv: readonly string[]): CliCommand {
  let parsed
  try {
    parsed = parseArgs({
      args: [...argv],
      allowPositionals: true,
      options: {
        help: { type: 'boolean', short: 'h' },
        version: { type: 'boolean', short: 'v' },
        reporter: { type: 'string' },
        out: { type: 'string' },
        group: { type: 'string' },
        'all-endpoints': { type: 'boolean' },
        env: { type: 'string' },
        data: { type: 'string' },
        upstream: { type: 'string' },
        'sim-rules': { type: 'string' },
        'no-throttle': { type: 'boolean' },
      },
    })
  } catch (error) {
    return { kind: 'error', message: error instanceof Error ? error.message : String(error) }
  }
  const { values, positionals } = parsed
  if (values.help) return { kind: 'help' }
  if (values.version) return { kind: 'version' }
  const [command, ...rest] = positionals
  if (command === undefined) return { kind: 'usage' }
  if (command === 'run') return runCommandOf(rest, values)
  if (command !== 'analyze')
    return {
      kind: 'error',
      message: `Unknown command "${command}". Commands: ${COMMANDS.join(', ')}.`,
    }
  const misplaced = RUN_ONLY.find((name) => values[name] !== undefined)
  if (misplaced)
    return { kind: 'error', message: `--${misplaced} is an option of run, not analyze` }
  if (rest.length !== 1)
    return {
      kind: 'error',
      message:
        rest.length === 0
          ? 'analyze needs a HAR file: handles-workbench analyze <file.har>'
          : `analyze takes one HAR file, not ${rest.length}: ${rest.join(' ')}`,
    }
  const reporters = parseReporters(values.reporter ?? 'cli')
  if (typeof reporters === 'string') return { kind: 'error', message: reporters }
  const grouping = values.group ?? 'console'
  if (!GROUPINGS.includes(grouping as Grouping))
    return { kind: 'error', message: `--group takes console or user, not "${grouping}"` }
  if (values.out === '') return { kind: 'error', message: '--out needs a directory' }
  // Both reports on stdout could not be told apart.
  if (reporters.has('cli') && reporters.has('json') && values.out === undefined)
    return {
      kind: 'error',
      message:
        '--reporter cli,json needs --out <dir> for the JSON report (both cannot share stdout)',
    }
  return {
    kind: 'analyze',
    options: {
      file: rest[0] ?? '',
      reporters,
      out: values.out,
      grouping: grouping as Grouping,
      allEndpoints: values['all-endpoints'] ?? false,
    },
  }
}

const RUN_ONLY = ['env', 'data', 'upstream', 'sim-rules', 'no-throttle'] as const
const RUN_REPORTERS: readonly RunReporter[] = ['cli', 'junit', 'json']

type ParsedValues = {
  reporter?: string | undefined
  out?: string | undefined
  group?: string | undefined
  'all-endpoints'?: boolean | undefined
  env?: string | undefined
  data?: string | undefined
  upstream?: string | undefined
  'sim-rules'?: string | undefined
  'no-throttle'?: boolean | undefined
}

function runCommandOf(rest: string[], values: ParsedValues): CliCommand {
  const error = (message: string): CliCommand => ({ kind: 'error', message })
  if (rest.length !== 1)
    return error(
      rest.length === 0
        ? 'run needs a presets file or folder: handles-workbench run <presets.json | folder>'
        : `run takes one presets file or folder, not ${rest.length}: ${rest.join(' ')}`,
    )
  if (values.group !== undefined || values['all-endpoints'] !== undefined)
    return error(
      `--${values.group !== undefined ? 'group' : 'all-endpoints'} is an option of analyze, not run`,
    )
  const names = (values.reporter ?? 'cli')
    .split(',')
    .map((name) => name.trim())
    .filter(Boolean)
  if (names.length === 0 || names.some((name) => !RUN_REPORTERS.includes(name as RunReporter)))
    return error(`--reporter takes cli, junit and json (comma-separated), not "${values.reporter}"`)
  const reporters = new Set(names as RunReporter[])
  if (values.out === '') return error('--out needs a directory')
  // Two reports on stdout could not be told apart.
  if (reporters.size > 1 && values.out === undefined)
    return error(
      `--reporter ${names.join(',')} needs --out <dir>: only one report can go to stdout`,
    )
  const simRules = values['sim-rules'] ?? 'strict'
  if (simRules !== 'strict' && simRules !== 'lenient')
    return error(`--sim-rules takes strict or lenient, not "${simRules}"`)
  for (const name of ['env', 'data', 'upstream'] as const)
    if (values[name] === '') return error(`--${name} needs a value`)
  return {
    kind: 'run',
    options: {
      presets: rest[0] ?? '',
      env: values.env,
      data: values.data,
      upstream: values.upstream ?? 'sim',
      reporters,
      out: values.out,
      simRules,
      throttle: !values['no-throttle'],
    },
  }
}
