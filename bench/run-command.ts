// Run section: 1,000 requests through `handles-workbench run` (runCommand, in this process: the
// presets file and a 1,000-row CSV read, the plan, the proxy core, the simulator, the checks and
// the JSON report), with the throttle off (--no-throttle: no pacing, no simulated 429s). Reference:
// a plain loop of the same 1,000 invites posted straight to an in-process simulator, awaiting
// each answer, in the same run, so the ratio is what planning, the proxy hop and the checks cost.
import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { runCommand } from '../src/cli/run-command'
import { createSimulatorApp } from '../src/server/simulator/simulator'
import { BENCH_SCID, INVITE_HEADERS, benchXuid, inviteBody } from './mpsd-request'
import type { Figure } from './table'

export const RUN_REQUESTS = 1_000
export const RUN_TARGET_S = 10

const presetsFile = {
  type: 'handles-workbench/presets',
  version: 2,
  presets: [
    {
      id: 'bench',
      name: 'Bench invite',
      tags: [],
      description: '',
      createdAt: 1,
      updatedAt: 1,
      request: {
        v: 1,
        kind: 'invite',
        sessionRef: { scid: BENCH_SCID, templateName: 'deathmatch', name: 'bench-session' },
        invite: {
          invitedXuid: '{{xuid}}',
          titleId: '1234',
          context: '',
          contextString: '///bench',
          senderString: '',
        },
        contractVersion: 107,
        expect: [
          { kind: 'statusIs', target: '', value: '201' },
          { kind: 'jsonExists', target: '$.id', value: '' },
        ],
      },
    },
  ],
}

async function timeRun(dir: string, offset: number): Promise<{ seconds: number; code: number }> {
  const rows = Array.from({ length: RUN_REQUESTS }, (_, i) => benchXuid(offset + i))
  const data = join(dir, `data-${offset}.csv`)
  await writeFile(data, `xuid\n${rows.join('\n')}\n`)
  const started = performance.now()
  const code = await runCommand(
    {
      presets: join(dir, 'presets.json'),
      env: undefined,
      data,
      upstream: 'sim',
      reporters: new Set(['json']),
      out: join(dir, `out-${offset}`),
      simRules: 'lenient',
      throttle: false,
    },
    { stdout: () => {}, stderr: () => {} },
    {},
  )
  return { seconds: (performance.now() - started) / 1000, code }
}

async function timeLoop(offset: number): Promise<number> {
  const simulator = createSimulatorApp({ latencyMs: 0, failRate: 0, throttle: false })
  const started = performance.now()
  for (let i = 0; i < RUN_REQUESTS; i++) {
    const response = await simulator.fetch(
      new Request('http://127.0.0.1/handles', {
        method: 'POST',
        headers: INVITE_HEADERS,
        body: inviteBody(benchXuid(offset + i)),
      }),
    )
    await response.text()
  }
  return (performance.now() - started) / 1000
}

export async function measureRunCommand(): Promise<Figure[]> {
  const dir = await mkdtemp(join(tmpdir(), 'handles-workbench-bench-run-'))
  try {
    await writeFile(join(dir, 'presets.json'), JSON.stringify(presetsFile))
    await timeRun(dir, 900_000) // warm-up, not recorded
    await timeLoop(800_000)
    const loop = await timeLoop(300_000)
    const run = await timeRun(dir, 400_000)
    const perSecond = RUN_REQUESTS / run.seconds
    return [
      {
        section: 'run',
        figure: `\`run\` of ${RUN_REQUESTS} requests, throttle off`,
        value: run.seconds,
        unit: 's',
        reference: loop,
        referenceLabel: 'loop straight to sim',
        target: `≤ ${RUN_TARGET_S} s, exit 0`,
        pass: run.seconds <= RUN_TARGET_S && run.code === 0,
        note: `${perSecond.toFixed(0)} req/s, ${(RUN_REQUESTS / loop).toFixed(0)} req/s for the loop (${((loop / run.seconds) * 100).toFixed(0)} %); exit ${run.code}`,
      },
    ]
  } finally {
    await rm(dir, { recursive: true, force: true })
  }
}
