// The `handles-workbench` bin, bundled into bin/handles-workbench.mjs (decision 070).
import { version } from '../../package.json'
import { runCli } from './run-cli'

process.exitCode = await runCli(
  process.argv.slice(2),
  {
    stdout: (text) => process.stdout.write(text),
    stderr: (text) => process.stderr.write(text),
  },
  version,
)
