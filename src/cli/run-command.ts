// `handles-workbench run <presets file or folder>`: the Runs view in CI. Reads presets (any format
// version the dashboard ever exported), an environment and a CSV data file; plans the run with the
// shared core (src/mpsd/run), sends through the proxy core in process, paced as the dashboard
// paces, checks the same expectations, and writes the reports.
// Exit code: 0 every expectation held, 1 one did not (or a call got no answer), 2 bad input, with
// the file, preset and field named. The token (MPSD_AUTHORIZATION) is never printed or written.
import { mkdir, readdir, readFile, stat, writeFile } from 'node:fs/promises'
import { basename, join } from 'node:path'
import { parseEnvironmentFile, variablesOf } from '../mpsd/environment'
import { describeProblem, parsePresetsText, type Preset } from '../mpsd/preset'
import { parseCsv } from '../mpsd/run/csv'
import { toJunitXml } from '../mpsd/run/junit'
import { planRun, type RunProblem } from '../mpsd/run/run-plan'
import { runPassed, toRunReport } from '../mpsd/run/run-report'
import { initialRunState, runSteps, summarize, type StepResult } from '../mpsd/run/run-steps'
import type { Variables } from '../mpsd/variables'
import type { CliIo } from './analyze-command'
import type { RunOptions } from './cli-args'
import { CliInputError, createCliProxy, upstreamOf } from './cli-proxy'

export const JUNIT_FILE = 'junit.xml'
export const RUN_REPORT_FILE = 'run-report.json'

function readError(error: unknown): string {
  const code = (error as { code?: unknown }).code
  if (code === 'ENOENT') return 'no such file'
  if (code === 'EISDIR') return 'is a directory, not a file'
  if (code === 'EACCES') return 'permission denied'
  return error instanceof Error ? error.message : String(error)
}

type Sourced = { preset: Preset; file: string; item: number }

/** Every preset of a file, or of each *.json file of a folder (in name order). */
async function readPresets(path: string): Promise<Sourced[]> {
  let files: string[]
  try {
    const info = await stat(path)
    files = info.isDirectory()
      ? (await readdir(path))
          .filter((name) => name.endsWith('.json'))
          .sort()
          .map((name) => join(path, name))
      : [path]
  } catch (error) {
    throw new CliInputError(`${path}: ${readError(error)}`)
  }
  if (files.length === 0)
    throw new CliInputError(`${path}: the folder holds no .json presets files`)
  const out: Sourced[] = []
  for (const file of files) {
    let text: string
    try {
      text = await readFile(file, 'utf8')
    } catch (error) {
      throw new CliInputError(`${file}: ${readError(error)}`)
    }
    const parsed = parsePresetsText(text, file)
    const problem = parsed.fatal ?? parsed.problems[0]
    if (problem) throw new CliInputError(describeProblem(problem))
    parsed.presets.forEach((preset, index) => out.push({ preset, file, item: index + 1 }))
  }
  return out
}

async function readText(path: string, what: string): Promise<string> {
  try {
    return await readFile(path, 'utf8')
  } catch (error) {
    throw new CliInputError(`${path} (${what}): ${readError(error)}`)
  }
}

async function readEnvironment(path: string | undefined): Promise<Variables> {
  if (path === undefined) return {}
  const parsed = parseEnvironmentFile(await readText(path, '--env'))
  if (!parsed.ok) throw new CliInputError(`${path}: ${parsed.error}`)
  return variablesOf(parsed.environment)
}

async function readRows(path: string | undefined): Promise<Variables[] | undefined> {
  if (path === undefined) return undefined
  const parsed = parseCsv(await readText(path, '--data'))
  if (!parsed.ok) throw new CliInputError(`${path}: ${parsed.error}`)
  return parsed.rows
}

function describePlanProblem(
  problem: RunProblem,
  sources: Sourced[],
  iterations: number,
  data?: string,
): string {
  const source = sources[problem.item - 1]
  const where = [
    source?.file,
    iterations > 1 && data ? `${data} row ${problem.iteration + 1}` : undefined,
    `preset ${source?.item ?? problem.item} “${problem.presetName}”`,
    problem.path ? `field request.${problem.path}` : undefined,
  ].filter(Boolean)
  return `${where.join(', ')}: ${problem.message}`
}

const MARK: Record<StepResult['outcome'], string> = {
  passed: 'PASS',
  failed: 'FAIL',
  error: 'ERROR',
  notRun: 'SKIP',
}

function stepLine(result: StepResult, iterations: number): string {
  const row = iterations > 1 ? `[row ${result.iteration + 1}] ` : ''
  const status = result.status ? ` ${result.status}` : ''
  const time = result.durationMs === undefined ? '' : ` ${Math.round(result.durationMs)} ms`
  const details =
    result.outcome === 'error'
      ? [`    ${result.error ?? 'No answer'}`]
      : [
          ...result.expectations
            .filter((e) => !e.passed)
            .map((e) => `    expected ${e.label}: ${e.message}`),
          ...(result.simRule
            ? [
                `    refused by the simulator's rule "${result.simRule}" (strict): create the session first, or --sim-rules lenient`,
              ]
            : []),
        ]
  return (
    [`${MARK[result.outcome]} ${row}${result.label}${status}${time}`, ...details].join('\n') + '\n'
  )
}

export async function runCommand(
  options: RunOptions,
  io: CliIo,
  env: NodeJS.ProcessEnv = process.env,
): Promise<number> {
  const fail = (message: string) => {
    io.stderr(`handles-workbench: ${message}\n`)
    return 2
  }
  let proxy: Awaited<ReturnType<typeof createCliProxy>> | undefined
  try {
    const upstream = upstreamOf(options.upstream)
    const sources = await readPresets(options.presets)
    const environment = await readEnvironment(options.env)
    const rows = await readRows(options.data)
    const plan = planRun({
      presets: sources.map(({ preset }) => preset),
      environment,
      ...(rows ? { rows } : {}),
    })
    if (plan.problems.length > 0) {
      const shown = plan.problems
        .slice(0, 10)
        .map((p) => describePlanProblem(p, sources, plan.iterations, options.data))
      const more = plan.problems.length > 10 ? `\n(and ${plan.problems.length - 10} more)` : ''
      return fail(`nothing was sent:\n${shown.join('\n')}${more}`)
    }
    if (plan.steps.length === 0) return fail(`${options.presets}: no request to send`)
    proxy = await createCliProxy({
      upstream,
      simRules: options.simRules,
      throttle: options.throttle,
      authorization: env.MPSD_AUTHORIZATION?.trim() || undefined,
      env,
    })
    const name = basename(options.presets)
    const cli = options.reporters.has('cli')
    if (cli)
      io.stdout(
        `Running ${plan.steps.length} request${plan.steps.length === 1 ? '' : 's'} from ${name} against ${upstream} as ${proxy.sender}${options.throttle ? '' : ' (no throttle)'}\n`,
      )
    let printed = 0
    const send = proxy.send
    const state = await runSteps(plan.steps, initialRunState(plan.steps), {
      send: (step) => send(step),
      pacing: options.throttle ? undefined : 'off',
      onUpdate: (current) => {
        if (!cli) return
        for (; printed < current.next; printed++) {
          const result = current.results[printed]
          if (result) io.stdout(stepLine(result, plan.iterations))
        }
      },
    })
    const summary = summarize(state)
    if (cli)
      io.stdout(
        `\n${summary.passed} passed, ${summary.failed} failed, ${summary.errors} errors, of ${summary.steps}\n`,
      )
    const junit = options.reporters.has('junit') ? toJunitXml(state, { name }) : undefined
    const json = options.reporters.has('json')
      ? `${JSON.stringify(toRunReport(state, name), null, 2)}\n`
      : undefined
    if (options.out !== undefined) {
      try {
        await mkdir(options.out, { recursive: true })
        if (junit !== undefined) await writeFile(join(options.out, JUNIT_FILE), junit)
        if (json !== undefined) await writeFile(join(options.out, RUN_REPORT_FILE), json)
      } catch (error) {
        return fail(`cannot write to ${options.out}: ${readError(error)}`)
      }
      if (junit !== undefined) io.stderr(`JUnit XML: ${join(options.out, JUNIT_FILE)}\n`)
      if (json !== undefined) io.stderr(`JSON report: ${join(options.out, RUN_REPORT_FILE)}\n`)
    } else {
      if (junit !== undefined) io.stdout(junit)
      if (json !== undefined) io.stdout(json)
    }
    return runPassed(state) ? 0 : 1
  } catch (error) {
    if (error instanceof CliInputError) return fail(error.message)
    throw error
  } finally {
    await proxy?.close()
  }
}
