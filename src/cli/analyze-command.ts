// `handles-workbench analyze <file.har>`: reads the file, runs the trace rules, writes the reports.
// Exit code: 0 no violation, 1 violations, 2 the file could not be analysed (named, with why).
import { mkdir, readFile, writeFile } from 'node:fs/promises'
import { basename, join } from 'node:path'
import { analyzeTrace } from '../mpsd/trace-rules/analyze-trace'
import { harCalls } from '../mpsd/trace-rules/har-calls'
import type { AnalyzeOptions } from './cli-args'
import { jsonReport } from './json-report'
import { textReport } from './text-report'

export type CliIo = { stdout: (text: string) => void; stderr: (text: string) => void }

export const REPORT_FILE = 'report.json'

function readError(error: unknown): string {
  const code = (error as { code?: unknown }).code
  if (code === 'ENOENT') return 'no such file'
  if (code === 'EISDIR') return 'is a directory, not a HAR file'
  if (code === 'EACCES') return 'permission denied'
  return error instanceof Error ? error.message : String(error)
}

export async function analyzeCommand(
  options: AnalyzeOptions,
  io: CliIo,
  version: string,
): Promise<number> {
  let text: string
  try {
    text = await readFile(options.file, 'utf8')
  } catch (error) {
    io.stderr(`handles-workbench: ${options.file}: ${readError(error)}\n`)
    return 2
  }
  const name = basename(options.file)
  const read = harCalls(text, { console: name, allEndpoints: options.allEndpoints })
  if (!read.ok) {
    io.stderr(`handles-workbench: ${options.file}: ${read.error}\n`)
    return 2
  }
  const report = jsonReport({
    version,
    file: name,
    entries: read.entryCount,
    skipped: read.skipped,
    report: analyzeTrace(read.calls, { grouping: options.grouping }),
  })
  const json = `${JSON.stringify(report, null, 2)}\n`
  if (options.out !== undefined) {
    const path = join(options.out, REPORT_FILE)
    try {
      await mkdir(options.out, { recursive: true })
      await writeFile(path, json)
    } catch (error) {
      io.stderr(`handles-workbench: cannot write ${path}: ${readError(error)}\n`)
      return 2
    }
    io.stderr(`JSON report: ${path}\n`)
  } else if (options.reporters.has('json')) io.stdout(json)
  if (options.reporters.has('cli')) io.stdout(textReport(report))
  return report.violations > 0 ? 1 : 0
}
