// Mounts the server app into `vite` (dev) and `vite preview`, so /proxy and /sim work there too.
import type { IncomingMessage, ServerResponse } from 'node:http'
import type { Plugin } from 'vite'
import { getRequestListener } from '@hono/node-server'
import { readConfig } from './config'
import { createWorkbenchApp, SERVER_PATH_PREFIXES } from './app'

export function workbenchServerPlugin(): Plugin {
  const mount = (middlewares: {
    use: (fn: (req: IncomingMessage, res: ServerResponse, next: () => void) => void) => void
  }) => {
    const listener = getRequestListener(createWorkbenchApp(readConfig()).fetch)
    middlewares.use((req, res, next) => {
      const url = req.url ?? '/'
      if (
        SERVER_PATH_PREFIXES.some(
          (p) => url === p || url.startsWith(`${p}/`) || url.startsWith(`${p}?`),
        )
      ) {
        void listener(req, res)
      } else {
        next()
      }
    })
  }
  return {
    name: 'handles-workbench-server',
    configureServer(server) {
      mount(server.middlewares)
    },
    configurePreviewServer(server) {
      mount(server.middlewares)
    },
  }
}
