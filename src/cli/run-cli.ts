// The CLI's commands: analyze, --help, --version. Bad input (arguments, file) exits 2 with a message
// naming what is wrong, and the usage.
import { analyzeCommand, type CliIo } from './analyze-command'
import { parseCliArgs } from './cli-args'

export const USAGE = `Usage: handles-workbench <command> [options]

Commands:
  analyze <file.har>   Check the session directory calls in a HAR file against the rules of
                       Microsoft's Xbox Live Trace Analyzer: call-frequency, burst,
                       repeated-calls, throttled-calls and polling.

Options for analyze:
  --reporter <list>    cli, json or cli,json (default cli). json without --out prints the
                       JSON report to stdout.
  --out <dir>          Also write the JSON report to <dir>/report.json.
  --group <by>         console (per console, as the analyzer; default) or user (per userhash).
  --all-endpoints      Analyse every call in the file, not only session directory calls.

  -h, --help           Show this help.
  -v, --version        Show the version.

Exit codes: 0 no violation, 1 violations found, 2 bad input (arguments or file).
`

export async function runCli(argv: readonly string[], io: CliIo, version: string): Promise<number> {
  const command = parseCliArgs(argv)
  switch (command.kind) {
    case 'help':
      io.stdout(USAGE)
      return 0
    case 'version':
      io.stdout(`${version}\n`)
      return 0
    case 'usage':
      io.stderr(USAGE)
      return 2
    case 'error':
      io.stderr(`handles-workbench: ${command.message}\nRun handles-workbench --help for usage.\n`)
      return 2
    case 'analyze':
      return analyzeCommand(command.options, io, version)
  }
}
