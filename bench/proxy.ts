// Proxy section: what the Workbench's /proxy adds on top of the simulator. Three paths to the same
// in-memory simulator, measured in the same run and interleaved round by round:
//   direct  POST <server>/sim/handles             (no proxy: the baseline)
//   proxy   POST <server>/proxy/handles            (the Workbench proxy, X-Workbench-Upstream: simulator)
//   bare    POST <bare>/handles -> <server>/sim    (a minimal node:http pass-through: the reference)
// Latency is sequential (concurrency 1), interleaved call by call; throughput is 20 requests in flight
// for a fixed time per path.
import {
  Agent,
  createServer,
  request as httpRequest,
  type IncomingHttpHeaders,
  type Server,
} from 'node:http'
import { Pool } from 'undici'
import { INVITE_HEADERS, inviteBody } from './mpsd-request'
import { listenOnLoopback } from './static-server'
import { percentile } from './stats'
import type { Figure } from './table'

export const P50_ADDED_TARGET_MS = 0.5
export const P99_ADDED_TARGET_MS = 5
export const THROUGHPUT_SHARE_TARGET = 0.5
const ROUNDS = 10
const PER_ROUND = 200
const CONCURRENCY = 20
const THROUGHPUT_WINDOW_MS = 2_000
const THROUGHPUT_ROUNDS = 2

export type BareProxy = { url: string; close: () => Promise<void> }

/** The reference: forwards every request to `${upstream}${path}` with a keep-alive agent, nothing more. */
export async function startBareProxy(upstream: string): Promise<BareProxy> {
  const target = new URL(upstream)
  const agent = new Agent({ keepAlive: true, maxSockets: 64 })
  const server: Server = createServer((req, res) => {
    const headers: IncomingHttpHeaders = { ...req.headers, host: target.host }
    delete headers.connection
    const upstreamReq = httpRequest(
      {
        agent,
        host: target.hostname,
        port: target.port,
        method: req.method,
        path: `${target.pathname.replace(/\/$/, '')}${req.url ?? '/'}`,
        headers,
      },
      (upstreamRes) => {
        res.writeHead(upstreamRes.statusCode ?? 502, upstreamRes.headers)
        upstreamRes.pipe(res)
      },
    )
    upstreamReq.on('error', () => {
      if (!res.headersSent) res.writeHead(502)
      res.end()
    })
    req.pipe(upstreamReq)
  })
  return listenOnLoopback(server, () => agent.destroy())
}

type Variant = {
  name: 'direct' | 'proxy' | 'bare'
  pool: Pool
  path: string
  headers: Record<string, string>
}

/** One invite POST; resolves to its wall time in ms. Any answer but 201 counts as an error. */
async function send(variant: Variant, body: string, errors: Map<string, number>): Promise<number> {
  const started = performance.now()
  const response = await variant.pool.request({
    method: 'POST',
    path: variant.path,
    headers: variant.headers,
    body,
  })
  await response.body.text()
  const elapsed = performance.now() - started
  if (response.statusCode !== 201) {
    const key = `${variant.name} ${response.statusCode}`
    errors.set(key, (errors.get(key) ?? 0) + 1)
  }
  return elapsed
}

async function throughput(
  variant: Variant,
  body: string,
  errors: Map<string, number>,
): Promise<number> {
  let done = 0
  const deadline = performance.now() + THROUGHPUT_WINDOW_MS
  const started = performance.now()
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      while (performance.now() < deadline) {
        await send(variant, body, errors)
        done++
      }
    }),
  )
  return done / ((performance.now() - started) / 1000)
}

export async function measureProxy(serverUrl: string): Promise<Figure[]> {
  const bare = await startBareProxy(`${serverUrl}/sim`)
  const serverPool = new Pool(serverUrl, { connections: CONCURRENCY })
  const barePool = new Pool(bare.url, { connections: CONCURRENCY })
  const variants: Variant[] = [
    { name: 'direct', pool: serverPool, path: '/sim/handles', headers: INVITE_HEADERS },
    {
      name: 'proxy',
      pool: serverPool,
      path: '/proxy/handles',
      headers: { ...INVITE_HEADERS, 'x-workbench-upstream': 'simulator' },
    },
    { name: 'bare', pool: barePool, path: '/handles', headers: INVITE_HEADERS },
  ]
  const body = inviteBody()
  const errors = new Map<string, number>()
  const latencies: Record<Variant['name'], number[]> = { direct: [], proxy: [], bare: [] }
  const rates: Record<Variant['name'], number[]> = { direct: [], proxy: [], bare: [] }
  try {
    // Warm-up: JIT, keep-alive sockets and the simulator's maps, none of it recorded.
    for (const variant of variants)
      for (let i = 0; i < PER_ROUND; i++) await send(variant, body, new Map())
    // Interleaved call by call (direct, proxy, bare, then rotated), so a stall of the machine (a GC,
    // another process) lands on all three paths alike and p99s stay comparable; with whole blocks
    // per path, one noisy block made "added p99" negative on a busy machine.
    for (let i = 0; i < ROUNDS * PER_ROUND; i++) {
      for (let k = 0; k < variants.length; k++) {
        const variant = variants[(i + k) % variants.length]
        if (variant) latencies[variant.name].push(await send(variant, body, errors))
      }
    }
    for (let round = 0; round < THROUGHPUT_ROUNDS; round++) {
      for (let k = 0; k < variants.length; k++) {
        const variant = variants[(round + k) % variants.length]
        if (variant) rates[variant.name].push(await throughput(variant, body, errors))
      }
    }
  } finally {
    await serverPool.close()
    await barePool.close()
    await bare.close()
  }
  const p = (name: Variant['name'], q: number) => percentile(latencies[name], q)
  const rate = (name: Variant['name']) => Math.max(...rates[name])
  const added50 = p('proxy', 50) - p('direct', 50)
  const added99 = p('proxy', 99) - p('direct', 99)
  const bare50 = p('bare', 50) - p('direct', 50)
  const bare99 = p('bare', 99) - p('direct', 99)
  const errorNote = errors.size
    ? `; non-201 answers: ${[...errors].map(([k, n]) => `${k}×${n}`).join(', ')}`
    : ''
  const n = ROUNDS * PER_ROUND
  return [
    {
      section: 'proxy',
      figure: 'Proxy added latency p50 (c=1)',
      value: added50,
      unit: 'ms',
      reference: bare50,
      referenceLabel: 'bare proxy',
      target: `≤ ${P50_ADDED_TARGET_MS} ms`,
      pass: added50 <= P50_ADDED_TARGET_MS && errors.size === 0,
      note: `p50 direct ${p('direct', 50).toFixed(2)} ms, proxy ${p('proxy', 50).toFixed(2)} ms, bare ${p('bare', 50).toFixed(2)} ms over ${n} calls each${errorNote}`,
    },
    {
      section: 'proxy',
      figure: 'Proxy added latency p99 (c=1)',
      value: added99,
      unit: 'ms',
      reference: bare99,
      referenceLabel: 'bare proxy',
      target: `≤ ${P99_ADDED_TARGET_MS} ms`,
      pass: added99 <= P99_ADDED_TARGET_MS && errors.size === 0,
      note: `p99 direct ${p('direct', 99).toFixed(2)} ms, proxy ${p('proxy', 99).toFixed(2)} ms, bare ${p('bare', 99).toFixed(2)} ms`,
    },
    {
      section: 'proxy',
      figure: `Proxy throughput (c=${CONCURRENCY})`,
      value: rate('proxy'),
      unit: 'req/s',
      reference: rate('bare'),
      referenceLabel: 'bare proxy',
      target: `≥ ${THROUGHPUT_SHARE_TARGET * 100} % of bare`,
      pass: rate('proxy') >= THROUGHPUT_SHARE_TARGET * rate('bare') && errors.size === 0,
      note: `best of ${THROUGHPUT_ROUNDS} × ${THROUGHPUT_WINDOW_MS / 1000} s windows; direct to simulator ${rate('direct').toFixed(0)} req/s`,
    },
  ]
}
