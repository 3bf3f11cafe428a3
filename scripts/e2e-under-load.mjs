// Runs the e2e journeys N times (default 5) while busy loops keep every core loaded, to prove the
// journeys do not depend on timing. Usage: npm run build && node scripts/e2e-under-load.mjs [N]
// Bounded: each busy loop stops by itself after 30 minutes even if this script is killed.
import { spawn, spawnSync } from 'node:child_process'
import { availableParallelism } from 'node:os'

const runs = Number(process.argv[2] ?? 5)
const burners = Array.from({ length: availableParallelism() }, () =>
  spawn(
    process.execPath,
    ['-e', 'const end = Date.now() + 30 * 60_000; while (Date.now() < end) {}'],
    {
      stdio: 'ignore',
    },
  ),
)
const results = []
try {
  for (let i = 1; i <= runs; i++) {
    const started = Date.now()
    const run = spawnSync('npx', ['playwright', 'test', '--reporter=line'], {
      stdio: 'inherit',
      env: { ...process.env, PW_JSON_REPORT: `test-results/playwright-load-${i}.json` },
    })
    results.push({
      run: i,
      ok: run.status === 0,
      seconds: Math.round((Date.now() - started) / 1000),
    })
    console.error(`e2e under load: run ${i} of ${runs}: ${run.status === 0 ? 'passed' : 'FAILED'}`)
  }
} finally {
  for (const burner of burners) burner.kill()
}
for (const r of results)
  console.error(`run ${r.run}: ${r.ok ? 'passed' : 'FAILED'} in ${r.seconds} s`)
process.exit(results.every((r) => r.ok) ? 0 : 1)
