// `npm run bench`: every performance figure of the Workbench, each measured in the same run as a
// reference (the floor app, straight-to-simulator calls, a bare pass-through proxy...) so that a
// noisy or slow machine still yields a meaningful ratio. Prints a table and writes results.json.
// Each section is isolated: one that throws becomes a FAIL row and the next one still runs.
import type { Browser, BrowserContext } from '@playwright/test'
import { existsSync, mkdirSync, writeFileSync } from 'node:fs'
import os from 'node:os'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { startWorkbenchServer, type RunningServer } from '../src/server/start-server'
import { launchChromium, launchDiskContext, type DiskContext } from './browser'
import { buildFloor, buildWorkbench, measureBundle } from './bundle'
import { measureBatch } from './batch'
import { createBenchSession } from './mpsd-request'
import { historyFigures, measureHistoryView } from './history-scale'
import { seedHistory } from './seed-history'
import { measureProxy } from './proxy'
import { measureStartup } from './startup'
import { startStaticServer, type StaticServer } from './static-server'
import { failure, formatTable, type Figure } from './table'
import { typeInEmptyWorkbench, typeInFloor, typeInWorkbench, typingFigures } from './typing'

const benchDir = dirname(fileURLToPath(import.meta.url))
const repoRoot = join(benchDir, '..')
const workDir = join(benchDir, '.work')
const appDist = join(workDir, 'app-dist')
const floorDist = join(workDir, 'floor-dist')
export const HISTORY_ENTRIES = 100_000
/** The History reference: the same view when data is not the problem. */
export const SMALL_HISTORY_ENTRIES = 100

type Section = { name: string; run: () => Promise<Figure[]> }

function log(message: string): void {
  process.stderr.write(`[bench] ${message}\n`)
}

async function runSection(section: Section): Promise<Figure[]> {
  const started = performance.now()
  log(`${section.name}…`)
  try {
    const figures = await section.run()
    log(`${section.name} done in ${((performance.now() - started) / 1000).toFixed(1)} s`)
    return figures
  } catch (error) {
    log(`${section.name} FAILED: ${error instanceof Error ? error.message : String(error)}`)
    return [failure(section.name, error)]
  }
}

async function main(): Promise<void> {
  mkdirSync(workDir, { recursive: true })
  const startedAt = new Date()
  const figures: Figure[] = []
  let server: RunningServer | undefined
  let floorServer: StaticServer | undefined
  let browser: Browser | undefined
  let built = false
  let chromiumVersion = 'not launched'
  const seeded = new Map<number, Promise<DiskContext>>()

  const needBrowser = async (): Promise<Browser> => {
    browser ??= await launchChromium()
    chromiumVersion = browser.version()
    return browser
  }
  // One seeded context per size, shared by Typing and History: seeding 100,000 rows is the slow part.
  const needSeeded = (count: number): Promise<BrowserContext> =>
    needDisk(count).then((disk) => disk.context)
  const needDisk = (count: number): Promise<DiskContext> => {
    let pending = seeded.get(count)
    if (!pending) {
      pending = (async () => {
        const { app } = await needServers()
        const disk = await launchDiskContext()
        const started = performance.now()
        const { page, stored } = await seedHistory(disk.context, app.url, count)
        await page.close()
        if (stored !== count) throw new Error(`seeded ${stored} history entries, wanted ${count}`)
        log(
          `seeded ${count} history entries in ${((performance.now() - started) / 1000).toFixed(1)} s`,
        )
        return disk
      })()
      seeded.set(count, pending)
    }
    return pending
  }
  const needServers = async (): Promise<{ app: RunningServer; floor: StaticServer }> => {
    if (!built) throw new Error('the builds failed, so there is nothing to serve')
    server ??= await startWorkbenchServer({
      // Throttling off: the bench measures the Workbench, not MPSD's per-user budgets.
      env: {
        ...process.env,
        WORKBENCH_STATIC_ROOT: appDist,
        SIM_THROTTLE: 'off',
        SIM_LATENCY_MS: '0',
        SIM_FAIL_RATE: '0',
      },
      port: 0,
      logSink: () => {},
    })
    await createBenchSession(server.url)
    floorServer ??= await startStaticServer(floorDist)
    return { app: server, floor: floorServer }
  }

  const sections: Section[] = [
    {
      name: 'bundle',
      run: async () => {
        // Fresh builds every time: a stale dist/ would measure yesterday's code.
        await buildWorkbench(repoRoot, appDist)
        await buildFloor(join(benchDir, 'floor-app'), floorDist)
        built = true
        return measureBundle(appDist, floorDist)
      },
    },
    {
      name: 'startup',
      run: async () => {
        const { app, floor } = await needServers()
        return measureStartup(await needBrowser(), `${app.url}/`, `${floor.url}/`)
      },
    },
    {
      name: 'typing',
      run: async () => {
        const { app, floor } = await needServers()
        const context = await needSeeded(HISTORY_ENTRIES)
        const page = await context.newPage()
        try {
          const appResult = await typeInWorkbench(page, `${app.url}/`)
          const scid = await typeInWorkbench(page, `${app.url}/`, 'SCID')
          const empty = await typeInEmptyWorkbench(await needBrowser(), `${app.url}/`)
          const floorResult = await typeInFloor(await needBrowser(), `${floor.url}/`)
          return typingFigures({ app: appResult, empty, scid, floor: floorResult }, HISTORY_ENTRIES)
        } finally {
          await page.close()
        }
      },
    },
    {
      name: 'history',
      run: async () => {
        const { app } = await needServers()
        const big = await measureHistoryView(await needSeeded(HISTORY_ENTRIES), app.url)
        const small = await measureHistoryView(await needSeeded(SMALL_HISTORY_ENTRIES), app.url)
        return historyFigures(big, small, HISTORY_ENTRIES, SMALL_HISTORY_ENTRIES)
      },
    },
    {
      // Node-only sections run with Chromium closed, so the browser does not share the two cores.
      name: 'close browser',
      run: async () => {
        await browser?.close()
        browser = undefined
        for (const pending of seeded.values())
          await pending.then((disk) => disk.close()).catch(() => {})
        seeded.clear()
        return []
      },
    },
    { name: 'proxy', run: async () => measureProxy((await needServers()).app.url) },
    { name: 'batch', run: async () => measureBatch((await needServers()).app.url) },
  ]

  // BENCH_SECTIONS=typing,history runs a subset (for working on one section); the builds from the
  // last full run are reused then.
  const only = process.env.BENCH_SECTIONS?.split(',')
    .map((name) => name.trim())
    .filter(Boolean)
  if (only?.length)
    built = existsSync(join(appDist, 'index.html')) && existsSync(join(floorDist, 'index.html'))
  try {
    for (const section of sections) {
      if (only?.length && !only.includes(section.name) && section.name !== 'close browser') continue
      figures.push(...(await runSection(section)))
    }
  } finally {
    await browser?.close().catch(() => {})
    for (const pending of seeded.values())
      await pending.then((disk) => disk.close()).catch(() => {})
    await server?.close().catch(() => {})
    await floorServer?.close().catch(() => {})
    const machine = {
      cpu: os.cpus()[0]?.model ?? 'unknown',
      cores: os.cpus().length,
      totalMemoryGiB: Number((os.totalmem() / 1024 ** 3).toFixed(1)),
      node: process.version,
      chromium: chromiumVersion,
      platform: `${os.platform()} ${os.release()}`,
    }
    const durationS = (Date.now() - startedAt.getTime()) / 1000
    const header = [
      `Handles Workbench bench — ${startedAt.toISOString()} (${durationS.toFixed(0)} s)`,
      `Machine: ${machine.cpu}, ${machine.cores} cores, ${machine.totalMemoryGiB} GiB, Node ${machine.node}, Chromium ${machine.chromium}, ${machine.platform}`,
    ].join('\n')
    process.stdout.write(`\n${header}\n\n${formatTable(figures)}\n`)
    writeFileSync(
      join(benchDir, 'results.json'),
      `${JSON.stringify({ date: startedAt.toISOString(), durationS, machine, figures }, null, 2)}\n`,
    )
    log(`wrote ${join('bench', 'results.json')}`)
  }
}

main().catch((error: unknown) => {
  // Only a broken harness lands here; failed sections are rows in the table.
  process.stderr.write(
    `bench harness failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
  )
  process.exit(1)
})
