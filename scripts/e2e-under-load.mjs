// Runs the e2e journeys N times (default 5) while busy loops keep every core loaded, to prove the
// journeys do not depend on timing. Usage: npm run e2e:load [-- N]
// Bounded: each busy loop stops when this script ends, when its parent is gone, or after 2 hours
// (five runs of every journey on a loaded 2-core machine take about 40 minutes).
import { spawn, spawnSync } from 'node:child_process'
import { availableParallelism } from 'node:os'

const runs = Number(process.argv[2] ?? 5)
const burn = `const end = Date.now() + 120 * 60_000
const parent = ${process.pid}
let n = 0
while (Date.now() < end) {
  if (++n % 50_000_000 === 0) { try { process.kill(parent, 0) } catch { process.exit(0) } }
}`
const burners = Array.from({ length: availableParallelism() }, () =>
  spawn(process.execPath, ['-e', burn], { stdio: 'ignore' }),
)
const stopBurners = () => {
  for (const burner of burners) burner.kill()
}
process.on('exit', stopBurners)
for (const signal of ['SIGINT', 'SIGTERM']) {
  process.on(signal, () => {
    stopBurners()
    process.exit(130)
  })
}

const results = []
for (let i = 1; i <= runs; i++) {
  const started = Date.now()
  const run = spawnSync('npx', ['playwright', 'test', '--reporter=line'], {
    stdio: 'inherit',
    env: { ...process.env, PW_JSON_REPORT: `test-results/playwright-load-${i}.json` },
  })
  results.push({ run: i, ok: run.status === 0, seconds: Math.round((Date.now() - started) / 1000) })
  console.error(`e2e under load: run ${i} of ${runs}: ${run.status === 0 ? 'passed' : 'FAILED'}`)
}
stopBurners()
for (const r of results)
  console.error(`run ${r.run}: ${r.ok ? 'passed' : 'FAILED'} in ${r.seconds} s`)
process.exit(results.every((r) => r.ok) ? 0 : 1)
