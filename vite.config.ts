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
        // Everything the first page load needs (the stack and the composer) goes in the entry chunk.
        // Left alone, the bundler cuts out every module the lazy views share with it (the stack,
        // settings, limits, the request builder...): seven files at first load, each its own
        // request to the server and its own gzip overhead. One file loads sooner (`npm run bench`).
        codeSplitting: {
          groups: [{ name: 'initial', tags: ['$initial'] }],
        },
      },
    },
  },
})
