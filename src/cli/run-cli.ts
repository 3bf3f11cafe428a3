// The CLI's commands: analyze, run, --help, --version. Bad input (arguments, file) exits 2 with a message
// naming what is wrong, and the usage.
import { analyzeCommand, type CliIo } from './analyze-command'
import { parseCliArgs } from './cli-args'
import { runCommand } from './run-command'

export const USAGE = `Usage: handles-workbench <command> [options]

Commands:
  analyze <file.har>   Check the session directory calls in a HAR file against the rules of
                       Microsoft's Xbox Live Trace Analyzer: call-frequency, burst,
                       repeated-calls, throttled-calls and polling.
  run <presets>        Send presets (a presets file, or a folder of them) in order through
                       the Workbench's proxy, paced by MPSD's budget, and check each answer
                       against the preset's expectations (a 2xx when it has none).

Options for analyze:
  --reporter <list>    cli, json or cli,json (default cli). json without --out prints the
                       JSON report to stdout.
  --out <dir>          Also write the JSON report to <dir>/report.json.
  --group <by>         console (per console, as the analyzer; default) or user (per userhash).
  --all-endpoints      Analyse every call in the file, not only session directory calls.

Options for run:
  --env <file>         Variables from an environment file (Postman's format).
  --data <file.csv>    Run the presets once per row; the header row names the variables.
  --upstream <where>   sim (the in-process simulator, default), xbox, or an origin. The
                       token comes from MPSD_AUTHORIZATION (or the dashboard's sign-in
                       cache), never from a file.
  --sim-rules <mode>   strict (default) or lenient: the simulator's rules.
  --reporter <list>    cli, junit, json, comma-separated (default cli). One alone without
                       --out goes to stdout; with --out: <dir>/junit.xml, <dir>/run-report.json.
  --out <dir>          Where the junit and json reports are written.
  --no-throttle        No pacing, and a simulator without MPSD's per-user throttling.

  -h, --help           Show this help.
  -v, --version        Show the version.

Exit codes: analyze: 0 no violation, 1 violations found; run: 0 every expectation held,
1 one failed or a call got no answer; both: 2 bad input (arguments or file, named).
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
    case 'run':
      return runCommand(command.options, io)
  }
}
