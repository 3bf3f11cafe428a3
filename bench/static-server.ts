// A tiny static file server for the floor app's build: node:http and fs, nothing else, so the
// floor's startup time is not flattered or penalised by a framework the Workbench does not use.
import { createReadStream, existsSync, statSync } from 'node:fs'
import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { extname, join, normalize } from 'node:path'

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.json': 'application/json',
}

export type StaticServer = { url: string; close: () => Promise<void> }

export async function startStaticServer(root: string): Promise<StaticServer> {
  const server: Server = createServer((req, res) => {
    const pathname = decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname)
    // normalize() plus the prefix check keeps requests inside root.
    let file = normalize(join(root, pathname))
    if (!file.startsWith(root) || !existsSync(file) || statSync(file).isDirectory())
      file = join(root, 'index.html')
    res.writeHead(200, { 'Content-Type': TYPES[extname(file)] ?? 'application/octet-stream' })
    createReadStream(file).pipe(res)
  })
  return listenOnLoopback(server)
}

/** Listens on a free loopback port; close() also drops kept-alive connections (and runs `cleanup`). */
export async function listenOnLoopback(
  server: Server,
  cleanup: () => void = () => {},
): Promise<StaticServer> {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as AddressInfo
  return {
    url: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        cleanup()
        server.closeAllConnections()
        server.close(() => resolve())
      }),
  }
}
