import { defineConfig } from 'vite'

// The CLI as one self-contained ES module for Node 20 (decision 070): its TypeScript and zod are
// bundled in, Node's built-ins stay imports, so the bin runs with no TypeScript and no node_modules.
export default defineConfig({
  publicDir: false,
  logLevel: 'warn',
  ssr: { noExternal: true, target: 'node' },
  build: {
    ssr: 'src/cli/main.ts',
    outDir: 'bin',
    emptyOutDir: false,
    target: 'node20',
    minify: false,
    rolldownOptions: {
      output: { entryFileNames: 'handles-workbench.mjs', banner: '#!/usr/bin/env node' },
    },
  },
})
