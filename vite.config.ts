import { defineConfig } from 'vite'
import react from '@vitejs/plugin-react'
import { workbenchServerPlugin } from './src/server/vite-plugin'

// The same Hono app that `npm start` serves is mounted into Vite's dev and preview servers, so
// /proxy and /sim behave identically in every mode.
export default defineConfig({
  plugins: [react(), workbenchServerPlugin()],
  server: {
    host: process.env.HOST ?? '127.0.0.1',
    port: Number(process.env.PORT ?? 5173),
    strictPort: true,
  },
  preview: {
    host: process.env.HOST ?? '127.0.0.1',
    port: Number(process.env.PORT ?? 5173),
    strictPort: true,
  },
  build: {
    target: 'es2022',
    // No inline module-preload polyfill: the served CSP forbids inline scripts.
    modulePreload: { polyfill: false },
    rolldownOptions: {
      output: {
        // The stack every view needs goes in one chunk. Left alone, the bundler cuts it into pieces
        // shared with the lazy views, and each piece costs its own request and gzip overhead
        // (about 4 KB more at first load, measured by `npm run bench`).
        codeSplitting: {
          groups: [
            {
              name: 'stack',
              test: /node_modules[\\/](react|react-dom|scheduler|@tanstack[\\/](query-core|react-query)|react-hook-form|@hookform[\\/]resolvers|zod|wouter|regexparam|use-sync-external-store)[\\/]/,
            },
          ],
        },
      },
    },
  },
})
