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

export type CliCommand =
  | { kind: 'help' }
  | { kind: 'version' }
  /** No command at all: the usage, as an error. */
  | { kind: 'usage' }
  | { kind: 'analyze'; options: AnalyzeOptions }
  | { kind: 'error'; message: string }

export const COMMANDS = ['analyze'] as const

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
  if (command !== 'analyze')
    return {
      kind: 'error',
      message: `Unknown command "${command}". Commands: ${COMMANDS.join(', ')}.`,
    }
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
