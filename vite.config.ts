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
    modulePreload: {
      polyfill: false,
      resolveDependencies: (_file, deps, { hostType }) => (hostType === 'html' ? deps : []),
    },
    rolldownOptions: {
      output: {
        // What the first page load needs is two files: React DOM (and its scheduler), and everything
        // else (the other libraries and the composer). Left alone, the bundler cuts out every module
        // the lazy views share with the entry (settings, limits, the request builder...): seven
        // files, each its own request and gzip overhead. One file is no better: the browser parses
        // a script on one background thread, and two halves parse side by side (`npm run bench`).
        codeSplitting: {
          groups: [
            {
              name: 'react-dom',
              test: /node_modules[\\/](react-dom|scheduler)[\\/]/,
              priority: 1,
            },
            { name: 'initial', tags: ['$initial'] },
          ],
        },
      },
    },
  },
})
